"""The problems people see: one base type, so the CLI and the app render every one of them the same way.

A `UserError` is something a user can act on (a refused file, bad data/, a talk that cannot be shown, a
folder publish refuses): a summary, and each problem with where it is (file, row, column) as far as that is
known. The CLI prints `lines()` and exits with `exit_code`; the app shows `summary` and `located()` as a
table (ipsdash.ui.problems). Neither ever shows a stack trace. Everything else that goes wrong is a bug
and is reported as one sentence.

Imports only ipsdash.i18n (every layer may raise these). What is wrong is written in the language in use
when the problem is made; the counts and their framing, when they are shown.
"""

from __future__ import annotations

from collections.abc import Sequence

from ipsdash.i18n import ngettext
from ipsdash.i18n.formats import number

MAX_LINES = 200  # problems printed by the CLI; the count of all of them is always exact


class UserError(Exception):
    """A problem a user can act on. `outcome` says what happened ("nothing was imported"), or on its own what
    is wrong; `problems` are objects whose str() says what is wrong and where (they may carry `file`, `row`
    and `column`); `total` counts them all when only some are kept; `file` names what they are about."""

    exit_code = 1  # 2: the input given was refused; 1: something else stopped the command
    scope = ""  # where all the problems are, e.g. "data/" ("3 problem(s) in data/"); a folder name, not translated

    def __init__(self, outcome: str, problems: Sequence = (), total: int | None = None, file: str = ""):
        self.outcome = outcome
        self.problems = list(problems)
        self.total = len(self.problems) if total is None else total
        self.file = file
        super().__init__("\n".join(self.lines(limit=20)))

    @property
    def summary(self) -> str:
        """One sentence: how many problems and what happened (or, without problems, the outcome itself)."""
        if not self.total:
            return self.outcome
        return self._count_line(self.scope or self.file)

    def _count_line(self, place: str) -> str:
        """'4 problem(s) in teams.csv; nothing was imported.' (without a place: '4 problem(s); ...')."""
        count = number(self.total, 0)
        if place:
            message = ngettext(
                "{count} problem(s) in {place}; {outcome}", "{count} problem(s) in {place}; {outcome}", self.total
            )
            return message.format(count=count, place=place, outcome=self.outcome)
        message = ngettext("{count} problem(s); {outcome}", "{count} problem(s); {outcome}", self.total)
        return message.format(count=count, outcome=self.outcome)

    def lines(self, limit: int = MAX_LINES, where: str = "") -> list[str]:
        """As the CLI prints it: each problem (prefixed with the file, where one is named), then the count of
        all of them and what happened; without problems, the outcome, its first line prefixed."""
        where = where or self.file
        prefix = f"{where}: " if where else ""
        if not self.problems and not self.total:
            first, *rest = self.outcome.splitlines() or [""]
            return [f"{prefix}{first}", *rest]
        shown = [f"{prefix}{p}" for p in self.problems[:limit]]
        left_out = self.total - len(shown)
        if left_out > 0:
            more = ngettext(
                "... and {left_out} more; {total} problems in all; {outcome}",
                "... and {left_out} more; {total} problems in all; {outcome}",
                self.total,
            ).format(left_out=number(left_out, 0), total=number(self.total, 0), outcome=self.outcome)
            return [*shown, f"{prefix}{more}"]
        return [*shown, f"{prefix}{self._count_line(self.scope)}"]

    def located(self) -> list[tuple[str, int | None, str, str]]:
        """(file, row, column, what is wrong) for each problem kept, for a table; blanks where not known."""
        return [
            (
                str(getattr(p, "file", "") or self.file),
                getattr(p, "row", 0) or None,
                str(getattr(p, "column", "") or ""),
                str(getattr(p, "message", p)),
            )
            for p in self.problems
        ]

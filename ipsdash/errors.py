"""The problems people see: one base type, so the CLI and the app render every one of them the same way.

A `UserError` is something a user can act on (a refused file, bad data/, a talk that cannot be shown, a
folder publish refuses): a summary, and each problem with where it is (file, row, column) as far as that is
known. The CLI prints `lines()` and exits with `exit_code`; the app shows `summary` and `located()` as a
table (ipsdash.ui.problems). Neither ever shows a stack trace. Everything else that goes wrong is a bug
and is reported as one sentence.

Imports nothing from the package: every layer may raise these.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_LINES = 200  # problems printed by the CLI; the count of all of them is always exact


class UserError(Exception):
    """A problem a user can act on. `outcome` says what happened ("nothing was imported"), or on its own what
    is wrong; `problems` are objects whose str() says what is wrong and where (they may carry `file`, `row`
    and `column`); `total` counts them all when only some are kept; `file` names what they are about."""

    exit_code = 1  # 2: the input given was refused; 1: something else stopped the command
    scope = ""  # e.g. " in data/", after the count of problems

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
        where = f" in {self.file}" if self.file and not self.scope else self.scope
        return f"{self.total:,} problem(s){where}; {self.outcome}"

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
            return [*shown, f"{prefix}... and {left_out:,} more; {self.total:,} problems in all; {self.outcome}"]
        return [*shown, f"{prefix}{self.total:,} problem(s){self.scope}; {self.outcome}"]

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

"""Disclosure control for pooled programme figures: small groups suppressed, and a second cell suppressed
wherever one would otherwise be recovered by subtraction from a total shown elsewhere.

A table of cells (a group of programmes each, with additive measures such as programmes, clients served
and clients employed) is published along `lines`: sets of cells whose totals a reader can see or work out
(the pooled learning community is the sum of its localities; the programmes drawn are the sum of the
groups). A cell of fewer than MIN_GROUP programmes is suppressed (primary). Then, line by line, the
suppressed cells of a line must together leave nothing exact to subtract: at least two of them, their
programmes at least MIN_GROUP, and, for every measure, more than its smallest possible value in each
(a residual of two programmes over two cells would give one each; a residual of zero employed over any
number of cells gives zero each). Where a line falls short, its smallest other cell is suppressed too
(complementary), and where it has no other cell the line's total is withheld. Cells a viewer may see
anyway (`known`: their own programmes) are never secret and never chosen as complements, since hiding
them from their owner hides nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ipsdash.i18n import _, formats

MIN_GROUP = 5  # programmes in the smallest group shown: the project's choice, the usual small-cell rule
COUNT = "programmes"  # the measure that counts a cell's programmes: each hidden cell holds at least one


@dataclass(frozen=True)
class Protection:
    """Which cells to leave out (primary and complementary) and which lines' totals to withhold."""

    primary: frozenset
    complementary: frozenset
    withheld: frozenset  # indexes into the lines given

    @property
    def suppressed(self) -> frozenset:
        """Every cell left out."""
        return self.primary | self.complementary


def protect(
    cells: Mapping[Hashable, Mapping[str, float]],
    lines: Sequence[Iterable[Hashable]],
    known: Iterable[Hashable] = (),
    min_group: int = MIN_GROUP,
    hidden_elsewhere: Iterable[Hashable] = (),
) -> Protection:
    """The cells to suppress so that no secret cell's measures can be worked out from the shown cells and
    the lines' totals. `cells` maps a cell to its measures (COUNT among them). `hidden_elsewhere`: cells a
    table of the same cells shown to others leaves out (a signed-in lead's pool of the programmes outside
    their scope hides what the public table hides, so the two tables side by side give nothing away)."""
    known = frozenset(known)
    lines = [tuple(line) for line in lines]
    small = {k for k, m in cells.items() if 0 < m[COUNT] < min_group and k not in known}
    primary = frozenset(small | {k for k in hidden_elsewhere if k in cells and cells[k][COUNT] > 0})
    hidden, withheld = set(primary), set()
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if i in withheld or _safe([k for k in line if k in hidden], cells, min_group):
                continue
            candidates = [k for k in line if k not in hidden and k not in known and cells[k][COUNT] > 0]
            if candidates:
                hidden.add(min(candidates, key=lambda k: (cells[k][COUNT], str(k))))
            else:
                withheld.add(i)
            changed = True
    return Protection(primary, frozenset(hidden - primary), frozenset(withheld))


def _safe(hidden: list, cells: Mapping[Hashable, Mapping[str, float]], min_group: int) -> bool:
    """Whether the hidden cells of one line leave every one of them undetermined by the line's total."""
    if not hidden:
        return True
    if len(hidden) < 2:
        return False
    for measure in cells[hidden[0]]:
        residual = sum(cells[k][measure] for k in hidden)
        least = 1 if measure == COUNT else 0
        if residual <= least * len(hidden):
            return False
    return sum(cells[k][COUNT] for k in hidden) >= min_group


def note(protection: Protection, what: str = "groups") -> str:
    """A sentence saying how many cells are left out and why, without saying which were small; `what` the
    cells are: 'groups' (of programmes) or 'localities'."""
    count = len(protection.suppressed)
    if not count:
        return ""
    if what == "localities":
        text = _(
            "{count} localities not shown: those of fewer than {min_group} programmes, and as many others as it "
            "takes so that none can be worked out by subtracting the shown ones from a total."
        )
    else:
        text = _(
            "{count} groups not shown: those of fewer than {min_group} programmes, and as many others as it takes "
            "so that none can be worked out by subtracting the shown ones from a total."
        )
    text = text.format(count=formats.number(count), min_group=formats.number(MIN_GROUP))
    if protection.withheld:
        text += " " + _("A total that would give one away is withheld.")
    return text

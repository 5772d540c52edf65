"""A view cites the union of the sources behind what it draws, derived values included."""

from __future__ import annotations

import pandas as pd

from ipsdash.domain import provenance


def _rows(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["value", "source_id", "source_short", "locator"])


def test_cite_is_the_union_in_order_without_blanks():
    counts = _rows((5, "b", "B", "Table 1"), (9, "a", "A", "Results"), (7, "b", "B", "Table 1"))
    population = _rows((17e6, "wb", "World Bank", "SP.POP.TOTL"), (None, "", "", ""))
    cited = provenance.cite(counts, population, None, pd.DataFrame())
    assert cited.values.tolist() == [
        ["b", "B", "Table 1"],
        ["a", "A", "Results"],
        ["wb", "World Bank", "SP.POP.TOTL"],
    ]


def test_source_line_groups_locators_per_source():
    cited = provenance.cite(_rows((1, "a", "A", "Results"), (2, "a", "A", "Methods"), (3, "c", "C", None)))
    assert provenance.source_line(cited) == "Sources: A (Results; Methods); C"
    assert provenance.source_line(provenance.cite()) == "Source: none"

"""Complementary suppression holds under arithmetic: for generated programme data, no suppressed group's
programmes, clients served or clients employed can be worked out from what is shown.

The attacker here is stronger than the pages: it knows every shown cell, every cell the viewer may see
anyway, and the total of every measure along every line that is not withheld (the pages state only some
of them), and that a hidden group holds at least one programme and employs no more than it serves. For
each hidden cell and measure a linear programme gives the least and the most that value can be; the
value is recovered when the two meet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from ipsdash.domain import disclosure
from ipsdash.views import fidelity

MEASURES = ("programmes", "served", "employed")


def _recovered(cells: dict, lines: list[list], protection: disclosure.Protection, known: set) -> list[tuple]:
    """(cell, measure) pairs an attacker can pin down exactly."""
    hidden = sorted(protection.suppressed, key=str)
    if not hidden:
        return []
    index = {(k, m): i for i, (k, m) in enumerate((k, m) for k in hidden for m in MEASURES)}
    eq_rows, eq_values = [], []
    for number, line in enumerate(lines):
        if number in protection.withheld:
            continue
        secret = [k for k in line if k in protection.suppressed]
        for measure in MEASURES:
            row = np.zeros(len(index))
            for k in secret:
                row[index[(k, measure)]] = 1
            if secret:
                eq_rows.append(row)
                eq_values.append(sum(cells[k][measure] for k in secret))
    ub_rows = []
    for k in hidden:  # employed <= served in every group
        row = np.zeros(len(index))
        row[index[(k, "employed")]], row[index[(k, "served")]] = 1, -1
        ub_rows.append(row)
    bounds = [(1, None) if m == "programmes" else (0, None) for (_, m) in index]
    found = []
    for (k, m), i in index.items():
        objective = np.zeros(len(index))
        ends = []
        for sign in (1, -1):
            objective[i] = sign
            result = linprog(
                objective,
                A_ub=np.array(ub_rows),
                b_ub=np.zeros(len(ub_rows)),
                A_eq=np.array(eq_rows) if eq_rows else None,
                b_eq=np.array(eq_values) if eq_rows else None,
                bounds=bounds,
                method="highs",
            )
            ends.append(sign * result.fun if result.status == 0 else (np.inf if sign < 0 else -np.inf))
        if ends[1] - ends[0] < 1e-6:
            found.append((k, m))
    return found


group = st.tuples(st.integers(1, 30), st.integers(0, 400)).flatmap(
    lambda t: st.tuples(st.just(t[0]), st.just(t[1]), st.integers(0, t[1]))
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(group, min_size=1, max_size=8), min_size=1, max_size=3),
    st.data(),
)
def test_no_suppressed_cell_can_be_recovered_from_the_totals(tables, data):
    """Localities by quarter (one line a quarter, as the report's pooled figures), some known to the viewer."""
    cells, lines = {}, []
    for q, table in enumerate(tables):
        lines.append([])
        for g, (n, served, employed) in enumerate(table):
            cells[(q, g)] = {"programmes": n, "served": served, "employed": employed}
            lines[-1].append((q, g))
    known = set(data.draw(st.sets(st.sampled_from(sorted(cells)), max_size=2)))
    protection = disclosure.protect(cells, lines, known)
    assert not (protection.suppressed & known)
    assert {k for k, c in cells.items() if c["programmes"] < disclosure.MIN_GROUP} - known <= protection.suppressed
    assert _recovered(cells, lines, protection, known) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(25, 125), st.integers(1, 80), st.integers(0, 100)),
        min_size=1,
        max_size=40,
    )
)
def test_the_public_fidelity_groups_give_no_small_group_away(programmes):
    """What the public fidelity view draws (groups by band) against the number of programmes it states."""
    points = pd.DataFrame(
        [
            {"programme_id": f"P{i}", "total_score": s, "served": served, "employment_rate_pct": share}
            for i, (s, served, share) in enumerate(programmes)
        ]
    )
    bands = pd.DataFrame({"band": ["low", "fair", "good"], "lower": [25, 74, 100], "upper": [73, 99, 125]})
    shown, protection = fidelity.public_groups(points, bands, "IPS-25")
    assert (shown["programmes"] >= disclosure.MIN_GROUP).all()
    band = pd.cut(points["total_score"], [25, 74, 100, 126], labels=["low", "fair", "good"], right=False)
    employed = points["served"] * points["employment_rate_pct"] / 100
    cells = {
        str(label): {
            "programmes": int((band == label).sum()),
            "served": float(points.loc[band == label, "served"].sum()),
            "employed": float(employed[band == label].sum()),
        }
        for label in band.cat.categories
        if (band == label).any()
    }
    assert set(shown["label"]) == set(cells) - protection.suppressed
    assert _recovered(cells, [list(cells)], protection, set()) == []

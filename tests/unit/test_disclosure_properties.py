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


@settings(max_examples=12, deadline=None)
@given(
    st.lists(st.lists(st.tuples(st.integers(1, 60), st.floats(0, 1)), min_size=1, max_size=7), min_size=2, max_size=5),
    st.data(),
)
def test_a_report_gives_no_locality_outside_its_scope_away(localities, data):
    """What a region lead's report shows of other localities (each pooled, and the learning community's
    total), against what the lead knows (their own programmes): no hidden locality can be worked out."""
    from ipsdash.views import report

    rows = []
    for g, programmes in enumerate(localities):
        for p, (served, share) in enumerate(programmes):
            employed = int(served * share)
            rows.append((f"G{g}P{p}", f"Team {p}", f"US-{'ABCDE'[g]}A", "2025-Q2", served, employed))
    quarters = pd.DataFrame(
        rows, columns=["programme_id", "name", "geo_code", "quarter", "clients_served", "clients_employed"]
    )
    quarters = quarters.assign(
        geo_name=quarters["geo_code"],
        is_synthetic=False,
        employment_rate_pct=quarters["clients_employed"] * 100.0 / quarters["clients_served"],
        n=8101,
        source_id="data:import:x",
        source_short="x.csv (imported 2025-07-01)",
        locator="",
    )
    empty = pd.DataFrame(
        columns=[
            "programme_id",
            "name",
            "geo_code",
            "review_date",
            "scale",
            "total_score",
            "source_id",
            "source_short",
            "locator",
        ]
    )
    benchmarks = pd.DataFrame(columns=["metric", "value", "source_id", "source_short", "locator"])
    facts = report.ReportData(quarters, empty, benchmarks, False)
    mine = data.draw(st.sampled_from(sorted(quarters["geo_code"].unique())))
    built = report.build(facts, report.Scope(frozenset([mine])), "2025-Q2")
    history, _, side_by_side = built.sections[:3]
    shown = set(side_by_side.data["label"])
    others = quarters[quarters["geo_code"] != mine]
    cells = {
        code: {
            "programmes": len(part),
            "served": float(part["clients_served"].sum()),
            "employed": float(part["clients_employed"].sum()),
        }
        for code, part in others.groupby("geo_code")
    }
    hidden = frozenset(code for code in cells if code not in shown)
    total_shown = (history.data["series"] == "Learning community (pooled)").any()
    seen = disclosure.Protection(hidden, frozenset(), frozenset() if total_shown else frozenset({0}))
    assert _recovered(cells, [list(cells)], seen, set()) == []
    assert all(cells[code]["programmes"] >= disclosure.MIN_GROUP for code in cells if code in shown)

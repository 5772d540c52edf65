"""Vague dates follow the one rule in data/schema.yml, and no area's first comes after a first inside it."""

from __future__ import annotations

import re

RULE = {"early": 2, "mid": 5, "late": 8, "the": 5}  # decade part -> year within the decade (conventions.vague_dates)
FIRSTS = ("first_programme", "first_trial")


def test_vague_dates_are_stored_by_the_rule(real_store):
    rows = real_store.execute(
        "SELECT 'milestones', geo_code, period, year FROM milestones "
        "UNION ALL SELECT 'observations', geo_code, period, year FROM observations"
    ).fetchall()
    wrong = []
    for table, geo, period, year in rows:
        match = re.search(r"\b(early|mid|late|the)[ -](\d{3})0s\b", period or "", re.IGNORECASE)
        if match:
            expected = int(match.group(2)) * 10 + RULE[match.group(1).lower()]
            if year != expected:
                wrong.append((table, geo, period, year, expected))
    assert wrong == []


def test_no_area_starts_after_an_area_inside_it(real_store):
    # A country's first is no later than its regions' firsts, Europe's no later than any European country's.
    for event in FIRSTS:
        later = real_store.execute(
            """
            WITH first AS (SELECT geo_code, min(year) AS year FROM milestones WHERE event = ? GROUP BY ALL),
            inside AS (
                SELECT parent_code AS outer_code, geo_code FROM geographies WHERE parent_code NOT IN ('', 'WLD')
                UNION ALL
                SELECT 'XEU', geo_code FROM geographies WHERE level = 'country' AND region = 'Europe'
            )
            SELECT i.outer_code, o.year, i.geo_code, f.year
            FROM inside i JOIN first f USING (geo_code) JOIN first o ON o.geo_code = i.outer_code
            WHERE o.year > f.year
            """,
            [event],
        ).fetchall()
        assert later == [], event

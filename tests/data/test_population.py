"""Populations for per-million figures: complete for the years they cover, cited, and equal to the public tables."""

from __future__ import annotations

import csv

import pytest

from ipsdash.paths import ROOT

POPULATION_TABLES = ROOT.parent / "shared" / "sources" / "population"
TABLE_SOURCES = {"worldbank_pop", "census_state_pop"}  # the rest are populations the documents state


def _population(con) -> dict[tuple[str, int], tuple[float, str]]:
    rows = con.execute("SELECT geo_code, year, population, source_id FROM population").fetchall()
    return {(code, year): (value, source) for code, year, value, source in rows}


def test_every_country_and_state_has_a_cited_population_for_each_year_covered(real_store):
    population = _population(real_store)
    areas = real_store.execute("SELECT geo_code, level FROM geographies WHERE level IN ('country', 'state')").fetchall()
    for code, level in areas:
        years = range(1990, 2025) if level == "country" else range(1990, 2019)
        source = "worldbank_pop" if level == "country" else "census_state_pop"
        assert [y for y in years if population.get((code, y), (None, None))[1] != source] == [], code
    # The Census table stops in 2018: no state row may carry it forward.
    assert not [key for key in population if key[0].startswith("US-") and key[1] > 2018]


def test_values_equal_the_public_tables(real_store):
    # Maintainers' check: the tables sit beside the project, never inside a user's clone.
    if not POPULATION_TABLES.is_dir():
        pytest.skip("maintainers only: ../shared/sources/population is not beside this checkout")
    names = dict(real_store.execute("SELECT name, geo_code FROM geographies WHERE level = 'state'").fetchall())
    public: dict[tuple[str, int], float] = {}
    with (POPULATION_TABLES / "world_bank_population_1960_2024.csv").open(encoding="utf-8") as f:
        public |= {(r["Country Code"], int(r["Year"])): float(r["Value"]) for r in csv.DictReader(f)}
    with (POPULATION_TABLES / "us_state_population_1900_2018.csv").open(encoding="utf-8") as f:
        states = [r for r in csv.DictReader(f) if r["state"] in names]
    public |= {(names[r["state"]], int(r["year"])): float(r["pop"]) for r in states}
    tables = {key: value for key, (value, source) in _population(real_store).items() if source in TABLE_SOURCES}
    differing = {key: value for key, value in tables.items() if public.get(key) != value}
    assert differing == {}

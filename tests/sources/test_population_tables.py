"""Maintainers' check: the populations in data/population.csv equal the public tables they cite
(World Bank, US Census) in ../shared/sources/population. Run by `make check-sources`."""

from __future__ import annotations

import csv

from tests.data.test_population import TABLE_SOURCES, _population
from tests.sources.conftest import SHARED_SOURCES

POPULATION_TABLES = SHARED_SOURCES / "population"


def test_values_equal_the_public_tables(real_store):
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

"""Populations for per-million figures: complete for the years they cover, cited, and equal to the public tables."""

from __future__ import annotations

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

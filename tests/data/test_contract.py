"""Contracts on the real store: the public views, citations, codes, and the known traps in the sources."""

from __future__ import annotations

import re

import pytest

from ipsdash.config import SCHEMA_PATH
from ipsdash.intake.validate import is_valid_geo_code, load_schema

CONTRACT = {
    "observations": [
        "geo_code",
        "geo_name",
        "metric",
        "year",
        "value",
        "unit",
        "qualifier",
        "source_id",
        "locator",
        "note",
    ],
    "milestones": ["geo_code", "event", "year", "qualifier", "source_id", "locator", "note"],
    "geographies": ["geo_code", "name", "level", "parent_code", "region", "ips_status"],
    "sources": ["source_id", "citation", "year", "url", "kind"],
}
COUNTRIES_2020 = {  # Bond, Lockett & van Weeghel (2020), "International growth"
    "USA",
    "NLD",
    "ITA",
    "ESP",
    "GBR",
    "CAN",
    "NZL",
    "AUS",
    "BEL",
    "CHN",
    "CZE",
    "DNK",
    "FRA",
    "DEU",
    "ISL",
    "IRL",
    "JPN",
    "NOR",
    "SWE",
    "CHE",
}


def _columns(con, view: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {view}").fetchall()]


@pytest.mark.parametrize("view", sorted(CONTRACT))
def test_public_views_have_the_contract_columns_in_order(real_store, view):
    assert _columns(real_store, view)[: len(CONTRACT[view])] == CONTRACT[view]


def test_every_view_column_is_described_in_the_data_dictionary(real_store):
    described = load_schema(SCHEMA_PATH)["views"]
    for view in ("observations", "milestones", "geographies", "sources", "metrics", "trials"):
        for column in _columns(real_store, view):
            assert re.search(rf"\b{column}\b", described[view]), f"{view}.{column} is not described in data/schema.yml"


def test_dataset_is_large_and_every_value_is_cited(real_store):
    n_values, n_uncited = real_store.execute(
        "SELECT count(*), count(*) FILTER (WHERE source_id NOT IN (SELECT source_id FROM sources)) FROM observations"
    ).fetchone()
    assert n_values >= 150
    assert n_uncited == 0
    assert real_store.execute("SELECT count(*) FROM sources WHERE n_values = 0").fetchone()[0] == 0
    blank = real_store.execute(
        "SELECT count(*) FROM observations WHERE locator = '' OR note = '' OR unit = '' OR qualifier = ''"
    ).fetchone()[0]
    assert blank == 0


def test_every_geography_code_is_valid_and_known(real_store):
    for code, level in real_store.execute("SELECT geo_code, level FROM geographies").fetchall():
        assert is_valid_geo_code(code, level), code
    orphans = real_store.execute(
        "SELECT DISTINCT geo_code FROM "
        "(SELECT geo_code FROM raw.observations UNION ALL SELECT geo_code FROM raw.milestones) "
        "WHERE geo_code NOT IN (SELECT geo_code FROM geographies)"
    ).fetchall()
    assert orphans == []


def test_the_twenty_countries_with_ips_in_2020_and_the_us_states(real_store):
    countries = {
        r[0]
        for r in real_store.execute(
            "SELECT geo_code FROM geographies WHERE level = 'country' AND ips_status = 'ips'"
        ).fetchall()
    }
    assert countries == COUNTRIES_2020
    states = real_store.execute("SELECT count(*) FROM geographies WHERE level = 'state'").fetchone()[0]
    assert states == 51  # 50 states and DC
    for code in ("GB-ENG", "IT-45", "ES-CT", "CA-QC"):
        assert real_store.execute("SELECT count(*) FROM geographies WHERE geo_code = ?", [code]).fetchone()[0] == 1


def test_us_programme_counts_that_count_different_things_are_different_series(real_store):
    def series_of(metric, value):
        return {
            r[0]
            for r in real_store.execute(
                "SELECT metric || ' / ' || series FROM observations "
                "WHERE geo_code = 'USA' AND metric = ? AND value = ?",
                [metric, value],
            ).fetchall()
        }

    survey_2019, lc_2019, lc_teams, estimate = (
        series_of("programmes", 857),
        series_of("lc_programmes", 486),
        series_of("lc_teams", 366),
        series_of("programmes", 1000),
    )
    assert survey_2019 and lc_2019 and lc_teams and estimate
    assert len({*survey_2019, *lc_2019, *lc_teams, *estimate}) == 4
    assert "programmes / All US programmes (national survey)" in survey_2019
    assert all("estimate" in s for s in estimate)


def test_19_and_20_countries_are_never_one_series(real_store):
    rows = real_store.execute(
        "SELECT metric, value FROM observations "
        "WHERE metric IN ('countries_with_ips', 'countries_with_ips_outside_usa')"
    ).fetchall()
    assert {v for m, v in rows if m == "countries_with_ips"} == {20}
    assert {v for m, v in rows if m == "countries_with_ips_outside_usa"} == {19}


def test_learning_community_start_is_shown_as_2001_and_2002_each_cited(real_store):
    rows = real_store.execute(
        "SELECT year, source_id FROM milestones WHERE event = 'learning_community_founded'"
    ).fetchall()
    assert {y for y, _ in rows} == {2001, 2002}
    assert len({s for _, s in rows}) == len(rows)


def test_trials_view_pairs_both_arms(real_store):
    eqolise = real_store.execute(
        "SELECT ips_pct, control_pct, participants FROM trials WHERE subject LIKE 'EQOLISE%'"
    ).fetchone()
    assert eqolise == (55.0, 28.0, 312.0)


PROGRAMME_CONTRACT = {
    "programmes": ["programme_id", "name", "geo_code", "start_year", "is_synthetic"],
    "programme_quarters": ["programme_id", "quarter", "clients_served", "clients_employed", "is_synthetic"],
    "fidelity_reviews": ["programme_id", "review_date", "scale", "total_score", "is_synthetic"],
}


@pytest.mark.parametrize("view", sorted(PROGRAMME_CONTRACT))
def test_programme_views_have_the_contract_columns(real_store, view):
    assert _columns(real_store, view)[: len(PROGRAMME_CONTRACT[view])] == PROGRAMME_CONTRACT[view]


def test_demonstration_set_is_flagged_and_calibrated(real_store):
    n, synthetic = real_store.execute("SELECT count(*), bool_and(is_synthetic) FROM programmes").fetchone()
    assert (n, synthetic) == (79, True)  # 79 sites, as in the IPS-25 validation study
    assert real_store.execute("SELECT bool_and(is_synthetic) FROM programme_quarters").fetchone()[0]
    r = real_store.execute(
        "SELECT corr(f.score, q.rate) FROM (SELECT programme_id, avg(total_score) AS score FROM fidelity_reviews "
        "GROUP BY ALL) f JOIN (SELECT programme_id, avg(employment_rate_pct) AS rate FROM programme_quarters "
        "GROUP BY ALL) q USING (programme_id)"
    ).fetchone()[0]
    assert 0.25 < r < 0.45  # calibrated to the published r = .34
    quarters = real_store.execute(
        "SELECT count(*) FROM programme_quarters WHERE NOT regexp_full_match(quarter, '\\d{4}-Q[1-4]')"
    ).fetchone()[0]
    assert quarters == 0

"""Coverage of places on the real store: every country with IPS has a cited start, the US states the
public record names are filled in, and leads keep their strength (data/lead_use.csv)."""

from __future__ import annotations

import csv

import pytest

from ipsdash.config import DATA_DIR
from ipsdash.store.queries import get_adoption_starts

START_EVENTS = ("first_programme", "first_trial", "national_policy", "jj_dartmouth_pilot")
# US states this dataset names as learning-community members (CT, SC, VT, DC, CO): the floor only rises.
MIN_US_MEMBERS = 5
LEAD_USE = DATA_DIR / "lead_use.csv"


def _lead_rows() -> list[dict]:
    with LEAD_USE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_country_with_ips_has_a_dated_cited_start(real_store):
    undated = real_store.execute(
        f"""
        SELECT g.geo_code FROM geographies g
        WHERE g.level = 'country' AND g.ips_status = 'ips' AND NOT EXISTS (
            SELECT 1 FROM milestones m JOIN sources s USING (source_id)
            WHERE m.geo_code = g.geo_code AND m.event IN {START_EVENTS}
              AND m.year IS NOT NULL AND m.locator <> '')
        """
    ).fetchall()
    assert undated == []


def test_the_world_map_shows_a_start_year_for_every_country_with_ips(real_store):
    # The map colours countries by first programme (a J&J pilot counts); a trial alone leaves "not documented".
    with_ips = {
        r[0]
        for r in real_store.execute(
            "SELECT geo_code FROM geographies WHERE level = 'country' AND ips_status = 'ips'"
        ).fetchall()
    }
    starts = get_adoption_starts(real_store, "country")
    assert with_ips - set(starts["geo_code"]) == set()
    assert starts["source_short"].ne("").all()


def test_lead_use_rows_resolve_to_store_rows_and_keep_their_strength(real_store):
    rows = _lead_rows()
    assert {r["outcome"] for r in rows} <= {"confirmed", "unconfirmed", "not_used"}
    assert {r["strength"] for r in rows} <= {"stated", "implied", "weak"}
    statuses = dict(real_store.execute("SELECT source_id, status FROM sources").fetchall())
    for row in (r for r in rows if r["file"]):
        table, column = ("milestones", "event") if row["file"] == "milestones.csv" else ("observations", "metric")
        year_clause = "year IS NULL" if row["year"] == "" else f"year = {int(row['year'])}"
        qualifiers = {
            q[0]
            for q in real_store.execute(
                f"SELECT qualifier FROM {table} WHERE geo_code = ? AND {column} = ? AND source_id = ? "
                f"AND {year_clause}",
                [row["geo_code"], row["kind"], row["source_id"]],
            ).fetchall()
        }
        where = f"lead {row['lead_id']} -> {table} {row['geo_code']} {row['kind']} {row['year']}"
        assert qualifiers, f"{where}: no such row in the store"
        if row["strength"] in ("implied", "weak"):
            assert "exact" not in qualifiers, f"{where}: an {row['strength']} lead is stored as exact"
        status = statuses[row["source_id"]]
        if row["outcome"] == "confirmed":
            assert status in ("checked", "read"), f"{where}: confirmed but the source is {status}"
        elif row["strength"] == "weak":
            assert status == "lead_weak", f"{where}: unconfirmed weak lead cited as {status}"
        else:
            assert status == "lead_unconfirmed", f"{where}: unconfirmed lead cited as {status}"


def test_no_value_from_a_weak_lead_is_stored_as_exact(real_store):
    exact = real_store.execute(
        """
        SELECT geo_code, source_id FROM (
            SELECT geo_code, source_id, qualifier FROM milestones
            UNION ALL SELECT geo_code, source_id, qualifier FROM observations)
        JOIN sources USING (source_id) WHERE status = 'lead_weak' AND qualifier = 'exact'
        """
    ).fetchall()
    assert exact == []


def test_every_us_member_state_is_named_with_its_join(real_store):
    members = real_store.execute(
        "SELECT geo_code FROM geographies WHERE level = 'state' AND lc_status = 'member' ORDER BY geo_code"
    ).fetchall()
    assert len(members) >= MIN_US_MEMBERS
    unjoined = real_store.execute(
        """
        SELECT geo_code FROM geographies g WHERE level = 'state' AND lc_status = 'member' AND NOT EXISTS (
            SELECT 1 FROM milestones m WHERE m.geo_code = g.geo_code
              AND m.event IN ('joined_learning_community', 'jj_dartmouth_pilot') AND m.year IS NOT NULL)
        """
    ).fetchall()
    assert unjoined == []
    # Named members can never outnumber the members the sources count.
    counted = real_store.execute("SELECT max(value) FROM observations WHERE metric = 'lc_states'").fetchone()[0]
    assert len(members) <= counted


@pytest.mark.parametrize("status", ["ips", "trials_only"])
def test_no_state_has_a_status_without_a_cited_fact_about_it(real_store, status):
    bare = real_store.execute(
        """
        SELECT g.geo_code FROM geographies g WHERE g.level = 'state' AND g.ips_status = ? AND NOT EXISTS (
            SELECT 1 FROM (SELECT geo_code, source_id, locator FROM milestones
                           UNION ALL SELECT geo_code, source_id, locator FROM observations) f
            JOIN sources USING (source_id) WHERE f.geo_code = g.geo_code AND f.locator <> '')
        """,
        [status],
    ).fetchall()
    assert bare == []


def test_states_named_with_ips_stay_within_the_survey_count_and_unnamed_stay_not_documented(real_store):
    named = real_store.execute(
        "SELECT count(*) FROM geographies WHERE level = 'state' AND ips_status = 'ips'"
    ).fetchone()[0]
    surveyed = real_store.execute(
        "SELECT max(value) FROM observations WHERE geo_code = 'USA' AND metric = 'states_with_ips' AND subject = ''"
    ).fetchone()[0]
    assert 0 < named <= surveyed
    # "Not named" is not "no IPS": the vocabulary has no state of absence, and the survey count is stored.
    statuses = {r[0] for r in real_store.execute("SELECT DISTINCT ips_status FROM geographies").fetchall()}
    assert statuses <= {"ips", "trials_only", "planned", "not_documented"}
    assert (
        real_store.execute(
            "SELECT count(DISTINCT year) FROM observations WHERE geo_code = 'USA' AND metric = 'states_with_ips'"
        ).fetchone()[0]
        >= 2
    )

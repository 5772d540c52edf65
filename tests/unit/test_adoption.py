"""Map categories by year: hand-made cases with known answers."""

from __future__ import annotations

import pandas as pd

from ipsdash.domain import adoption
from ipsdash.domain.formatting import date_text

AREAS = pd.DataFrame(
    [
        ("AAA", "Dated", "ips", "member"),
        ("BBB", "Undated", "ips", "not_member"),
        ("CCC", "Vague", "ips", "not_documented"),
        ("DDD", "Trial", "trials_only", "not_member"),
        ("EEE", "Nothing", "not_documented", "not_documented"),
    ],
    columns=["geo_code", "name", "ips_status", "lc_status"],
)
MILESTONES = pd.DataFrame(
    [
        ("AAA", "AAA", "Dated", "first_programme", 2003, "2003", "exact", "s1", "S1", "p. 1"),
        ("AAA", "AAA", "Dated", "joined_learning_community", 2012, "2012", "exact", "s1", "S1", "p. 2"),
        ("CCC", "CCC", "Vague", "first_programme", 2012, "by 2012", "at_most", "s2", "S2", "p. 3"),
        ("DDD", "DDD", "Trial", "first_trial", 2008, "published 2008", "at_most", "s3", "S3", "p. 4"),
    ],
    columns=[
        "area_code",
        "geo_code",
        "geo_name",
        "event",
        "year",
        "period",
        "qualifier",
        "source_id",
        "source_short",
        "locator",
    ],
)
VALUES = pd.DataFrame(
    [
        ("AAA", "programmes", 2014, 5.0, "programmes", "exact", "IPS programmes", "2014", "s1", "S1", "t. 1"),
        ("AAA", "programmes", 2019, 33.0, "programmes", "exact", "IPS programmes", "2019", "s1", "S1", "t. 2"),
        (
            "AAA",
            "programmes",
            2020,
            1000.0,
            "programmes",
            "estimate",
            "IPS programmes",
            "2020 est.",
            "s1",
            "S1",
            "t. 3",
        ),
        ("BBB", "clients_served", 2017, 435.0, "people", "exact", "Clients served", "2017", "s2", "S2", "t. 4"),
    ],
    columns=[
        "geo_code",
        "metric",
        "year",
        "value",
        "unit",
        "qualifier",
        "metric_label",
        "period",
        "source_id",
        "source_short",
        "locator",
    ],
)
YEARS = list(range(2000, 2021))


def _at(measure: str, code: str, year: int) -> str:
    table = adoption.categories_by_year(adoption.MEASURES[measure], AREAS, MILESTONES, VALUES, YEARS)
    return table.set_index(["geo_code", "year"]).at[(code, year), "category"]


def test_an_area_fills_in_the_year_its_first_programme_began():
    assert _at("first_programme", "AAA", 2002) == ""
    assert _at("first_programme", "AAA", 2003) == "bin1"  # 2000-2004
    assert _at("first_programme", "CCC", 2012) == "bin3"  # 'by 2012' is placed in 2012


def test_unknown_start_is_its_own_category_never_no_ips():
    # BBB has IPS but no start year: shown as present from its first dated fact (2017), not as "no IPS".
    assert _at("first_programme", "BBB", 2016) == ""
    assert _at("first_programme", "BBB", 2017) == "present"
    assert _at("first_programme", "DDD", 2008) == "trial"
    assert _at("first_programme", "EEE", 2020) == ""


def test_learning_community_membership_distinguishes_outside_from_undocumented():
    assert _at("learning_community", "AAA", 2002) == ""
    assert _at("learning_community", "AAA", 2011) == "present"  # had IPS, had not joined yet
    assert _at("learning_community", "AAA", 2012) == "bin1"
    assert _at("learning_community", "BBB", 2020) == "present"  # documented as not a member
    assert _at("learning_community", "CCC", 2020) == "unknown"  # membership not documented


def test_latest_count_ignores_estimates_and_later_years():
    assert _at("programmes", "AAA", 2014) == "bin0"  # 5 programmes: 1-9
    assert _at("programmes", "AAA", 2019) == "bin1"  # 33: 10-49
    assert _at("programmes", "AAA", 2020) == "bin1"  # the 2020 estimate is another series
    assert adoption.latest_values(VALUES, "programmes", 2020).at["AAA", "value"] == 33


def test_running_count_counts_what_the_measure_says():
    table = adoption.categories_by_year(adoption.MEASURES["first_programme"], AREAS, MILESTONES, VALUES, YEARS)
    at_2020 = table[table["year"] == 2020]["category"]
    assert sum(adoption.MEASURES["first_programme"].counts(k) for k in at_2020 if k) == 3  # AAA, BBB, CCC


def test_hover_summaries_say_when_and_how_sure():
    text = adoption.area_summaries(AREAS, MILESTONES, VALUES)
    assert "First programme: by 2012 (S2)" in text["CCC"]
    assert "IPS programmes: 33 (2019; S1)" in text["AAA"]
    assert "Learning-community member" in text["AAA"]


def test_vague_dates_keep_the_sources_wording():
    assert date_text(1992, "approx", "early 1990s") == "about 1992 (early 1990s)"
    assert date_text(2012, "at_most", "by 2012") == "by 2012"
    assert date_text(2003, "exact", "2003") == "2003"


def test_each_category_carries_the_row_that_decided_it():
    table = adoption.categories_by_year(adoption.MEASURES["first_programme"], AREAS, MILESTONES, VALUES, YEARS)
    decided = table.set_index(["geo_code", "year"])
    assert decided.at[("AAA", 2010), "source_id"] == "s1"  # its first-programme milestone
    assert decided.at[("BBB", 2017), "source_id"] == "s2"  # the first dated fact about it (a value)
    assert decided.at[("DDD", 2008), "source_id"] == "s3"  # its first trial
    assert decided.at[("AAA", 2002), "source_id"] == ""  # not drawn that year, so nothing cited
    assert set(table.loc[table["category"] == "", "source_id"]) == {""}

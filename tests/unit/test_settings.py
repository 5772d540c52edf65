"""Settings parse the same from a URL and from a talk slide, and nothing a user types can crash them."""

from __future__ import annotations

import pandas as pd
import pytest

from ipsdash.views import settings

MAP = settings.MapOptions(
    views={"world": "World", "us": "US states"},
    measures={
        "world": {"first_programme": "Year of first programme", "programmes": "Latest programme count"},
        "us": {"first_programme": "Year of first programme"},
    },
    years={"world": list(range(1990, 2025)), "us": list(range(1990, 2021))},
)
GROWTH = settings.GrowthOptions(
    pd.DataFrame(
        [
            ("USA", "United States (USA)", "programmes", "IPS programmes", "programmes", 7, 2016, 2020),
            ("USA", "United States (USA)", "lc_states", "Learning-community states", "states", 9, 2001, 2023),
            ("NLD", "Netherlands (NLD)", "programmes", "IPS programmes", "programmes", 4, 2003, 2019),
        ],
        columns=["geo_code", "geo_label", "metric", "metric_label", "unit", "n", "lo", "hi"],
    )
)


def _messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_a_url_and_a_talk_slide_give_the_same_settings_and_the_same_messages():
    from_url, url_problems = settings.parse_map({"view": ["us"], "year": ["2030"]}, MAP)
    from_talk, talk_problems = settings.parse_map({"view": "us", "year": 2030}, MAP)
    assert from_url == from_talk == settings.MapSettings("us", "first_programme", None)
    assert _messages(url_problems) == _messages(talk_problems) == ["year = '2030' is not a year between 1990 and 2020"]


@pytest.mark.parametrize("raw", ["²⁰¹⁰", "--2010", "-2010", "2010.0", " 20 10", "１９９９", "2e3", ""])
def test_years_are_ascii_digits_within_range_or_a_message(raw):
    chosen, problems = settings.parse_map({"year": [raw]}, MAP)
    assert chosen.year is None
    assert len(problems) == 1 and problems[0].field == "year"


def test_unusable_values_are_problems_never_exceptions():
    for raw in ({"view": {"a": 1}}, {"view": [["nested"]]}, {"view": None}, {"view": ["world", "us"]}):
        chosen, problems = settings.parse_map(raw, MAP)
        assert chosen.view == "world" and problems


def test_a_measure_is_checked_against_the_view_it_is_for():
    chosen, problems = settings.parse_map({"view": ["us"], "measure": ["programmes"]}, MAP)
    assert chosen.measure == "first_programme"
    assert _messages(problems) == ["measure = 'programmes' is not one of first_programme"]
    assert problems[0].fallback == "Year of first programme"


def test_growth_checks_areas_then_measures_for_those_areas_then_years():
    chosen, problems = settings.parse_growth(
        {"geo": ["NLD", "ATLANTIS"], "measure": ["lc_states"], "from": ["1990"], "events": ["maybe"]}, GROWTH
    )
    assert chosen.geo == ("NLD",) and chosen.measure == "programmes" and chosen.start is None
    assert _messages(problems) == [
        "geo = 'ATLANTIS' is not in the data",
        "measure = 'lc_states' is not one of programmes",
        "from = '1990' is not a year between 2003 and 2019",
        "events = 'maybe' is not 1 or 0",
    ]


def test_growth_defaults_and_switches_from_a_talk():
    chosen, problems = settings.parse_growth({"geo": ["USA"], "measure": "lc_states", "events": 1}, GROWTH)
    assert problems == []
    assert chosen == settings.GrowthSettings(("USA",), "lc_states", events=True)
    chosen, _ = settings.parse_growth({"from": "2019", "to": "2017"}, GROWTH)
    assert (chosen.start, chosen.end) == (None, None)


def test_overlong_values_are_refused_before_any_work():
    chosen, problems = settings.parse_growth({"geo": ["USA"] * 500}, GROWTH)
    assert chosen.geo == settings.DEFAULT_GEOS and "too long" in str(problems[0])
    chosen, problems = settings.parse_trials({"sort": "x" * 10_000})
    assert chosen.sort == "difference" and len(str(problems[0])) < 200


def test_figures_need_known_names():
    names = {"countries_with_ips": "Countries"}
    chosen, problems = settings.parse_figures({"figures": ["countries_with_ips", "unicorns"]}, names)
    assert chosen.keys == ("countries_with_ips",) and _messages(problems) == ["figures = 'unicorns' is not in the data"]
    _, problems = settings.parse_figures({}, names)
    assert _messages(problems) == ["figures = '' needs at least one key figure name"]


@pytest.mark.parametrize(
    ("parse", "options", "chosen"),
    [
        (settings.parse_map, MAP, settings.MapSettings("us", "first_programme", 2001)),
        (settings.parse_map, MAP, settings.MapSettings()),
        (
            settings.parse_growth,
            GROWTH,
            settings.GrowthSettings(("USA", "NLD"), "programmes", "indexed", "log", True, 2016, 2019),
        ),
        (settings.parse_trials, None, settings.TrialsSettings("year")),
    ],
)
def test_settings_round_trip_through_a_url(parse, options, chosen):
    assert parse(settings.to_params(chosen), options) == (chosen, [])


def test_a_slide_links_to_the_page_that_shows_its_view():
    from ipsdash.views import page_url

    assert page_url("map", settings.MapSettings("us", year=2010)) == "/map?view=us&year=2010"
    assert page_url("lc_comparison", settings.NoSettings()) == "/growth?tab=Learning+community+vs+outside"
    assert page_url("growth", settings.GrowthSettings(("USA", "NLD"))) == "/growth?geo=USA&geo=NLD"


def test_per_million_is_offered_only_for_counts_of_programmes_staff_or_people():
    chosen, problems = settings.parse_growth({"measure": ["lc_states"], "mode": ["per_million"]}, GROWTH)
    assert chosen.mode == "absolute" and [p.field for p in problems] == ["mode"]
    chosen, problems = settings.parse_growth({"measure": ["programmes"], "mode": ["per_million"]}, GROWTH)
    assert chosen.mode == "per_million" and problems == []


def test_a_reversed_year_range_is_a_problem():
    read = settings.Reader({"from": ["2020"], "to": ["2000"]})
    assert read.span(1990, 2024) == (None, None)
    assert [str(p) for p in read.problems] == ["from = '2020' is after to = 2000"]

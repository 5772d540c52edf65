"""The map page runs for every view and measure, keeps its state in the URL, and explains bad links."""

from __future__ import annotations

import pytest

from ipsdash import mapview


@pytest.fixture
def open_map(open_app):
    return lambda **params: open_app("pages/map.py", **params)


@pytest.mark.parametrize(("view", "measure"), [(v, m) for v, spec in mapview.VIEWS.items() for m in spec.measures])
def test_every_view_and_measure_draws(open_map, view, measure):
    app = open_map(view=view, measure=measure)
    assert len(app.get("plotly_chart")) == 1
    assert app.header[0].value.endswith(", as of 2024" if view != "us" else ", as of 2023")  # latest US fact


def test_changing_the_measure_changes_the_title_and_url(open_map):
    app = open_map()
    assert app.header[0].value == "Countries by year of first IPS programme, as of 2024"
    app.selectbox(key="url_measure").set_value("learning_community").run()
    assert app.header[0].value == "Countries by IPS Learning Community membership, as of 2024"
    assert app.query_params["measure"] in ("learning_community", ["learning_community"])


def test_year_and_area_come_from_the_link(open_map):
    app = open_map(year="2005", area="NLD")
    assert app.header[0].value.endswith("as of 2005")
    assert [s.value for s in app.subheader] == ["Profile: Netherlands (NLD)"]
    assert len(app.get("plotly_chart")) == 2  # the map and the Netherlands timeline


def test_bad_link_parameters_fall_back_with_a_message(open_map):
    app = open_map(view="mars", year="1800", area="ATLANTIS", measure="vibes")
    messages = " ".join(i.value for i in app.info)
    for bad in ("mars", "1800", "ATLANTIS", "vibes"):
        assert bad in messages
    assert app.header[0].value == "Countries by year of first IPS programme, as of 2024"


def test_us_view_offers_only_measures_it_has(open_map):
    app = open_map(view="us")
    assert app.selectbox(key="url_measure").options == ["Year of first programme", "Learning-community membership"]


def test_sub_national_areas_are_reachable_from_their_country(open_map):
    app = open_map(area="ITA")
    assert [s.value for s in app.subheader] == ["Profile: Italy (ITA)"]
    app.button(key="sub_IT-45").click().run()
    assert [s.value for s in app.subheader] == ["Profile: Emilia-Romagna, Italy (IT-45)"]
    assert app.query_params["area"] in ("IT-45", ["IT-45"])

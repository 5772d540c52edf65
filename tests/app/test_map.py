"""The map page runs for every view and measure, keeps its state in the URL, and explains bad links."""

from __future__ import annotations

import pytest

from ipsdash.views import map as map_view
from tests.app.conftest import page_text


@pytest.fixture
def open_map(open_app):
    return lambda **params: open_app("app_pages/map.py", **params)


@pytest.mark.parametrize(("view", "measure"), [(v, m) for v, spec in map_view.SPECS.items() for m in spec.measures])
def test_every_view_and_measure_draws(open_map, real_store, view, measure):
    app = open_map(view=view, measure=measure)
    assert len(app.get("plotly_chart")) == 1
    last = map_view.options(real_store).years[view][-1]
    assert app.header[0].value.endswith(f", as of {last}")


def test_changing_the_measure_changes_the_title_and_url(open_map):
    app = open_map()
    assert app.header[0].value.startswith("Countries by year of first IPS programme, as of ")
    app.selectbox(key="url_measure").set_value("learning_community").run()
    assert app.header[0].value.startswith("Countries by IPS Learning Community membership, as of ")
    assert app.query_params["measure"] in ("learning_community", ["learning_community"])


def test_year_and_area_come_from_the_link(open_map):
    app = open_map(year="2005", area="NLD")
    assert app.header[0].value.endswith("as of 2005")
    assert [s.value for s in app.subheader] == ["Profile: Netherlands (NLD)"]
    assert len(app.get("plotly_chart")) == 2  # the map and the Netherlands timeline


def test_an_areas_values_are_a_table_on_request(open_map):
    app = open_map(area="NLD")
    assert not app.dataframe  # the costly grid waits for the toggle; the download is there at once
    assert any(b.proto.label.startswith("Download the") for b in app.get("download_button"))
    app.toggle(key="area_values_NLD").set_value(True).run()
    table = app.dataframe[0].value
    assert len(table) > 0 and table["geo_name"].str.startswith("Netherlands").any()


def test_bad_link_parameters_fall_back_with_a_message(open_map):
    app = open_map(view="mars", year="1800", area="ATLANTIS", measure="vibes")
    text = page_text(app)
    for bad in ("view = 'mars'", "year = '1800'", "area = 'ATLANTIS'", "measure = 'vibes'"):
        assert f"The link's {bad}" in text
    assert app.header[0].value.startswith("Countries by year of first IPS programme")


def test_us_view_offers_only_measures_it_has(open_map):
    app = open_map(view="us")
    assert app.selectbox(key="url_measure").options == ["Year of first programme", "Learning-community membership"]
    assert "states the sources here do not name are shown as not named" in page_text(app)


def test_sub_national_areas_are_reachable_from_their_country(open_map):
    app = open_map(area="ITA")
    assert [s.value for s in app.subheader] == ["Profile: Italy (ITA)"]
    app.button(key="sub_IT-45").click().run()
    assert [s.value for s in app.subheader] == ["Profile: Emilia-Romagna, Italy (IT-45)"]
    assert app.query_params["area"] in ("IT-45", ["IT-45"])

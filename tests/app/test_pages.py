"""Each page runs in Streamlit's AppTest without an exception, and its widgets change what is shown."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ipsdash import queries
from ipsdash.paths import ROOT

TIMEOUT = 60


@pytest.fixture
def app(real_store):
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)


def _sources_page(app: AppTest, **params) -> AppTest:
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page("pages/sources.py").run()
    assert not app.exception
    return app


def _match_count(app: AppTest) -> int:
    text = next(m.value for m in app.markdown if "values match" in m.value)
    return int(text.split("**")[1])


def test_home_shows_headline_figures_with_sources(app):
    app.run()
    assert not app.exception
    shown = {m.label: m.value for m in app.metric}
    assert shown["Countries with IPS, 2020"] == "20"
    assert shown["US programmes, 2019 survey"] == "857"
    assert shown["US learning-community programmes"] == "486"
    assert shown["US learning-community teams"] == "366"
    assert shown["US programmes incl. veterans' services"] == "≈1,000 (est.)"
    assert shown["Employed in trials: IPS vs control"] == "55% vs 25%"
    links = [link.proto for link in app.get("page_link")]
    source_links = [link for link in links if link.label.startswith("Source: ")]
    assert len(source_links) == len(queries.HEADLINES)
    assert any("Pogue et al. (2022)" in link.label and "source=pogue2022" in link.query_string for link in source_links)


def test_sources_page_lists_every_source_and_value(app, real_store):
    app = _sources_page(app)
    assert _match_count(app) == real_store.execute("SELECT count(*) FROM observations").fetchone()[0]
    frames = [d.value for d in app.dataframe]
    n_sources = real_store.execute("SELECT count(*) FROM sources").fetchone()[0]
    assert any(len(f) == n_sources and "n_values" in f.columns for f in frames)
    assert len(app.get("download_button")) == 3


def test_geography_filter_narrows_the_values(app, real_store):
    app = _sources_page(app)
    app.multiselect(key="url_geo").set_value(["NLD"]).run()
    expected = real_store.execute("SELECT count(*) FROM observations WHERE geo_code = 'NLD'").fetchone()[0]
    assert _match_count(app) == expected
    assert app.query_params["geo"] in ("NLD", ["NLD"])  # the link now carries the filter


def test_search_and_year_filters_change_the_values(app):
    app = _sources_page(app)
    everything = _match_count(app)
    app.text_input(key="url_q").set_value("EQOLISE").run()
    eqolise = _match_count(app)
    assert 0 < eqolise < everything
    app.text_input(key="url_q").set_value("").run()
    app.slider[0].set_value((2019, 2019)).run()
    app.checkbox[0].uncheck().run()
    assert 0 < _match_count(app) < everything


def test_link_parameters_select_filters_and_bad_ones_are_explained(app):
    app = _sources_page(app, geo=["NLD", "ATLANTIS"], source="pogue2022")
    assert app.multiselect(key="url_geo").value == ["NLD"]
    assert any("ATLANTIS" in i.value for i in app.info)
    assert _match_count(app) == 0  # no Pogue value is about the Netherlands


def test_bad_year_parameter_falls_back_to_full_range(app):
    app = _sources_page(app, **{"from": "banana"})
    assert any("banana" in i.value for i in app.info)
    assert not app.exception

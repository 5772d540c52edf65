"""The growth page: each filter changes the chart; statistics and comparisons come from the data."""

from __future__ import annotations

import base64
import json
from types import SimpleNamespace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from ipsdash.store import key_figures
from tests.app.conftest import page_text


@pytest.fixture
def open_growth(open_app):
    return lambda **params: open_app("app_pages/growth.py", **params)


def _array(value):
    """Plotly 7 sends numeric arrays as typed arrays ({dtype, bdata}); decode them for assertions."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return value


def _trend(app: AppTest) -> SimpleNamespace:
    """The Trends chart (the first chart on the page): its traces and layout."""
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    traces = [SimpleNamespace(name=t.get("name"), x=_array(t.get("x")), y=_array(t.get("y"))) for t in spec["data"]]
    return SimpleNamespace(data=traces, layout=spec["layout"])


def _names(app: AppTest) -> list[str]:
    return [t.name for t in _trend(app).data if t.x is not None and len(t.x) and t.x[0] is not None]


def test_the_page_opens_on_adoption_over_time_and_a_link_with_trend_settings_on_its_trend(open_growth):
    first = _names(open_growth())
    assert "Countries: documented start years" in first and "US states: documented start years" in first
    assert all(n.startswith("Netherlands") for n in _names(open_growth(geo="NLD")))


def test_trends_default_shows_us_programme_series_separately(open_growth):
    app = open_growth(tab="Trends")
    names = _names(app)
    assert "United States · All US programmes (national survey)" in names
    assert any("authors' estimate" in n for n in names)  # a different series, never joined


def test_geography_filter_adds_lines(open_growth):
    app = open_growth(tab="Trends")
    before = _names(app)
    app.multiselect(key="url_geo").set_value(["USA", "NLD"]).run()
    after = _names(app)
    assert len(after) > len(before) and any(n.startswith("Netherlands") for n in after)


def test_measure_scale_and_mode_change_the_chart(open_growth):
    app = open_growth(tab="Trends")
    app.selectbox(key="url_measure").set_value("lc_states").run()
    assert _names(app) == ["United States · US states in the IPS Learning Community"]
    app.radio(key="url_scale").set_value("log").run()
    assert _trend(app).layout["yaxis"]["type"] == "log"
    app.radio(key="url_mode").set_value("indexed").run()
    first = _trend(app).data[0].y[0]
    assert first == 100
    assert app.query_params["mode"] in ("indexed", ["indexed"])


def test_per_million_uses_population_and_says_what_is_left_out(open_growth):
    app = open_growth(geo=["USA", "IT-45"], measure="programmes", mode="per_million")
    assert not app.info or all("population" in i.value for i in app.info)
    ys = [y for t in _trend(app).data if (t.name or "").startswith("United") for y in t.y or [] if y is not None]
    assert max(ys) < 10  # ~857 programmes per 329 million inhabitants ~ 2.6 per million


def test_year_range_and_milestones(open_growth):
    app = open_growth(measure="lc_states")
    app.slider(key="growth_years").set_value((2010, 2020)).run()
    assert min(x for t in _trend(app).data if t.name != "Policy milestones" for x in t.x if x) >= 2010
    app.toggle(key="events").set_value(True).run()
    assert any(t.name == "Policy milestones" for t in _trend(app).data)


def test_growth_statistics_and_fits(open_growth):
    app = open_growth(measure="lc_states", detail="Growth statistics")  # a lazy tab, opened by the link
    labels = [m.label for m in app.metric]
    assert any(label.startswith("Compound annual growth 2001–") for label in labels)
    app.toggle(key="show_fits").set_value(True).run()
    text = page_text(app)
    assert "Exponential fit on" in text and ("Logistic fit on" in text or "did not converge" in text)
    assert "Fitted to:" in text
    assert "Reported by the source:" in text and "26%" in text
    assert any(t.name == "Exponential fit" for t in _trend(app).data)  # the fitted curve is drawn too


def test_learning_community_comparison_answers_the_question(open_growth, real_store):
    app = open_growth(tab="Learning community vs outside")  # tabs are lazy and their choice lives in the URL
    text = page_text(app)
    figures = key_figures.resolve(real_store, ["lc_growth_pct", "lc_annual_growth_pct", "non_lc_growth_pct"])
    assert figures["lc_growth_pct"].text == "79%" and figures["non_lc_growth_pct"].text == "48%"
    assert "grew by 79% (21.3% a year) in learning-community jurisdictions" in text
    assert "48% (13.9% a year) elsewhere" in text
    assert len(app.get("plotly_chart")) == 1


def test_adoption_curves_say_how_many_countries_are_dated(open_growth, real_store):
    app = open_growth(tab="Adoption curves")
    by_2005 = real_store.execute(
        "SELECT count(DISTINCT geo_code) FROM milestones JOIN geographies USING (geo_code) WHERE level = 'country' "
        "AND event IN ('first_programme', 'jj_dartmouth_pilot') AND year <= 2005"
    ).fetchone()[0]
    assert f"{by_2005} by 2005" in page_text(app)
    assert "20 countries with IPS in 2020" in page_text(app)


def test_bad_parameters_fall_back(open_growth):
    app = open_growth(measure="nonsense", scale="cubic", geo=["ATLANTIS"], **{"from": "²⁰¹⁰", "to": "--2010"})
    text = page_text(app)
    for bad in ("measure = 'nonsense'", "scale = 'cubic'", "geo = 'ATLANTIS'", "from = '²⁰¹⁰'", "to = '--2010'"):
        assert f"The link's {bad}" in text


def test_the_data_tab_opens_with_the_words_and_downloads_and_shows_the_table_on_request(open_growth):
    app = open_growth(tab="Trends")
    assert not app.dataframe  # open as the page opens: the costly grid waits for the toggle
    assert any(b.proto.label.startswith("Download the") for b in app.get("download_button"))
    assert any("Source" in c.value for c in app.caption)
    app.toggle(key="growth_table").set_value(True).run()
    table = app.dataframe[0].value
    drawn = [t for t in _trend(app).data if t.x is not None and len(t.x) and t.x[0] is not None]
    assert len(table) == sum(len(t.x) for t in drawn if "(target)" not in t.name) > 0

"""Home and Sources run in Streamlit's AppTest, show figures from the store, and filter from the URL."""

from __future__ import annotations

import pytest

from ipsdash.store import key_figures
from tests.app.conftest import page_text, plain


@pytest.fixture
def sources(open_app):
    return lambda **params: open_app("app_pages/sources.py", **params)


def _match_count(app) -> int:
    text = next(m.value for m in app.markdown if "values match" in m.value)
    return int(text.split("**")[1])


def test_home_shows_headline_figures_from_the_store_each_with_its_source(open_app, real_store):
    app = open_app()
    shown = {m.label: m.value for m in app.metric}
    figures = key_figures.resolve(real_store, ["countries_with_ips", "us_programmes_2019", "pooled_ips_vs_control"])
    assert shown["Countries with IPS, 2020"] == figures["countries_with_ips"].text == "20"
    assert shown["US programmes, 2019 survey"] == "857"
    assert shown["US programmes incl. veterans' services"] == "≈1,000 (est.)"
    assert shown["Employed in trials: IPS vs control"] == "55% vs 25%"
    links = [link.proto for link in app.get("page_link") if plain(link.proto.label).startswith("Source:")]
    assert len(links) == len(shown)
    assert any("Pogue" in plain(link.label) and "source=pogue2022" in link.query_string for link in links)
    assert "tested in 28 randomised trials" in page_text(app)  # prose takes its numbers from the store
    _, intro_cited = key_figures.fill(real_store, "{rct_count} {countries_with_ips}")
    intro_caption = plain(next(c.value for c in app.caption if c.value.startswith("Source")))
    assert intro_cited.size and all(plain(short) in intro_caption for short in intro_cited["source_short"])


def test_sources_page_lists_every_source_and_value(sources, real_store):
    app = sources()
    assert _match_count(app) == real_store.execute("SELECT count(*) FROM observations").fetchone()[0]
    n_sources = real_store.execute("SELECT count(*) FROM sources").fetchone()[0]
    assert any(len(d.value) == n_sources and "n_values" in d.value.columns for d in app.dataframe)
    assert len(app.get("download_button")) == 3


def test_filters_narrow_the_values_and_go_into_the_link(sources, real_store):
    app = sources()
    everything = _match_count(app)
    app.multiselect(key="url_geo").set_value(["NLD"]).run()
    expected = real_store.execute("SELECT count(*) FROM observations WHERE geo_code = 'NLD'").fetchone()[0]
    assert _match_count(app) == expected and app.query_params["geo"] in ("NLD", ["NLD"])
    app.multiselect(key="url_geo").set_value([]).run()
    app.text_input(key="url_q").set_value("EQOLISE").run()
    assert 0 < _match_count(app) < everything
    app.text_input(key="url_q").set_value("").run()
    app.slider(key="sources_years").set_value((2019, 2019)).run()
    app.checkbox[0].uncheck().run()
    assert 0 < _match_count(app) < everything


def test_link_parameters_select_filters_and_bad_ones_are_explained(sources):
    app = sources(geo=["NLD", "ATLANTIS"], source="pogue2022", **{"from": "banana"})
    assert app.multiselect(key="url_geo").value == ["NLD"]
    text = page_text(app)
    assert "The link's geo = 'ATLANTIS' is not in the data; ignored." in text
    assert "The link's from = 'banana' is not a year between" in text
    assert _match_count(app) == 0  # no Pogue value is about the Netherlands


def test_in_another_language_the_sources_own_words_are_marked_as_english(sources):
    """Citations, events and notes stay as their sources wrote them: in Dutch their column headers say
    "(Engels)" with a tooltip, and the page says so once; in English nothing is marked."""
    dutch = sources(lang="nl")
    headers = " ".join(d.proto.columns for d in dutch.dataframe)
    for column in ("Bronvermelding", "Gebeurtenis", "Opmerking"):
        assert f'"{column} (Engels)"' in headers, column
    note = "Bronvermeldingen, gebeurtenissen en opmerkingen staan er zoals de bronnen ze schreven: in het Engels."
    assert note in [c.value for c in dutch.caption]
    assert headers.count(note) >= 4  # the tooltips: citation; event and note; the values' note
    english = sources()
    assert "(English)" not in " ".join(d.proto.columns for d in english.dataframe)
    assert not any("as their sources wrote them" in c.value for c in english.caption)

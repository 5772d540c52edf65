"""Talk tracks load with clear messages for bad slides; the offline export is self-contained."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import pytest

from ipsdash import talk, talk_export
from ipsdash.paths import DATA_DIR

KNOWN = {"geo": {"USA", "NLD"}, "metric": {"programmes", "lc_states"}}


def _talk(tmp_path: Path, text: str) -> tuple[str, list]:
    (tmp_path / "t.yml").write_text(text)
    return talk.load_talk("t", KNOWN, tmp_path)


def test_the_default_talk_loads(real_store):
    from ipsdash import queries
    from ipsdash.store import connect

    with connect() as con:
        geos = queries.get_growth_geographies(con)
        metrics = queries.get_growth_measures(con, list(geos["value"]))
    title, slides = talk.load_talk("default", {"geo": set(geos["value"]), "metric": set(metrics["value"])})
    assert len(slides) >= 10 and title
    assert {s.view for s in slides} >= {"map", "growth", "trials", "fidelity"}


def test_bad_slides_are_named_with_what_is_wrong(tmp_path):
    with pytest.raises(talk.TalkError) as caught:
        _talk(
            tmp_path,
            """
slides:
  - {title: A, takeaway: B, view: spaceship}
  - {title: A, takeaway: B, view: map, with: {view: moon}}
  - {title: A, view: growth, with: {geo: [ATL], measure: vibes, colour: red}}
  - {title: A, takeaway: B, view: map, with: {year: 1066}}
""",
        )
    problems = caught.value.problems
    assert (
        "slide 1: unknown view 'spaceship' (one of map, growth, adoption_curves, lc_comparison, trials, "
        "fidelity, figures)" in problems
    )
    assert any(p.startswith("slide 2: view 'moon' is not a map view") for p in problems)
    assert "slide 3: 'takeaway' is missing" in problems
    assert "slide 3: geo 'ATL' has no growth data" in problems
    assert any(p.startswith("slide 3: measure 'vibes' is not a measure with data") for p in problems)
    assert "slide 3: unknown setting 'colour' for a growth slide" in problems
    assert "slide 4: year '1066' is not a year between 1990 and 2030" in problems


@pytest.mark.parametrize(
    ("text", "message"), [("slides: []", "needs a list of slides"), ("a: [b", "not readable YAML")]
)
def test_broken_files_get_a_message(tmp_path, text, message):
    with pytest.raises(talk.TalkError) as caught:
        _talk(tmp_path, text)
    assert message in str(caught.value)


def test_unknown_talk_names_the_available_ones():
    with pytest.raises(talk.TalkError) as caught:
        talk.load_talk("../../etc/passwd", KNOWN)
    assert "available: default" in str(caught.value)
    assert (DATA_DIR / "talks" / "default.yml").exists()


def test_export_inlines_plotly_geometry_and_topojson():
    from ipsdash import geo

    figure = go.Figure(go.Choropleth(geojson=geo.WORLD_URL, locations=["NLD"], z=[1], featureidkey="id"))
    page = talk_export.talk_html("T", [("One", "Takeaway", figure, "Source: X"), ("Two", "B", None, "")]).decode()
    assert "/app/static/" not in page  # nothing to fetch from a server
    assert "window.PlotlyGeoAssets={topojson:" in page and '"world_110m"' in page
    assert page.count("<section>") == 2 and "1 / 2" in page

"""Presenter mode steps through the talk; a bad talk file gives a message, never a traceback."""

from __future__ import annotations

import pytest

from tests.app.conftest import page_text


@pytest.fixture
def open_present(open_app):
    return lambda **params: open_app("app_pages/present.py", **params)


def test_next_and_previous_step_through_live_slides(open_present):
    app = open_present()
    first = app.title[0].value
    app.button(key="next").click().run()
    assert app.title[0].value != first and len(app.get("plotly_chart")) == 1
    assert app.query_params["slide"] in ("2", ["2"])
    app.button(key="previous").click().run()
    assert app.title[0].value == first
    app.button(key="last").click().run()
    assert "slide 12 / 12" in page_text(app)


def test_the_url_keeps_the_place_and_bad_numbers_are_explained(open_present):
    assert open_present(slide="4").title[0].value == "The European trial"
    app = open_present(slide="99")
    assert "The link's slide = '99' is not a slide number between 1 and 12" in page_text(app)
    assert app.title[0].value == "Where it started"


def test_a_bad_talk_file_is_explained(open_present, tmp_path, monkeypatch):
    (tmp_path / "broken.yml").write_text(
        "slides:\n  - {title: A, takeaway: B, view: map, with: {view: moon}}\n"
        "  - {title: A, takeaway: B, view: figures, with: {figures: [no_such_figure]}}\n"
        "  - {title: A, takeaway: B, view: growth, with: [geo, USA]}\n"
    )
    monkeypatch.setenv("IPSDASH_TALK_DIR", str(tmp_path))
    app = open_present(talk="broken")
    assert app.title[0].value == "This talk cannot be shown"
    assert "3 problem(s) in data/talks/broken.yml; the talk cannot be shown." in page_text(app)
    text = _problems(app)
    assert "slide 1: view = 'moon' is not one of world, europe, us" in text
    assert "slide 2: figures = 'no_such_figure' is not in the data" in text
    assert "slide 3: 'with' must be a mapping of settings, not a list" in text
    assert "cannot be shown" in open_present(talk="no_such_talk").title[0].value
    assert "a talk name is 1 to 64 letters" in _problems(open_present(talk="x" * 300))


def _problems(app) -> str:
    """The problems listed in the page's table of problems (file, row, column, what is wrong)."""
    return " ".join(" ".join(frame.value["Problem"]) for frame in app.dataframe)


def test_a_qr_code_for_the_audience_appears_only_where_an_address_is_configured(open_present, monkeypatch):
    monkeypatch.delenv("IPSDASH_PUBLIC_URL", raising=False)
    monkeypatch.delenv("IPSDASH_PUBLISHED_URL", raising=False)
    assert not open_present().get("image")
    monkeypatch.setenv("IPSDASH_PUBLIC_URL", "https://ips.example.org")
    app = open_present()
    assert len(app.get("image")) == 1
    assert "https://ips.example.org/map?year=1999" in page_text(app)  # the first slide's live view

"""Presenter mode steps through the talk; a bad talk file gives a message, never a traceback."""

from __future__ import annotations

import pytest

from ipsdash.paths import DATA_DIR


@pytest.fixture
def open_present(open_app):
    return lambda **params: open_app("pages/present.py", **params)


def test_next_and_previous_step_through_live_slides(open_present):
    app = open_present()
    first = app.title[0].value
    app.button(key="next").click().run()
    assert app.title[0].value != first and len(app.get("plotly_chart")) == 1
    assert app.query_params["slide"] in ("2", ["2"])
    app.button(key="previous").click().run()
    assert app.title[0].value == first
    app.button(key="last").click().run()
    assert "slide **12 / 12**" in " ".join(m.value for m in app.markdown)


def test_the_url_keeps_the_place_and_bad_numbers_are_explained(open_present):
    assert open_present(slide="4").title[0].value == "The European trial"
    app = open_present(slide="99")
    assert any("99" in i.value for i in app.info) and app.title[0].value == "Where it started"


def test_a_bad_talk_file_is_explained(open_present):
    broken = DATA_DIR / "talks" / "zz_test_broken.yml"
    broken.write_text("slides:\n  - {title: A, takeaway: B, view: map, with: {view: moon}}\n")
    try:
        app = open_present(talk="zz_test_broken")
    finally:
        broken.unlink()
    assert app.title[0].value == "This talk cannot be shown"
    assert "slide 1: view 'moon' is not a map view" in app.error[0].value
    assert "cannot be shown" in open_present(talk="no_such_talk").title[0].value

"""A view says the same words wherever it is shown: its page, its slide, the offline talk, the published copy
and the image export all carry the view's notes and labelled source lines, decided once in the view."""

from __future__ import annotations

import html
import re

import pytest

from ipsdash.outputs import images, talk_html
from ipsdash.outputs import talk_track as talk
from ipsdash.views import REGISTRY
from ipsdash.views.settings import MapSettings
from tests.app.conftest import page_text

# (page, its URL parameters, the default talk's slide number of the same view and settings)
CASES = {
    "trials": ("app_pages/outcomes.py", {}, 10),
    "fidelity": ("app_pages/fidelity.py", {}, 11),
    "map": ("app_pages/map.py", {"view": "world", "measure": "learning_community", "year": "2020"}, 8),
}


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("<br>", " ")).strip()


def _build(con, name: str, params: dict):
    spec = REGISTRY[name]
    chosen, problems = spec.parse(params, spec.options(con) if spec.options else None)
    assert problems == []
    return spec.build(con, chosen)


def _slide(real_store, number: int) -> talk.RenderedSlide:
    _, slides = talk.load_talk("default", talk.options_from(real_store))
    return talk.render_slide(real_store, slides[number - 1])


@pytest.mark.parametrize("name", list(CASES))
def test_the_page_slide_talk_and_image_of_a_view_say_the_same_words(name, real_store, open_app):
    page, params, number = CASES[name]
    slide = _slide(real_store, number)
    view = slide.view
    assert _build(real_store, name, params).notes == view.notes  # the page's view and the slide's are one
    words = [*view.notes, *view.credit_lines()]
    assert view.notes, f"the {name} view says nothing about itself"

    on_page = page_text(open_app(page, **params))
    on_slide = page_text(open_app("app_pages/present.py", slide=str(number)))
    offline = html.unescape(talk_html.talk_html("t", [slide]).decode())
    published = html.unescape(talk_html.view_html(view).decode())
    picture = _one_line(" ".join(a.text for a in images.view_picture(view).layout.annotations if a.text))
    for text in words:
        assert text in on_page, f"{name} page lacks: {text[:60]}"
        assert text in on_slide, f"{name} slide lacks: {text[:60]}"
        assert text in offline and text in published, f"{name} HTML lacks: {text[:60]}"
    for text in view.notes:
        assert _one_line(text) in picture, f"{name} image lacks: {text[:60]}"


def test_the_outcomes_benchmarks_are_credited_alike_on_the_page_and_in_the_html(real_store, open_app):
    view = _build(real_store, "outcomes", {})
    (line,) = view.credit_lines()
    assert line.startswith("Benchmark bands: ")
    assert line in page_text(open_app("app_pages/outcomes.py"))
    assert line in html.unescape(talk_html.view_html(view).decode())


def test_the_map_says_which_year_it_drew(real_store):
    years = REGISTRY["map"].options(real_store).years["us"]
    view = REGISTRY["map"].build(real_store, MapSettings("us", "first_programme", years[0] - 1))  # not animated
    assert view.year == years[-1] and view.title.endswith(f"as of {years[-1]}")


def test_confidentiality_is_a_field_of_the_view(real_store):
    view = _build(real_store, "fidelity", {})
    assert view.withheld is None  # the demonstration set is public: nothing withheld
    assert view.synthetic and "name" in view.data

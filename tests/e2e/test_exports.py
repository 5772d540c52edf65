"""Images and the PDF deck are rendered offline by the system Chromium: the PNG has the size asked for,
the SVG carries the source line, and the deck has one page a slide."""

from __future__ import annotations

import io
import struct

import pytest

from ipsdash import image_export, settings, talk, talk_export
from ipsdash.views import evidence
from ipsdash.views import map as map_view


@pytest.fixture(scope="module", autouse=True)
def chromium_needed():
    import os

    if image_export.chromium_path() is None:
        (pytest.fail if os.environ.get("CI") else pytest.skip)("Chromium is needed to render images")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_a_map_exports_as_png_of_the_expected_size_with_its_colours(real_store):
    view = map_view.build(real_store, settings.MapSettings("world", "first_programme", 2020))
    png = image_export.view_image(view, "png")
    assert _png_size(png) == (image_export.WIDTH, image_export.HEIGHT)
    svg = image_export.view_image(view, "svg").decode()
    assert view.title in svg and "Source" in svg  # title and source line burnt in
    assert svg.count('class="choroplethlocation"') >= 20  # the countries drew from inlined geometry, offline
    assert 'class="layer land"' in svg and len(svg) > 100_000  # and the base map from the shipped topojson


def test_the_talk_becomes_a_pdf_with_one_page_a_slide(real_store):
    from pypdf import PdfReader

    _, slides = talk.load_talk("default", talk.options_from(real_store))
    rendered = [talk.render_slide(real_store, s) for s in slides]
    pdf = talk_export.talk_pdf(rendered)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == len(slides) == 12


def test_a_chart_svg_names_its_sources(real_store):
    view = evidence.build_trials(real_store, settings.TrialsSettings())
    svg = image_export.view_image(view, "svg").decode()
    assert "Pooled, 28 trials" in svg and view.cited["source_short"].iloc[0].split(" (")[0] in svg

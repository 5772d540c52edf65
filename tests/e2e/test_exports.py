"""Images and the PDF deck are rendered offline by the system Chromium: the PNG has the size asked for,
the SVG carries the source line, and the deck has one page a slide."""

from __future__ import annotations

import struct

import pytest

from ipsdash.outputs import images as image_export
from ipsdash.outputs import talk_track as talk
from ipsdash.views import evidence, settings
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
    height = image_export.view_picture(view).layout.height  # the notes get a band below the 720 px picture
    assert view.notes and height > image_export.HEIGHT
    assert _png_size(png) == (image_export.WIDTH, height)
    svg = image_export.view_image(view, "svg").decode()
    assert view.title in svg and "Source" in svg  # title and source line burnt in
    assert "hover an area for its dates" in svg  # and the notes the page shows
    # Every country in view drew from the inlined geometry, offline: those with data and the grey rest.
    drawn = sum(len(trace.locations) for trace in view.figure.data if trace.type == "choropleth")
    assert svg.count('class="choroplethlocation"') == drawn > 150 and len(svg) > 100_000


def test_a_chart_svg_names_its_sources(real_store):
    view = evidence.build_trials(real_store, settings.TrialsSettings())
    svg = image_export.view_image(view, "svg").decode()
    assert "Pooled, 28 trials" in svg and view.cited["source_short"].iloc[0].split(" (")[0] in svg


def test_the_cli_writes_the_talk_as_pdf_with_one_page_a_slide_and_html(real_store, tmp_path):
    import html
    import subprocess
    import sys

    from pypdf import PdfReader

    from ipsdash.config import ROOT

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ipsdash",
            "talk",
            "default",
            "--pdf",
            str(tmp_path / "t.pdf"),
            "--html",
            str(tmp_path / "t.html"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    slides = talk.load_talk("default", talk.options_from(real_store))[1]
    pdf = PdfReader(tmp_path / "t.pdf")
    assert len(pdf.pages) == len(slides) + 1 == 13  # a page a slide, and the speaker notes
    noted = [s for s in slides if s.notes]
    assert noted and all(f"Slide {s.number}: " in pdf.pages[-1].extract_text() for s in noted)
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert page.count("<section id='slide-") == len(slides) and "<section id='notes'" in page
    assert all(html.escape(s.notes) in page for s in noted)
    bad = subprocess.run(
        [sys.executable, "-m", "ipsdash", "talk", "../x", "--html", str(tmp_path / "x.html")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "a talk name is 1 to 64" in bad.stderr


def test_the_published_copy_draws_offline(browser, real_store, tmp_path):
    import re

    from ipsdash.outputs import publish
    from tests import harness

    publish.publish(real_store, tmp_path)
    for name in ("index", "talk", *publish.PAGES):
        text = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=['"]?(https?:)?//""", text), name  # every address is relative
        assert "url(http" not in text and "@import" not in text, name  # no stylesheet or font from a network
    # The index: styled here, a card a view and one for the talk, each with its picture (a PNG beside it).
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<style>" in index and "assets/source-sans.woff2" in index
    linked = re.findall(r"<li class='card[^']*'><a class='view' href='([^']+)'><img src='([^']+)'", index)
    assert sorted(href for href, _ in linked) == sorted(["talk.html", *(f"{p}.html" for p in publish.PAGES)])
    for _, src in linked:
        assert (tmp_path / src).read_bytes().startswith(b"\x89PNG"), src
    page, watch = harness.open_page(browser, (390, 844))
    page.goto((tmp_path / "map.html").as_uri())
    page.wait_for_function("() => document.querySelectorAll('.choroplethlocation').length > 20")
    assert page.locator("a[download]").first.get_attribute("href") == "data/map.csv"
    assert (tmp_path / "data" / "map.csv").read_text(encoding="utf-8-sig").startswith("geo_code,name,year,category")
    assert watch.blocked == []
    page.context.close()


def test_a_connecticut_leads_svg_names_connecticut_and_no_other_programme(tmp_path):
    from ipsdash.access.viewer import Viewer
    from ipsdash.store.database import connect
    from ipsdash.views import fidelity
    from tests.scoped_programmes import OUTSIDE_CT, make_scoped_data

    _, store = make_scoped_data(tmp_path)
    with connect(store) as con:
        view = fidelity.build(con, settings.FidelitySettings(viewer=Viewer("region_lead", geos=("US-CT",))))
    svg = image_export.view_image(view, "svg").decode()
    assert ">Programmes<" in svg and ">Groups of programmes<" in svg  # both drawn, with their legend
    assert not [name for name in OUTSIDE_CT if name in svg]
    assert view.source_line.split(";")[0] in svg

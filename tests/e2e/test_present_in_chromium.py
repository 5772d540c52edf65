"""Presenter mode in real Chromium: a clicker's keys step slides; the offline export draws its maps."""

from __future__ import annotations

import re

import pytest

from ipsdash.domain import provenance
from ipsdash.outputs import talk_track as talk
from ipsdash.views import REGISTRY
from tests import harness


def _slide(page, number: int) -> None:
    page.wait_for_function(f"() => /slide \\*?\\*?{number} \\/ /.test(document.body.innerText)")
    harness.wait_until_drawn(page)


def test_clicker_keys_step_forward_and_back(browser, base_url, screenshot_dir):
    for size in [(1280, 720), (1920, 1080)]:
        page, watch = harness.open_page(browser, size)
        page.goto(base_url + "/present")
        harness.wait_until_drawn(page, charts=1)
        first = page.locator("h1").first.inner_text()
        if screenshot_dir:
            page.screenshot(path=screenshot_dir / f"present-1-{size[0]}.png")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => location.search.includes('slide=2')")
        harness.wait_until_drawn(page, charts=1)
        assert page.locator("h1").first.inner_text() == "The J&J–Dartmouth programme becomes a learning community"
        assert page.locator(".js-plotly-plot .main-svg").count() >= 1
        assert page.get_by_text(re.compile(r"^Sources?:")).first.is_visible()
        for key, slide in (("PageDown", 3), ("Space", 4), ("PageUp", 3), ("End", 12)):
            page.keyboard.press(key)
            page.wait_for_function(f"() => location.search.includes('slide={slide}')")
        if screenshot_dir:
            harness.wait_until_drawn(page)
            page.screenshot(path=screenshot_dir / f"present-12-{size[0]}.png")
        page.keyboard.press("Home")
        page.wait_for_function("() => !location.search.includes('slide=')")
        page.keyboard.press("ArrowLeft")  # already on the first slide: stays there
        harness.wait_until_drawn(page, charts=1)
        assert page.locator("h1").first.inner_text() == first
        assert watch.blocked == []
        page.context.close()


def test_offline_export_opens_and_draws_with_no_network(browser, base_url, tmp_path):
    page, watch = harness.open_page(browser, (1280, 720))
    page.goto(base_url + "/present")
    harness.wait_until_drawn(page, charts=1)
    page.get_by_text("For when this laptop fails").click()
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="Download the talk (HTML, opens offline in any browser)").click()
    path = tmp_path / "talk.html"
    download.value.save_as(path)
    offline, offline_watch = harness.open_page(browser, (1280, 720))
    offline.goto(path.as_uri())
    offline.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 12")
    offline.wait_for_function("() => document.querySelectorAll('.choroplethlocation').length > 20")
    assert offline.locator("section[id^='slide-']").count() == 12  # and the speaker notes' page after them
    assert offline.locator("p.source").first.inner_text().startswith("Source")
    play = offline.get_by_role("button", name="Play", exact=True).first  # the map's own Play, reached by Tab
    assert play.get_attribute("tabindex") == "0"
    assert offline_watch.blocked == [] and watch.blocked == []
    offline.context.close()
    page.context.close()


SOURCE_LINE = """() => {
  const source = document.querySelector('.st-key-slide_source, .st-key-slide_source_long');
  const title = document.querySelector('h1');
  return [source.getBoundingClientRect().bottom, title.getBoundingClientRect().top, window.innerHeight,
          source.innerText];
}"""


def _default_talk_sources(con) -> list[list[str]]:
    """Per slide of the default talk, the short names of every source it cites, from the store."""
    options = lambda view: REGISTRY[view].options(con) if REGISTRY[view].options else None  # noqa: E731
    _, slides = talk.load_talk("default", options)
    return [[short for _, short, _ in provenance.by_source(talk.render_slide(con, s).cited)] for s in slides]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_slide_fits_the_screen_with_its_source_line(browser, base_url, real_store, size):
    sources = _default_talk_sources(real_store)
    assert max(len(names) for names in sources) > 20  # a long line (the trials) is among them
    page, watch = harness.open_page(browser, size)
    page.goto(base_url + "/present")
    harness.wait_until_drawn(page, charts=1)
    for number in range(1, 13):
        if number > 1:
            page.keyboard.press("ArrowRight")
            page.wait_for_function(f"() => location.search.includes('slide={number}')")
            harness.wait_until_drawn(page, settle_ms=150)
        bottom, top, height, line = page.evaluate(SOURCE_LINE)
        assert top >= 0 and bottom <= height, f"slide {number} at {size}: source line ends at {bottom} of {height}"
        line = line.replace("\u200b", "")  # escape_markdown keeps links from forming with zero-width spaces
        missing = [name for name in sources[number - 1] if name not in line]
        assert missing == [] and " more" not in line, f"slide {number}: the source line leaves out {missing}"
    assert watch.blocked == []
    page.context.close()

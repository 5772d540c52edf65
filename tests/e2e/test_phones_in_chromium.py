"""Every page on a phone (390 x 844) and a tablet (768 x 1024) in real Chromium: no sideways scrolling,
charts as wide as the page with the data given most of it (on a phone, every plot area at least 60% of the
screen's width), legends beside nothing (never over the plot)
and never running off the edge, maps at least 300 px wide, and the map's Play and year slider work by touch.
With IPSDASH_SCREENSHOTS=DIR set, a screenshot of each page at each size is kept there."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests import harness
from tests.e2e import checks

PHONE, TABLET = (390, 844), (768, 1024)
PAGES = {
    "/": 0,
    "/map": 1,
    "/map?view=us&area=US-NH": 2,
    "/growth": 1,
    "/growth?tab=Trends": 1,
    "/growth?tab=Learning+community+vs+outside": 1,
    "/outcomes": 2,
    "/fidelity": 1,
    "/sources": 0,
    "/present": 1,
}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_fits_the_screen_with_charts_readable(open_page, screenshot_dir, path):
    """Opened on a phone, then the same page turned into a tablet's window (one load: the suite stays short)."""
    page, watch = open_page(path, PHONE, PAGES[path])
    for size in [PHONE, TABLET]:
        if size != PHONE:
            page.set_viewport_size({"width": size[0], "height": size[1]})
            page.wait_for_function(harness.CHARTS_FIT)
            harness.wait_until_drawn(page, charts=PAGES[path])
        _check_fit(page, screenshot_dir, path, size)
    assert watch.blocked == []


def _check_fit(page, screenshot_dir, path: str, size: tuple[int, int]) -> None:
    if screenshot_dir:
        name = path.strip("/").replace("?", "-").replace("&", "-").replace("=", "_").replace("+", "") or "home"
        page.screenshot(path=screenshot_dir / f"{name}-{size[0]}.png")
    assert checks.misfits(page, PAGES[path]) == [], f"{path} at {size}"


@pytest.fixture
def touch_page(browser, base_url):
    """A phone-sized page with a touch screen, every outside request blocked."""
    context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}, has_touch=True, is_mobile=True)
    blocked = []

    def guard(route):
        if (urlparse(route.request.url).hostname or "") not in harness.LOOPBACK:
            blocked.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    yield context.new_page(), blocked
    context.close()


NOTE = harness.FIRST_NOTE_JS


def test_the_map_play_button_and_year_slider_work_by_touch(touch_page, base_url):
    page, blocked = touch_page
    page.goto(base_url + "/map?year=2000")
    harness.wait_until_drawn(page, charts=1)
    assert page.evaluate(NOTE).endswith("by 2000")
    # A tap on the slider's rail near its right end moves the map to a late year.
    rail = page.locator(".slider-rail-rect").first.bounding_box()
    page.touchscreen.tap(rail["x"] + rail["width"] - 4, rail["y"] + rail["height"] / 2)
    page.wait_for_function(f"() => !({NOTE})().endsWith('by 2000')")
    late = int(page.evaluate(NOTE).rsplit(" ", 1)[1])
    assert late > 2015
    # A tap on Play runs the years from the first, one after another.
    page.locator(".updatemenu-button", has_text="▶ Play").tap()
    page.wait_for_function(f"() => /by 199[0-4]$/.test(({NOTE})())")
    page.wait_for_function(f"() => /by 199[5-9]$/.test(({NOTE})())")
    assert blocked == []

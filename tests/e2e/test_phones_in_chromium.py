"""Every page on a phone (390 x 844) and a tablet (768 x 1024) in real Chromium: no sideways scrolling,
charts as wide as the page with the data given most of it (on a phone, every plot area at least 60% of the
screen's width), legends beside nothing (never over the plot)
and never running off the edge, maps at least 300 px wide, and the map's Play and year slider work by touch.
With IPSDASH_SCREENSHOTS=DIR set, a screenshot of each page at each size is kept there."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests import harness

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
GEOMETRY = """() => {
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                     return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width}; };
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const style = getComputedStyle(main);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    mainOverflow: document.querySelector('[data-testid="stMain"]').scrollWidth
                  - document.querySelector('[data-testid="stMain"]').clientWidth,
    content: main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
    charts: [...document.querySelectorAll('.js-plotly-plot')].map(plot => ({
      chart: box(plot),
      plot: box(plot.querySelector('.geolayer .geo') || plot.querySelector('.nsewdrag')),
      map: !!plot.querySelector('.geolayer .geo'),
      legend: box(plot.querySelector('g.legend')),
    })),
  };
}"""


def _overlap(a: dict, b: dict) -> float:
    """Area shared by two boxes (0 when they do not meet)."""
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(width, 0) * max(height, 0)


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
    seen = page.evaluate(GEOMETRY)
    if screenshot_dir:
        name = path.strip("/").replace("?", "-").replace("&", "-").replace("=", "_").replace("+", "") or "home"
        page.screenshot(path=screenshot_dir / f"{name}-{size[0]}.png")
    assert seen["scrollWidth"] <= seen["innerWidth"] and seen["mainOverflow"] <= 0, f"{path} at {size} scrolls sideways"
    assert len(seen["charts"]) >= PAGES[path]
    for i, c in enumerate(seen["charts"]):
        chart, plot, legend = c["chart"], c["plot"], c["legend"]
        where = f"{path} at {size}, chart {i}: {c}"
        assert chart["width"] >= min(0.9 * seen["content"], 480), f"chart narrower than the page: {where}"
        if c["map"]:
            assert plot["width"] >= 300, f"map under 300 px wide: {where}"
        else:
            assert plot["width"] >= 0.5 * chart["width"], f"plot area squeezed: {where}"
        if size == PHONE:
            assert plot["width"] >= 0.6 * size[0], f"plot area under 60% of a phone's width: {where}"
        if legend:
            assert _overlap(legend, plot) <= 4, f"legend over the plot area: {where}"
            assert chart["left"] - 1 <= legend["left"] and legend["right"] <= chart["right"] + 1, (
                f"legend runs off the chart: {where}"
            )


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

"""The first screen tells the story, in real Chromium: on a 1280 x 720 laptop or projector the adoption
map, its legend and the year control are all in view before any scrolling, and each other chart page
shows its first chart's plot area there; on a phone (390 x 844) every chart on every page gives its plot
area at least 60% of the screen's width (plot widths: tests/e2e/test_phones_in_chromium.py)."""

from __future__ import annotations

import pytest

LAPTOP = (1280, 720)
MAPS = [
    "/map",
    "/map?view=us",
    "/map?view=europe&measure=programmes",
    "/map?measure=clients_served",
    "/map?view=us&measure=learning_community",
]
FOLD = """() => {
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
                     return {top: r.top, bottom: r.bottom, height: r.height}; };
  const slider = [...document.querySelectorAll('[data-testid="stSlider"]')]
    .find(s => s.textContent.includes('As of year'));
  const plot = document.querySelector('.js-plotly-plot');
  return {
    height: window.innerHeight,
    scrolled: document.querySelector('[data-testid="stMain"]').scrollTop,
    chart: box(plot),
    areas: plot.querySelectorAll('.choroplethlocation').length,
    legend: box(plot.querySelector('g.legend')),
    entries: plot.querySelectorAll('g.legend g.traces').length,
    play: box(plot.querySelector('.updatemenu-button')),
    mapSlider: box(plot.querySelector('.slider-container')),
    yearControl: box(slider),
    plotArea: box(plot.querySelector('.nsewdrag') || plot.querySelector('.geolayer .geo')),
  };
}"""


@pytest.mark.parametrize("path", MAPS)
def test_the_map_its_legend_and_the_year_control_are_in_view_on_a_laptop_screen(open_page, path):
    page, watch = open_page(path, LAPTOP, charts=1)
    seen = page.evaluate(FOLD)
    assert seen["scrolled"] == 0 and seen["areas"] > 10, seen
    assert seen["entries"] >= 3, f"{path}: the legend has no colours: {seen}"
    for part in ("chart", "legend", "play", "mapSlider", "yearControl"):
        assert seen[part] and seen[part]["height"] > 0, f"{path}: no {part}: {seen}"
        assert seen[part]["top"] >= 0 and seen[part]["bottom"] <= seen["height"], (
            f"{path}: {part} below the fold: {seen}"
        )
    assert watch.blocked == []


@pytest.mark.parametrize(
    "path, charts",
    [("/growth", 1), ("/growth?tab=Trends", 1), ("/outcomes", 2), ("/fidelity", 1), ("/present", 1)],
)
def test_each_chart_page_shows_most_of_its_first_plot_on_a_laptop_screen(open_page, path, charts):
    page, _ = open_page(path, LAPTOP, charts=charts)
    seen = page.evaluate(FOLD)
    area = seen["plotArea"]
    visible = min(area["bottom"], seen["height"]) - area["top"]
    assert seen["scrolled"] == 0 and visible >= 0.75 * area["height"], f"{path}: first plot under the fold: {seen}"

"""What a browser test checks on any page: axe-core's serious findings, and a page fitting its screen
(no sideways scrolling, charts as wide as the page, plot areas given most of it, legends off the plot)."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return {
    rules: results.passes.length + results.violations.length,
    serious: results.violations.filter(v => ['serious', 'critical'].includes(v.impact)).map(v =>
      `${v.id} (${v.impact}): ${v.help}; ` + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')),
  };
}"""
PHONE_WIDTH = 390
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
      words: [...plot.querySelectorAll('.annotation-text, .gtitle, .g-xtitle text, .g-ytitle text, .legendtext')]
        .filter(t => t.textContent.trim()).map(t => ({text: t.textContent.slice(0, 60), ...box(t)})),
    })),
  };
}"""


def axe(page) -> dict:
    """axe-core run on the page: how many rules it ran and its serious or critical findings."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE)


def axe_serious(page) -> list[str]:
    """axe-core's serious or critical findings on the page (after checking it ran its rules)."""
    found = axe(page)
    assert found["rules"] > 20  # axe ran its rules on the page
    return found["serious"]


def _overlap(a: dict, b: dict) -> float:
    """Area shared by two boxes (0 when they do not meet)."""
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(width, 0) * max(height, 0)


def misfits(page, charts: int) -> list[str]:
    """How the page, at its window's size, fails to fit: sideways scrolling, fewer than `charts` charts, a
    chart narrower than the page, a squeezed plot area (on a phone under 60% of its width), a map under
    300 px, a legend over the plot or off the chart, a title, note or label cut at the chart's edge. Empty
    when it fits."""
    seen = page.evaluate(GEOMETRY)
    found = []
    if seen["scrollWidth"] > seen["innerWidth"] or seen["mainOverflow"] > 0:
        found.append(f"scrolls sideways ({seen['scrollWidth']} px for {seen['innerWidth']})")
    if len(seen["charts"]) < charts:
        found.append(f"{len(seen['charts'])} charts drawn, {charts} expected")
    for i, c in enumerate(seen["charts"]):
        chart, plot, legend = c["chart"], c["plot"], c["legend"]
        where = f"chart {i}: {c}"
        if chart["width"] < min(0.9 * seen["content"], 480):
            found.append(f"chart narrower than the page: {where}")
        if c["map"] and plot["width"] < 300:
            found.append(f"map under 300 px wide: {where}")
        if not c["map"] and plot["width"] < 0.5 * chart["width"]:
            found.append(f"plot area squeezed: {where}")
        if seen["innerWidth"] <= PHONE_WIDTH and plot["width"] < 0.6 * seen["innerWidth"]:
            found.append(f"plot area under 60% of a phone's width: {where}")
        if legend and _overlap(legend, plot) > 4:
            found.append(f"legend over the plot area: {where}")
        if legend and not (chart["left"] - 1 <= legend["left"] and legend["right"] <= chart["right"] + 1):
            found.append(f"legend runs off the chart: {where}")
        cut = [
            w["text"]
            for w in c["words"]
            if w["left"] < chart["left"] - 1
            or w["right"] > chart["right"] + 1
            or w["top"] < chart["top"] - 1
            or w["bottom"] > chart["bottom"] + 1
        ]
        if cut:
            found.append(f"chart {i}'s words cut at its edge: {cut}")
    return found

"""A talk as one self-contained HTML file: opens in any browser with no network and no server.

Plotly's JavaScript, every figure, the map GeoJSON and Plotly's base-map topojson are all inlined;
the topojson is preloaded into window.PlotlyGeoAssets, where Plotly looks before it would fetch.
"""

from __future__ import annotations

import html
import json

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from ipsdash import geo

STYLE = """
body{font-family:"Source Sans Pro","DejaVu Sans",sans-serif;margin:0;color:#101418;background:#fff}
section{min-height:100vh;padding:2.5vh 4vw;box-sizing:border-box;page-break-after:always}
h1{font-size:2.6rem;margin:0 0 .3em} p.takeaway{font-size:1.5rem;margin:0 0 .6em}
p.source{font-size:1rem;color:#555} .counter{float:right;color:#555;font-size:1.1rem}
"""
NAVIGATION = """
document.addEventListener('keydown', e => {
  const slides = [...document.querySelectorAll('section')];
  const now = slides.findIndex(s => s.getBoundingClientRect().top >= -5);
  const next = {ArrowRight: 1, PageDown: 1, ' ': 1, ArrowLeft: -1, PageUp: -1}[e.key];
  if (next === undefined) return;
  e.preventDefault();
  slides[Math.max(0, Math.min(slides.length - 1, now + next))].scrollIntoView();
});
"""


def _inline_geometry(figure: go.Figure) -> go.Figure:
    """Swap the GeoJSON URL of a map for the GeoJSON itself."""
    urls = {geo.WORLD_URL: geo.WORLD_GEOJSON, geo.US_URL: geo.US_GEOJSON}
    for trace in figure.data:
        if getattr(trace, "geojson", None) in urls:
            trace.geojson = json.loads(urls[trace.geojson].read_text())
    return figure


def talk_html(title: str, slides: list[tuple[str, str, go.Figure | None, str]]) -> bytes:
    """slides: (title, takeaway, figure or None, source line) per slide."""
    assets = {p.stem: json.loads(p.read_text()) for p in (geo.STATIC_DIR / "topojson").glob("*.json")}
    parts = []
    for number, (heading, takeaway, figure, source) in enumerate(slides, start=1):
        chart = ""
        if figure is not None:
            chart = pio.to_html(
                _inline_geometry(figure),
                include_plotlyjs=False,
                full_html=False,
                config={"displaylogo": False, "responsive": True},
            )
        parts.append(
            f"<section><span class='counter'>{number} / {len(slides)}</span><h1>{html.escape(heading)}</h1>"
            f"<p class='takeaway'>{html.escape(takeaway)}</p>{chart}<p class='source'>{html.escape(source)}</p>"
            "</section>"
        )
    page = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{STYLE}</style><script>window.PlotlyGeoAssets={{topojson:{json.dumps(assets)}}};</script>"
        f"<script>{get_plotlyjs()}</script></head><body>{''.join(parts)}<script>{NAVIGATION}</script></body></html>"
    )
    return page.encode("utf-8")

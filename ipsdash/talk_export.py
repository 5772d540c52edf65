"""A talk as one self-contained HTML file: opens in any browser with no network and no server.

Plotly's JavaScript, every figure, the map GeoJSON and Plotly's base-map topojson are all inlined;
the topojson is preloaded into window.PlotlyGeoAssets, where Plotly looks before it would fetch.
"""

from __future__ import annotations

import html
import json

import plotly.io as pio
from plotly.offline import get_plotlyjs

from ipsdash import assets, image_export, provenance
from ipsdash.image_export import self_contained
from ipsdash.talk import RenderedSlide

STYLE = """
body{font-family:"Source Sans Pro","DejaVu Sans",sans-serif;margin:0;color:#101418;background:#fff}
section{min-height:100vh;padding:2.5vh 4vw;box-sizing:border-box;page-break-after:always}
h1{font-size:2.6rem;margin:0 0 .3em} p.takeaway{font-size:1.5rem;margin:0 0 .6em}
p.source{font-size:1rem;color:#444} figure{margin:0} .counter{float:right;color:#555;font-size:1.1rem}
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


def talk_html(title: str, slides: list[RenderedSlide]) -> bytes:
    """The talk as one HTML file: each slide's title, takeaway, its view's figure and source line."""
    assets_json = {p.stem: json.loads(p.read_text()) for p in assets.TOPOJSON_DIR.glob("*.json")}
    parts = []
    for slide in slides:
        view, chart = slide.view, ""
        if view.figure is not None:
            chart = pio.to_html(
                self_contained(view.figure),
                include_plotlyjs=False,
                full_html=False,
                config={"displaylogo": False, "responsive": True},
            )
        parts.append(
            f"<section aria-label='Slide {slide.number}'><span class='counter'>{slide.number} / {len(slides)}</span>"
            f"<h1>{html.escape(slide.title)}</h1><p class='takeaway'>{html.escape(slide.takeaway)}</p>"
            f"<figure role='img' aria-label='{html.escape(view.alt, quote=True)}'>{chart}</figure>"
            f"<p class='source'>{html.escape(slide.source_line)}</p></section>"
        )
    page = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<style>{STYLE}</style><script>window.PlotlyGeoAssets={{topojson:{json.dumps(assets_json)}}};</script>"
        f"<script>{get_plotlyjs()}</script></head><body><main>{''.join(parts)}</main>"
        f"<script>{NAVIGATION}</script></body></html>"
    )
    return page.encode("utf-8")


def talk_pdf(slides: list[RenderedSlide]) -> bytes:
    """The talk as a PDF deck, one page a slide with its title, takeaway, figure and source line."""
    return image_export.talk_pdf(
        [(s.title, s.takeaway, s.view.figure, provenance.source_line(s.cited, locators=False)) for s in slides]
    )

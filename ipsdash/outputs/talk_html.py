"""Views and talks as static HTML: one self-contained file for the presenter's laptop, or pages that share
their scripts and geometry for a published copy. Either opens with no network and no server.

A map's GeoJSON, and the empty base map Plotly asks for, are preloaded once a page into
window.PlotlyGeoAssets, where Plotly looks before it would fetch: the figures keep the app's URLs, so every
map of a page (and every trace of a map) shares one copy of its geometry.
"""

from __future__ import annotations

import html
import json
import textwrap

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from ipsdash import assets, i18n
from ipsdash.domain import provenance
from ipsdash.figures import keyboard
from ipsdash.i18n import _
from ipsdash.outputs import images as image_export
from ipsdash.outputs.talk_track import RenderedSlide
from ipsdash.views.base import View

STYLE = """
body{font-family:"Source Sans Pro","DejaVu Sans",sans-serif;margin:0;color:#101418;background:#fff;line-height:1.4}
main{max-width:1400px;margin:0 auto;padding:1rem 4vw} nav a{margin-right:1rem} a{color:#0b4f8a}
section{min-height:100vh;padding:2.5vh 0;box-sizing:border-box;page-break-after:always}
h1{font-size:clamp(1.6rem,4vw,2.6rem);margin:0 0 .3em} p.takeaway{font-size:clamp(1.1rem,2.5vw,1.5rem);margin:0 0 .6em}
p.source,p.note{font-size:1rem;color:#333} .counter{float:right;color:#444;font-size:1.1rem} figure{margin:0}
table{border-collapse:collapse;font-size:.9rem} td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:left}
details{margin:1rem 0} .scroll{overflow-x:auto}
.untranslated{font-size:.6em;font-weight:normal;color:#525a66;white-space:nowrap;vertical-align:middle}
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
CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["toImage"]}  # no uncited picture


def chart_html(figure: go.Figure, alt: str) -> str:
    """A figure as a div that draws itself (the page loads Plotly and its maps' geometry once), labelled for
    screen readers."""
    chart = pio.to_html(figure, include_plotlyjs=False, full_html=False, config=CONFIG, auto_play=False)
    return f"<figure role='img' aria-label='{html.escape(alt, quote=True)}'>{chart}</figure>"


def geometry_of(*figures: go.Figure | None) -> list[str]:
    """The URLs of the GeoJSON files these figures' maps draw (none for a page without a map)."""
    urls = {t.geojson for f in figures if f is not None for t in f.data if t.type == "choropleth"}
    return sorted(url for url in urls if isinstance(url, str) and url in assets.GEOJSON_FILES)


def _geo_assets(geometry: list[str]) -> str:
    """window.PlotlyGeoAssets holding the maps' GeoJSON by URL and the (empty) base maps Plotly fetches."""
    if not geometry:
        return ""
    preloaded = {p.stem: json.loads(p.read_text()) for p in assets.TOPOJSON_DIR.glob("*.json")}
    loaded = {url: json.loads(assets.GEOJSON_FILES[url].read_text(encoding="utf-8")) for url in geometry}
    return f"<script>window.PlotlyGeoAssets={json.dumps({'topojson': preloaded, **loaded})};</script>"


def page_html(
    title: str, body: str, plotly_src: str | None = None, script: str = "", geometry: list[str] = ()
) -> bytes:
    """A whole page in the language in use (its `<html lang>`): Plotly inlined (one self-contained file) or
    loaded from `plotly_src` (shared); the maps' `geometry` (GeoJSON URLs, see geometry_of) preloaded, and the
    keys for a map's Play and Pause, only where a map needs them."""
    plotly = (
        f"<script src='{html.escape(plotly_src)}'></script>" if plotly_src else f"<script>{get_plotlyjs()}</script>"
    )
    script = f"{keyboard.SCRIPT}{script}" if geometry else script
    return (
        f"<!doctype html><html lang='{i18n.current()}'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<style>{STYLE}</style>{_geo_assets(list(geometry))}"
        f"{plotly}</head><body><main>{body}</main>{f'<script>{script}</script>' if script else ''}</body></html>"
    ).encode()


def untranslated_marker() -> str:
    """The tag after a talk's text that is shown in English for want of a translation into the language in use."""
    # TRANSLATORS: a small tag after a slide's title, takeaway or notes that have no translation yet and are
    # shown in English; keep the parentheses.
    return _("(in English)")


def in_english(text_html: str, english: bool) -> str:
    """Escaped talk text as shown: where it is English on a page in another language, marked `lang='en'`
    and followed by the untranslated tag (in the page's language)."""
    if not english or i18n.current() == i18n.DEFAULT:
        return text_html
    return (
        f"<span lang='en'>{text_html}</span> <small class='untranslated'>{html.escape(untranslated_marker())}</small>"
    )


def english_data(text_html: str) -> str:
    """Escaped data text kept in English (source titles, data values), marked `lang='en'` on a page in another
    language."""
    return text_html if i18n.current() == i18n.DEFAULT or not text_html else f"<span lang='en'>{text_html}</span>"


def field_html(slide: RenderedSlide, field: str) -> str:
    """A slide's title, takeaway or notes, escaped, marked where it is shown in English."""
    return in_english(html.escape(getattr(slide, field)), field in slide.in_english)


def picture_words(slide: RenderedSlide) -> tuple[str, str]:
    """A slide's title and takeaway for a picture (PDF page, thumbnail), each with the untranslated tag
    where it is shown in English (as Plotly draws it: in italics)."""

    def marked(field: str) -> str:
        text = getattr(slide, field)
        if field in slide.in_english and i18n.current() != i18n.DEFAULT:
            return f"{text} <i>{html.escape(untranslated_marker())}</i>"
        return text

    return marked("title"), marked("takeaway")


def notes_html(slides: list[RenderedSlide]) -> str:
    """The speaker notes as a last page (the presenter's copy only), or nothing when there are none."""
    heading = html.escape(_("Slide {number}: {title}"))
    rows = "".join(
        f"<li><b>{heading.format(number=s.number, title=field_html(s, 'title'))}</b><br>{field_html(s, 'notes')}</li>"
        for s in slides
        if s.notes
    )
    notes = html.escape(_("Speaker notes"), quote=True)
    return f"<section id='notes' aria-label='{notes}'><h1>{notes}</h1><ol>{rows}</ol></section>" if rows else ""


def source_parts(line: str, cited, locators: bool = True) -> tuple[str, str]:
    """A source line as (the page's words, the source titles after them): the titles are data, kept in
    English, and are split off only on a page in another language (else, and where they cannot be found at
    the line's end, the whole line and '')."""
    if cited is None or i18n.current() == i18n.DEFAULT:
        return line, ""
    names = "; ".join(
        f"{short} ({'; '.join(locs)})" if locs and locators else short
        for _source, short, locs in provenance.by_source(cited)
    )
    if not names or not line.endswith(names):
        return line, ""
    return line[: len(line) - len(names)], names


def source_html(line: str, cited, locators: bool = True) -> str:
    """A source line, escaped, its source titles marked `lang='en'` on a page in another language; the label
    before them ('Source:') is the page's."""
    words, names = source_parts(line, cited, locators)
    return html.escape(words) + english_data(html.escape(names))


def words_html(view: View, source_line: str, cited=None) -> str:
    """The view's notes, its source line and its labelled source lines, as paragraphs (the page's words);
    with `cited` (what `source_line` cites), the source titles are marked as the English they are."""
    notes = "".join(f"<p class='note'>{html.escape(n)}</p>" for n in view.notes)
    lines = [(source_line, cited), *zip(view.credit_lines(), (rows for _label, rows in view.credits), strict=True)]
    return notes + "".join(
        f"<p class='source'>{source_html(line, rows) if rows is not None else html.escape(line)}</p>"
        for line, rows in lines
    )


def talk_html(
    title: str, slides: list[RenderedSlide], plotly_src: str | None = None, speaker_notes: bool = True
) -> bytes:
    """The talk as one HTML file: each slide's title, takeaway, its view's figure, notes and source line, and
    the speaker notes as a last page (`speaker_notes`; a published copy for the audience leaves them out)."""
    label = html.escape(_("Slide {number}"), quote=True)
    parts = [
        f"<section id='slide-{s.number}' aria-label='{label.format(number=s.number)}'>"
        f"<span class='counter'>{s.number} / {len(slides)}</span><h1>{field_html(s, 'title')}</h1>"
        f"<p class='takeaway'>{field_html(s, 'takeaway')}</p>{chart_html(s.view.figure, s.view.alt)}"
        f"{words_html(s.view, s.source_line, s.cited)}</section>"
        for s in slides
    ]
    notes = notes_html(slides) if speaker_notes else ""
    return page_html(
        title, "".join(parts) + notes, plotly_src, NAVIGATION, geometry_of(*(s.view.figure for s in slides))
    )


def view_html(view: View, links: str = "", plotly_src: str | None = None, csv_href: str = "") -> bytes:
    """One view as a page: title, chart, notes, source line, and the data drawn as a table."""
    table = view.data.to_html(index=False, border=0, escape=True, max_rows=500)
    download = _("Download the data (CSV)")
    download = f" <a href='{html.escape(csv_href)}' download>{html.escape(download)}</a>" if csv_href else ""
    drawn = _("The data drawn")
    body = (
        f"{links}<h1>{html.escape(view.title)}</h1>{chart_html(view.figure, view.alt)}"
        f"{words_html(view, view.source_line, view.cited)}"
        f"<details><summary>{html.escape(drawn)}{download}</summary><p>{html.escape(view.alt)}</p>"
        f"<div class='scroll'>{table}</div></details>"
    )
    return page_html(view.title, body, plotly_src, geometry=geometry_of(view.figure))


NOTES_LINES = 26  # lines of speaker notes on one PDF page


def _notes_pages(slides: list[RenderedSlide]) -> list[tuple[str, str, go.Figure, tuple[str, ...], str]]:
    """The speaker notes as PDF pages of text (escaped: Plotly reads tags in its text)."""
    lines = []
    marker = f" <i>{html.escape(untranslated_marker())}</i>" if i18n.current() != i18n.DEFAULT else ""
    heading = html.escape(_("Slide {number}: {title}"))
    for s in slides:
        if s.notes:
            title = html.escape(s.title) + (marker if "title" in s.in_english else "")
            lines.append(f"<b>{heading.format(number=s.number, title=title)}</b>")
            lines += [html.escape(line) for line in textwrap.wrap(s.notes, 130)]
            lines += [marker.strip()] if "notes" in s.in_english and marker else []
            lines.append("")
    pages = [lines[i : i + NOTES_LINES] for i in range(0, len(lines), NOTES_LINES)]
    return [(_("Speaker notes"), "", _text_figure("<br>".join(page)), (), "") for page in pages]


def _text_figure(text: str) -> go.Figure:
    figure = go.Figure(layout=dict(xaxis=dict(visible=False), yaxis=dict(visible=False), showlegend=False))
    figure.add_annotation(
        text=text,
        x=0,
        y=1,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=17),
    )
    return figure


def talk_pdf(slides: list[RenderedSlide]) -> bytes:
    """The talk as a PDF deck, one page a slide with its title, takeaway, figure, notes and source line, and
    the speaker notes on the last page(s)."""
    return image_export.talk_pdf(
        [
            (*picture_words(s), s.view.figure, s.view.notes, provenance.source_line(s.cited, locators=False))
            for s in slides
        ]
        + _notes_pages(slides)
    )

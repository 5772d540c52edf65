"""A view as an image (PNG, SVG) or a talk as a PDF deck, rendered offline with the system Chromium.

Kaleido drives Chromium with Plotly's own bundled script, MathJax switched off, the map geometry
inlined and the (empty) base map Plotly asks for read from the app's static folder: nothing is fetched from a
network. The title and the source line are burnt into every image, so a picture carries its citation.
"""

from __future__ import annotations

import copy
import io
import json
import os
import shutil
import threading

import plotly.graph_objects as go

from ipsdash import assets
from ipsdash.domain import provenance
from ipsdash.errors import UserError
from ipsdash.i18n import _
from ipsdash.views.base import View

WIDTH, HEIGHT = 1280, 720
_lock = threading.Lock()  # kaleido's sync server handles one request at a time


class ExportUnavailable(UserError):
    """Images cannot be rendered here (no Chromium); the message says what to install."""


def chromium_path() -> str | None:
    """The Chromium binary Kaleido drives: IPSDASH_CHROMIUM, else chromium or google-chrome on PATH."""
    for candidate in (os.environ.get("IPSDASH_CHROMIUM"), shutil.which("chromium"), shutil.which("google-chrome")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def _inline_geometry(figure: go.Figure) -> None:
    """Swap a map's GeoJSON URL (served by the app) for the GeoJSON itself."""
    loaded: dict[str, dict] = {}  # a map's traces (its areas with data, the grey rest) share one file
    for trace in figure.data:
        url = getattr(trace, "geojson", None)
        if isinstance(url, str) and url in assets.GEOJSON_FILES:
            if url not in loaded:
                loaded[url] = json.loads(assets.GEOJSON_FILES[url].read_text(encoding="utf-8"))
            trace.geojson = loaded[url]


def self_contained(figure: go.Figure) -> go.Figure:
    """A copy that needs no server: a map's geometry inlined (animation kept)."""
    copied = go.Figure(copy.deepcopy(figure.to_dict()))
    _inline_geometry(copied)
    return copied


def still(figure: go.Figure) -> go.Figure:
    """A self-contained copy for a still picture: no animation frames or Play controls."""
    picture = self_contained(figure)
    picture.frames = []
    picture.layout.updatemenus = []
    picture.layout.sliders = []
    return picture


def _legend_rows(picture: go.Figure, width: int) -> int:
    """How many rows a horizontal legend takes at this width: entries packed greedily, as Plotly does."""
    rows, used = 0, width
    for trace in picture.data:
        if getattr(trace, "showlegend", False) is False or not getattr(trace, "name", None):
            continue
        item = len(trace.name) * 7.5 + 50
        if used + item > width - 40:
            rows, used = rows + 1, 0
        used += item
    return rows


def _left_margin(picture: go.Figure) -> int:
    """Room for the y axis labels: long category labels (trials) need more than numbers do."""
    labels = picture.layout.yaxis.ticktext or []
    return max(70, int(max((len(str(t)) for t in labels), default=0) * 7.2) + 20)


def compose(
    figure: go.Figure,
    title: str,
    source_line: str,
    subtitle: str = "",
    height: int = HEIGHT,
    width: int = WIDTH,
    notes: tuple[str, ...] = (),
) -> go.Figure:
    """The figure with its title (and a subtitle) on top; under the plot its axis, its legend, and its
    notes and source line (the view's words, as the page shows them), each given its own band of the
    picture so nothing overlaps."""
    picture = still(figure)
    chars = 175 * width // WIDTH
    words = "<br>".join(_wrap(text, chars) for text in notes)
    height += 17 * (words.count("<br>") + 1) if notes else 0  # the notes get a band of their own, not the plot's
    source = "<br>".join(filter(None, (words, _wrap(source_line, chars))))
    source_px = 17 * (source.count("<br>") + 1) + 8
    legend_px = 31 * _legend_rows(picture, width)
    is_map = bool(picture.layout.geo.domain.x)
    axis_px, left = (0, 20) if is_map else (60, _left_margin(picture))
    plot_width = width - left - 30
    picture.update_layout(
        title=dict(
            text=f"<b>{title}</b>",
            subtitle=dict(text=_wrap(subtitle, 110 * width // WIDTH), font=dict(size=20)),
            x=0.01,
            y=0.985,
            yanchor="top",
            font=dict(size=28),
        ),
        height=height,
        width=width,
        margin=dict(t=110 if subtitle else 64, b=axis_px + legend_px + source_px + 10, l=left, r=30, autoexpand=False),
        legend=dict(
            orientation="h",
            xref="container",
            x=0.02,
            xanchor="left",
            yref="container",
            y=(source_px + 6) / height,
            yanchor="bottom",
        ),
    )
    picture.layout.yaxis.automargin = False
    picture.layout.xaxis.automargin = False
    picture.add_annotation(
        text=source,
        x=-(left - 16) / plot_width,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        yshift=-(axis_px + legend_px),
        showarrow=False,
        align="left",
        font=dict(size=12, color="#333"),
    )
    return picture


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def render(figure: go.Figure, fmt: str, width: int = WIDTH, height: int = HEIGHT, scale: float = 1) -> bytes:
    """Bytes of the figure as png, svg or pdf (a png `scale` times `width` by `height` pixels)."""
    import kaleido

    path = chromium_path()
    if path is None:
        raise ExportUnavailable(_("Image export needs Chromium (Debian package 'chromium'); it is not installed."))
    with _lock:
        if not kaleido._global_server.is_running():  # one browser for the process, started on first use
            kaleido.start_sync_server(mathjax=False, path=path, timeout=60, silence_warnings=True)
        return kaleido.calc_fig_sync(
            figure.to_dict(),
            opts=dict(format=fmt, width=width, height=height, scale=scale),
            topojson=assets.TOPOJSON_DIR.as_uri() + "/",
        )


def view_picture(view: View) -> go.Figure:
    """A view as a still picture: exactly its figure, with title, notes and source line burnt in."""
    return compose(view.figure, view.title, provenance.source_line(view.cited, locators=False), notes=view.notes)


def view_image(view: View, fmt: str) -> bytes:
    """A view as png or svg (see view_picture)."""
    picture = view_picture(view)
    return render(picture, fmt, height=picture.layout.height)


def talk_pdf(slides: list[tuple[str, str, go.Figure, tuple[str, ...], str]]) -> bytes:
    """One PDF page per slide, from (title, takeaway, figure, notes, source line) each."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for title, takeaway, figure, notes, source_line in slides:
        picture = compose(figure, title, source_line, subtitle=takeaway, notes=notes)
        page = render(picture, "pdf", height=picture.layout.height)
        writer.append(PdfReader(io.BytesIO(page)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

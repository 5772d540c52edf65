"""The adoption story as a film: a map view, one frame a year, for slides and social posts.

Each frame is the map as of its year, rendered offline like every image (Kaleido driving the system
Chromium, `images.render`), with its title, the year large, the legend, the running count and the source
line of exactly what that frame draws burnt in. Frames are encoded as GIF by Pillow or as MP4 by the
ffmpeg binary that the imageio-ffmpeg wheel carries: nothing is downloaded at run time.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import plotly.graph_objects as go

from ipsdash.domain import provenance
from ipsdash.i18n import _
from ipsdash.outputs import images
from ipsdash.views import map as map_view
from ipsdash.views.base import View

# Layout sizes in CSS pixels, drawn at SCALE pixels each: text as large as on a 1280 x 720 image.
SCALE = 1.5
SIZES = {"square": (1080, 1080), "wide": (1920, 1080)}
FORMATS = ("gif", "mp4")
YEAR_MS, LAST_MS = 700, 3000  # each year on screen, and the last year held before the film loops
FPS = 10  # the MP4's frame rate: a year is YEAR_MS of identical frames


class FilmRefused(ValueError):
    """The film cannot be made as asked; the message says what was wrong and what is allowed."""


@dataclass(frozen=True)
class Frame:
    """One year of the film and the words burnt into it."""

    year: int
    title: str
    count: str  # "23 countries with IPS documented by 2004"
    source_line: str  # the sources of exactly what this frame draws
    view: View


def check(view: str, measure: str, size: str, fmt: str) -> None:
    """Refuse a view, measure, size or format the film does not have, naming what is allowed."""
    problems = []
    if view not in map_view.SPECS:
        problems.append(
            _("view '{view}' is not one of {views}").format(view=view[:40], views=", ".join(map_view.SPECS))
        )
    elif measure not in map_view.SPECS[view].measures:
        problems.append(
            _("measure '{measure}' is not one of {measures} (for view {view})").format(
                measure=measure[:40], measures=", ".join(map_view.SPECS[view].measures), view=view
            )
        )
    if size not in SIZES:
        problems.append(_("size '{size}' is not one of {sizes}").format(size=size[:40], sizes=", ".join(SIZES)))
    if fmt not in FORMATS:
        problems.append(
            _("format '{format}' is not one of {formats} (the file name's ending)").format(
                format=fmt[:40], formats=", ".join(FORMATS)
            )
        )
    if problems:
        raise FilmRefused("; ".join(problems))


def frames(con: duckdb.DuckDBPyConnection, view: str, measure: str) -> list[Frame]:
    """The film's frames, one a year the map animates, each with its caption and complete source line."""
    check(view, measure, "square", "gif")
    return [
        Frame(v.year, v.heading, v.count, provenance.source_line(v.cited, locators=False), v)
        for v in map_view.build_years(con, view, measure)
    ]


def picture(frame: Frame, size: str) -> go.Figure:
    """A frame as a still figure of the size's layout: the image compose makes, with the year large."""
    width, height = (round(side / SCALE) for side in SIZES[size])
    figure = images.compose(frame.view.figure, frame.title, frame.source_line, height=height, width=width)
    figure.add_annotation(
        text=f"<b>{frame.year}</b>",
        x=0.99,
        y=1.0,
        xref="paper",
        yref="paper",
        xanchor="right",
        yanchor="top",
        showarrow=False,
        font=dict(size=64, color="#0b4f8a"),
    )
    return figure


def render_frames(frames: list[Frame], size: str, progress: Callable[[int, int], None] | None = None) -> list[bytes]:
    """Every frame as a PNG of the size's pixels; `progress(done, total)` after each."""
    width, height = (round(side / SCALE) for side in SIZES[size])
    pngs = []
    for frame in frames:
        pngs.append(images.render(picture(frame, size), "png", width, height, scale=SCALE))
        if progress:
            progress(len(pngs), len(frames))
    return pngs


def encode(pngs: list[bytes], fmt: str) -> bytes:
    """The frames as an animated GIF (looping) or an H.264 MP4, each year YEAR_MS, the last held LAST_MS."""
    from PIL import Image

    pictures = [Image.open(io.BytesIO(png)).convert("RGB") for png in pngs]
    if fmt == "gif":
        # A palette per frame without dithering: flat map colours stay flat (and the file small).
        paletted = [p.quantize(colors=255, dither=Image.Dither.NONE) for p in pictures]
        out = io.BytesIO()
        durations = [YEAR_MS] * (len(paletted) - 1) + [LAST_MS]
        paletted[0].save(out, "GIF", save_all=True, append_images=paletted[1:], duration=durations, loop=0)
        return out.getvalue()
    return _mp4(pictures)


def _mp4(pictures: list) -> bytes:
    import imageio_ffmpeg

    size = pictures[0].size
    handle, path = tempfile.mkstemp(suffix=".mp4")  # ffmpeg seeks back to write an MP4's index
    os.close(handle)
    try:
        writer = imageio_ffmpeg.write_frames(
            path,
            size,
            fps=FPS,
            codec="libx264",
            pix_fmt_out="yuv420p",  # what every player plays
            macro_block_size=1,  # 1080 is not a multiple of 16: keep the size, do not resize
            ffmpeg_log_level="error",
            output_params=["-movflags", "+faststart"],
        )
        writer.send(None)
        for i, p in enumerate(pictures):
            repeats = (LAST_MS if i == len(pictures) - 1 else YEAR_MS) * FPS // 1000
            for _repeat in range(repeats):
                writer.send(p.tobytes())
        writer.close()
        with open(path, "rb") as file:
            return file.read()
    finally:
        os.unlink(path)


def film(
    con: duckdb.DuckDBPyConnection,
    view: str,
    measure: str,
    size: str = "square",
    fmt: str = "gif",
    progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """The whole film as bytes of `fmt`."""
    check(view, measure, size, fmt)
    return encode(render_frames(frames(con, view, measure), size, progress), fmt)

"""A published copy: the talk and each page's default view as static HTML, for any number of phones.

`python -m ipsdash publish DIR` writes a folder any static web server (or the cluster's nginx) can
serve: index.html, talk.html (slide N at #slide-N), follow.html (follows the presenter by polling
follow/NAME.json, see follow_page.py), one page per view with its data as CSV, and the scripts they
share under assets/. Nothing in it fetches from a network.
"""

from __future__ import annotations

import html
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
from plotly.offline import get_plotlyjs

from ipsdash.config import DATA_DIR
from ipsdash.errors import UserError
from ipsdash.outputs import talk_track as talk
from ipsdash.outputs.csv_export import to_safe_csv
from ipsdash.outputs.follow_page import FOLLOW_PAGE, follow_html
from ipsdash.outputs.talk_html import talk_html, view_html
from ipsdash.views import REGISTRY

PLOTLY = "assets/plotly.min.js"
# Published page -> (view, its default settings' raw values, page title in the index).
PAGES = {
    "map": ("map", {}, "Adoption map: countries by year of first programme"),
    "map-us": ("map", {"view": "us"}, "Adoption map: US states"),
    "growth": ("growth", {}, "Growth of US programmes"),
    "adoption": ("adoption_curves", {}, "Adoption curves"),
    "learning-community": ("lc_comparison", {}, "Learning community vs outside"),
    "outcomes": ("outcomes", {}, "Employment outcomes"),
    "trials": ("trials", {}, "The trial evidence"),
    "fidelity": ("fidelity", {}, "Fidelity and employment"),
}


MARKER = ".ipsdash-published"  # marks a folder publish made, so a later publish may replace it


class PublishRefused(UserError):
    """The folder cannot receive a published copy; nothing was written or removed."""

    exit_code = 2


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _check_target(folder: Path) -> None:
    """Publish only into a new or empty folder, or over a copy it made itself; never into data/."""
    target = folder.resolve()
    if target == DATA_DIR or DATA_DIR in target.parents or target in DATA_DIR.parents:
        raise PublishRefused(f"{folder}: a published copy cannot go into or around the data folder")
    if not target.parent.is_dir():
        raise PublishRefused(f"{folder}: its parent folder does not exist")
    if target.exists() and not target.is_dir():
        raise PublishRefused(f"{folder}: is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise PublishRefused(
            f"{folder}: is not empty and holds no earlier published copy; choose a new or empty folder"
        )


def publish(con: duckdb.DuckDBPyConnection, folder: Path, talk_name: str = "default") -> list[Path]:
    """Write the static site into `folder` (new, empty, or an earlier copy, which it replaces whole).
    Everything is written beside it first, so a failure (a bad talk, a full disk) leaves `folder` as it was."""
    folder = Path(folder)
    _check_target(folder)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.publishing-", dir=folder.resolve().parent))
    try:
        written = _write_site(con, staging, talk_name)
        (staging / MARKER).write_text("made by python -m ipsdash publish; replaced whole by the next one\n")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / path.relative_to(staging) for path in written]


def _write_site(con: duckdb.DuckDBPyConnection, folder: Path, talk_name: str) -> list[Path]:
    """The site's files, written into `folder`."""
    title, slides = talk.load_talk(talk_name, talk.options_from(con))  # a bad talk fails before any work
    written = [_write(folder / PLOTLY, get_plotlyjs().encode("utf-8"))]
    nav = "<nav><a href='index.html'>All views</a><a href='talk.html'>The talk</a></nav>"
    for slug, (name, raw, _) in PAGES.items():
        spec = REGISTRY[name]
        chosen, _ = spec.parse(raw, spec.options(con) if spec.options else None)
        view = spec.build(con, chosen)
        written.append(_write(folder / "data" / f"{slug}.csv", to_safe_csv(view.data)))
        written.append(_write(folder / f"{slug}.html", view_html(view, nav, PLOTLY, f"data/{slug}.csv")))
    rendered = [talk.render_slide(con, s) for s in slides]
    written.append(_write(folder / "talk.html", talk_html(title, rendered, PLOTLY, speaker_notes=False)))
    written.append(_write(folder / FOLLOW_PAGE, follow_html(talk_name, title, rendered, PLOTLY)))
    links = "".join(f"<li><a href='{slug}.html'>{html.escape(t)}</a></li>" for slug, (_, _, t) in PAGES.items())
    index = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>ipsdash: IPS worldwide</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'></head><body><main>"
        f"<h1>IPS worldwide</h1><p><a href='talk.html'>{html.escape(title)}</a> (the talk, slide by slide)</p>"
        f"<ul>{links}</ul><p>Every number cites its source; each page has its data as CSV.</p></main></body></html>"
    )
    written.append(_write(folder / "index.html", index.encode("utf-8")))
    return written


__all__ = ["MARKER", "PAGES", "PublishRefused", "publish"]

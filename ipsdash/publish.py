"""A published copy: the talk and each page's default view as static HTML, for any number of phones.

`python -m ipsdash publish DIR` writes a folder any static web server (or the cluster's nginx) can
serve: index.html, talk.html (slide N at #slide-N), one page per view with its data as CSV, and the
scripts they share under assets/. Nothing in it fetches from a network.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import duckdb
from plotly.offline import get_plotlyjs

from ipsdash import talk
from ipsdash.export import to_safe_csv
from ipsdash.talk_export import talk_html, view_html
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


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def publish(con: duckdb.DuckDBPyConnection, folder: Path, talk_name: str = "default") -> list[Path]:
    """Write the static site into `folder` (created if needed); return the files written."""
    folder = Path(folder)
    written = [_write(folder / PLOTLY, get_plotlyjs().encode("utf-8"))]
    nav = "<nav><a href='index.html'>All views</a><a href='talk.html'>The talk</a></nav>"
    for slug, (name, raw, _) in PAGES.items():
        spec = REGISTRY[name]
        chosen, _ = spec.parse(raw, spec.options(con) if spec.options else None)
        view = spec.build(con, chosen)
        written.append(_write(folder / "data" / f"{slug}.csv", to_safe_csv(view.data)))
        written.append(_write(folder / f"{slug}.html", view_html(view, nav, PLOTLY, f"data/{slug}.csv")))
    title, slides = talk.load_talk(talk_name, talk.options_from(con))
    rendered = [talk.render_slide(con, s) for s in slides]
    written.append(_write(folder / "talk.html", talk_html(title, rendered, PLOTLY)))
    links = "".join(f"<li><a href='{slug}.html'>{html.escape(t)}</a></li>" for slug, (_, _, t) in PAGES.items())
    index = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>ipsdash: IPS worldwide</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'></head><body><main>"
        f"<h1>IPS worldwide</h1><p><a href='talk.html'>{html.escape(title)}</a> (the talk, slide by slide)</p>"
        f"<ul>{links}</ul><p>Every number cites its source; each page has its data as CSV.</p></main></body></html>"
    )
    written.append(_write(folder / "index.html", index.encode("utf-8")))
    return written


def clear(folder: Path) -> None:
    """Remove a previous copy's files (only the ones publish writes)."""
    for name in ("assets", "data"):
        shutil.rmtree(Path(folder) / name, ignore_errors=True)
    for path in Path(folder).glob("*.html"):
        path.unlink()


__all__ = ["PAGES", "clear", "publish"]

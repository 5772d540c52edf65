"""A published copy: the talk and each page's default view as static HTML, for any number of phones.

`python -m ipsdash publish DIR` writes a folder any static web server (or the cluster's nginx) can
serve: index.html, talk.html (slide N at #slide-N), follow.html (follows the presenter by polling
follow/NAME.json, see follow_page.py), one page per view with its data as CSV, and the scripts they
share under assets/. Nothing in it fetches from a network.
"""

from __future__ import annotations

import html
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
from plotly.offline import get_plotlyjs

from ipsdash import i18n
from ipsdash.config import DATA_DIR
from ipsdash.domain import provenance
from ipsdash.errors import UserError
from ipsdash.i18n import N_, _, ngettext
from ipsdash.outputs import images as image_export
from ipsdash.outputs import talk_track as talk
from ipsdash.outputs.csv_export import to_safe_csv
from ipsdash.outputs.follow_page import FOLLOW_PAGE, follow_html
from ipsdash.outputs.talk_html import in_english, picture_words, talk_html, view_html
from ipsdash.views import REGISTRY

PLOTLY = "assets/plotly.min.js"
# Published page -> (view, its default settings' raw values, page title in the index, translated where
# shown), in the index's order.
PAGES = {
    "map": ("map", {}, N_("Adoption map: countries by year of first programme")),
    "map-us": ("map", {"view": "us"}, N_("Adoption map: US states")),
    "adoption": ("adoption_curves", {}, N_("Adoption curves")),
    "growth": ("growth", {}, N_("Growth of US programmes")),
    "learning-community": ("lc_comparison", {}, N_("Learning community vs outside")),
    "outcomes": ("outcomes", {}, N_("Employment outcomes")),
    "trials": ("trials", {}, N_("The trial evidence")),
    "fidelity": ("fidelity", {}, N_("Fidelity and employment")),
}
THUMBNAIL_SCALE = 0.4  # a 1280 x 720 picture (title and source line burnt in) drawn at 512 x 288


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
        raise PublishRefused(
            _("{folder}: a published copy cannot go into or around the data folder").format(folder=folder)
        )
    if not target.parent.is_dir():
        raise PublishRefused(_("{folder}: its parent folder does not exist").format(folder=folder))
    if target.exists() and not target.is_dir():
        raise PublishRefused(_("{folder}: is a file, not a folder").format(folder=folder))
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise PublishRefused(
            _("{folder}: is not empty and holds no earlier published copy; choose a new or empty folder").format(
                folder=folder
            )
        )


def publish(con: duckdb.DuckDBPyConnection, folder: Path, talk_name: str = "default") -> list[Path]:
    """Write the static site into `folder` (new, empty, or an earlier copy, which it replaces whole), in the
    language in use: every page has its `<html lang>`, and the talk's text falls back to English, marked,
    where it has no translation. Everything is written beside it first, so a failure (a bad talk, a full
    disk) leaves `folder` as it was."""
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
    loaded = talk.read_talk(talk_name, talk.options_from(con))  # a bad talk fails before any work
    title = loaded.title
    written = [_write(folder / PLOTLY, get_plotlyjs().encode("utf-8"))]
    every_view, the_talk = html.escape(_("All views")), html.escape(_("The talk"))
    nav = f"<nav><a href='index.html'>{every_view}</a><a href='talk.html'>{the_talk}</a></nav>"
    cards = []
    for slug, (name, raw, heading) in PAGES.items():
        spec = REGISTRY[name]
        chosen, _problems = spec.parse(raw, spec.options(con) if spec.options else None)
        view = spec.build(con, chosen)
        written.append(_write(folder / "data" / f"{slug}.csv", to_safe_csv(view.data)))
        written.append(_write(folder / f"{slug}.html", view_html(view, nav, PLOTLY, f"data/{slug}.csv")))
        cards.append((slug, _(heading), view.title, _thumbnail(folder, slug, view.figure, view.title, view.cited)))
    rendered = [talk.render_slide(con, s) for s in loaded.slides]
    written.append(_write(folder / "talk.html", talk_html(title, rendered, PLOTLY, speaker_notes=False)))
    written.append(_write(folder / FOLLOW_PAGE, follow_html(talk_name, title, rendered, PLOTLY)))
    first = rendered[0] if rendered else None
    talk_thumb = None
    if first:
        first_title, first_takeaway = picture_words(first)
        talk_thumb = _thumbnail(folder, "talk", first.view.figure, first_title, first.cited, first_takeaway)
    written += [path for *_rest, path in cards if path] + ([talk_thumb] if talk_thumb else [])
    font = _app_font(folder)
    written += [font] if font else []
    index = index_html(title, len(rendered), talk_thumb, cards, folder, font, loaded.title_in_english)
    written.append(_write(folder / "index.html", index))
    return written


def _thumbnail(folder: Path, slug: str, figure, title: str, cited, subtitle: str = "") -> Path | None:
    """A small PNG of the view as its image download draws it (title and sources burnt in); None when
    pictures cannot be rendered here (no Chromium), and the index shows its cards without one."""
    if figure is None:
        return None
    picture = image_export.compose(figure, title, provenance.source_line(cited, locators=False), subtitle=subtitle)
    try:
        png = image_export.render(picture, "png", scale=THUMBNAIL_SCALE)
    except image_export.ExportUnavailable:
        return None
    return _write(folder / "assets" / "thumbnails" / f"{slug}.png", png)


def _app_font(folder: Path) -> Path | None:
    """The app's own typeface (Source Sans, which Streamlit ships; SIL Open Font Licence), copied beside the
    index so it looks like the app with no network; None where this Streamlit has no such file."""
    spec = importlib.util.find_spec("streamlit")
    media = Path(next(iter(spec.submodule_search_locations))) / "static" / "static" / "media" if spec else None
    found = sorted(media.glob("SourceSansVF-Upright*.woff2")) if media and media.is_dir() else []
    return _write(folder / "assets" / "source-sans.woff2", found[0].read_bytes()) if found else None


# The app's look, offline: its typeface and colours, cards of thumbnails that fold to one column on a phone.
INDEX_STYLE = """
body{font-family:"Source Sans","Source Sans Pro","DejaVu Sans",sans-serif;margin:0;color:#101418;background:#fff;
line-height:1.45} main{max-width:1200px;margin:0 auto;padding:1.5rem 4vw 3rem} a{color:#0b4f8a}
h1{font-size:clamp(1.8rem,5vw,2.8rem);margin:0 0 .2em} p.lead{font-size:1.2rem;color:#333;margin:0 0 1.5rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,300px),1fr));gap:1.2rem;
list-style:none;padding:0;margin:0} .card{border:1px solid #d5dae1;border-radius:.6rem;overflow:hidden;
background:#fff} .card:hover,.card:focus-within{border-color:#0b4f8a;box-shadow:0 2px 10px rgba(11,79,138,.15)}
.card a.view{display:block;text-decoration:none;color:inherit} .card img{display:block;width:100%;height:auto;
aspect-ratio:16/9;background:#f0f2f6;border-bottom:1px solid #e6e9ee} .card .text{padding:.7rem .9rem .8rem}
.card h2{font-size:1.15rem;margin:0 0 .2rem;color:#0b4f8a} .card p{margin:0;color:#525a66;font-size:.95rem}
.card.talk{grid-column:1/-1} .card.talk a.view{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);
align-items:center} .card.talk img{border-bottom:0;border-right:1px solid #e6e9ee} .card.talk h2{font-size:1.5rem}
@media (max-width:640px){.card.talk a.view{grid-template-columns:1fr} .card.talk img{border-right:0}}
:focus-visible{outline:3px solid #0b4f8a;outline-offset:2px} footer{margin-top:2rem;color:#525a66}
"""


def _card(
    href: str, heading: str, line: str, image: Path | None, folder: Path, kind: str = "", heading_html: str = ""
) -> str:
    picture = (
        f"<img src='{html.escape(image.relative_to(folder).as_posix())}' alt='' width='512' height='288'>"
        if image
        else ""
    )
    return (
        f"<li class='card{' ' + kind if kind else ''}'><a class='view' href='{html.escape(href)}'>{picture}"
        f"<div class='text'><h2>{heading_html or html.escape(heading)}</h2><p>{html.escape(line)}</p></div></a></li>"
    )


def index_html(
    talk_title: str, n_slides: int, talk_thumb, cards, folder: Path, font: Path | None, title_in_english: bool = False
) -> bytes:
    """The index: the talk first, then a card a view, each with its picture (decorative: the chart, its
    text alternative and its sources are one click away), all styled here with nothing fetched. The talk's
    title, where it has no translation into the language in use, is marked as English."""
    face = "@font-face{font-family:'Source Sans';src:url('assets/source-sans.woff2') format('woff2');}" if font else ""
    about = ngettext(
        "The talk, {count} slide; arrow keys step through",
        "The talk, {count} slides; arrow keys step through",
        n_slides,
    ).format(count=n_slides)
    heading = in_english(html.escape(talk_title), title_in_english)
    items = [_card("talk.html", talk_title, about, talk_thumb, folder, "talk", heading)]
    items += [_card(f"{slug}.html", heading, title, thumb, folder) for slug, heading, title, thumb in cards]
    words = {
        "title": _("ipsdash: IPS worldwide"),
        "heading": _("IPS worldwide"),
        "lead": _(
            "How Individual Placement and Support spread across US states and the world: the talk and every view, "
            "each number with its source."
        ),
        "footer": _("Every number cites its source; each page has its data as CSV. This copy works with no network."),
    }
    words = {key: html.escape(text) for key, text in words.items()}
    untranslated = ".untranslated{font-size:.6em;font-weight:normal;color:#525a66}" if title_in_english else ""
    return (
        f"<!doctype html><html lang='{i18n.current()}'><head><meta charset='utf-8'><title>{words['title']}</title>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{face}{INDEX_STYLE}"
        f"{untranslated}</style></head><body><main><h1>{words['heading']}</h1><p class='lead'>{words['lead']}</p>"
        f"<ul class='cards'>{''.join(items)}</ul><footer>{words['footer']}</footer></main></body></html>"
    ).encode()


__all__ = ["MARKER", "PAGES", "PublishRefused", "publish"]

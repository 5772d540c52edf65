"""Talk tracks: plain YAML files in data/talks/, checked slide by slide when they load.

A slide names a view and gives its settings under `with:`; they are parsed by the same function that
reads the view's page URL, so a bad slide gets the same message a bad link would. Titles and takeaways
write numbers as `{key figure}` placeholders, filled from the store when the slide is shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from ipsdash.config import DATA_DIR
from ipsdash.domain import provenance
from ipsdash.errors import UserError
from ipsdash.store import key_figures
from ipsdash.views import REGISTRY, View

TALK_DIR = DATA_DIR / "talks"
TALK_DIR_ENV = "IPSDASH_TALK_DIR"  # another folder of talks (used by tests; never data/talks itself)
TALK_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_TALK_BYTES = 256 * 1024
MAX_SLIDES = 100
MAX_TEXT = 400
MAX_NOTES = 2000  # speaker notes: plain text, shown only to the presenter and in the exports' appendix


@dataclass(frozen=True)
class Slide:
    """One live view with its words."""

    number: int
    title: str
    takeaway: str
    view: str
    settings: object
    notes: str = ""


@dataclass(frozen=True)
class RenderedSlide:
    """A slide ready to show: its words with figures filled in, the built view, and every source."""

    number: int
    title: str
    takeaway: str
    view: View
    cited: pd.DataFrame
    notes: str = ""  # the speaker's, as written (no placeholders): escaped wherever shown

    @property
    def source_line(self) -> str:
        return provenance.source_line(self.cited)


class TalkError(UserError):
    """A talk file that cannot be shown; `problems` names the slide and field of each."""

    exit_code = 2

    def __init__(self, name: str, problems: list[str]):
        self.name = name[:64]
        super().__init__("the talk cannot be shown.", problems, file=f"data/talks/{self.name}.yml")


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without anchors and aliases: a few hundred bytes of nested aliases ('billion laughs') would
    otherwise expand to gigabytes when the slide's text is read."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases (*name) are not allowed in a talk file")
        return super().compose_node(parent, index)


def talk_dir() -> Path:
    """Where talk files are read from: data/talks, unless IPSDASH_TALK_DIR names another folder."""
    return Path(os.environ.get(TALK_DIR_ENV) or TALK_DIR)


def talk_names(folder: Path | None = None) -> list[str]:
    """The talk tracks available, by file name."""
    return sorted(p.stem for p in (folder or talk_dir()).glob("*.yml") if TALK_NAME.fullmatch(p.stem))


def _read(name: str, folder: Path) -> dict:
    if not TALK_NAME.fullmatch(name):
        raise TalkError(name, ["a talk name is 1 to 64 letters, digits, '-' or '_'"])
    path = folder / f"{name}.yml"
    if not path.is_file():
        raise TalkError(name, [f"no talk file data/talks/{name}.yml (available: {', '.join(talk_names(folder))})"])
    if path.stat().st_size > MAX_TALK_BYTES:
        raise TalkError(name, [f"the file is larger than {MAX_TALK_BYTES // 1024} KB"])
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_NoAliasLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise TalkError(name, [f"not readable YAML: {str(exc)[:300]}"]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list) or not data["slides"]:
        raise TalkError(name, ["needs a list of slides under 'slides:'"])
    if len(data["slides"]) > MAX_SLIDES:
        raise TalkError(name, [f"has more than {MAX_SLIDES} slides"])
    return data


def _text_problems(where: str, key: str, value: object) -> list[str]:
    text = str(value or "").strip()
    if not text:
        return [f"{where}: '{key}' is missing"]
    if len(text) > MAX_TEXT:
        return [f"{where}: '{key}' is longer than {MAX_TEXT} characters"]
    try:
        unknown = [n for n in key_figures.placeholders(text) if n not in key_figures.REGISTRY]
    except ValueError as exc:
        return [f"{where}: '{key}' has a stray brace ({exc}); write numbers as {{key_figure}}"]
    return [f"{where}: '{key}' names an unknown key figure {{{n}}}" for n in unknown]


def _notes_problems(where: str, value: object) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str):
        return [f"{where}: 'notes' must be text, not a {type(value).__name__}"]
    if len(value.strip()) > MAX_NOTES:
        return [f"{where}: 'notes' is longer than {MAX_NOTES} characters"]
    return []


def _slide(number: int, raw: object, options_for: Callable[[str], object]) -> tuple[Slide | None, list[str]]:
    where = f"slide {number}"
    if not isinstance(raw, dict):
        return None, [f"{where}: not a mapping of title, takeaway, view, with"]
    problems = [p for key in ("title", "takeaway") for p in _text_problems(where, key, raw.get(key))]
    problems += _notes_problems(where, raw.get("notes"))
    view, given = raw.get("view"), raw.get("with") or {}
    if not isinstance(view, str) or view not in REGISTRY:
        return None, [*problems, f"{where}: unknown view '{str(view)[:40]}' (one of {', '.join(REGISTRY)})"]
    if not isinstance(given, dict):
        return None, [*problems, f"{where}: 'with' must be a mapping of settings, not a {type(given).__name__}"]
    spec = REGISTRY[view]
    problems += [f"{where}: unknown setting '{str(k)[:40]}' for a {view} slide" for k in given if k not in spec.params]
    settings, setting_problems = spec.parse({k: v for k, v in given.items() if k in spec.params}, options_for(view))
    problems += [f"{where}: {p}" for p in setting_problems]
    notes = raw.get("notes")
    title, takeaway = str(raw.get("title", "")).strip(), str(raw.get("takeaway", "")).strip()
    return Slide(number, title, takeaway, view, settings, notes.strip() if isinstance(notes, str) else ""), problems


def load_talk(name: str, options_for: Callable[[str], object], folder: Path | None = None) -> tuple[str, list[Slide]]:
    """Read and check a talk track; raise TalkError naming every bad slide and field.
    `options_for(view)` gives what that view's settings parser checks against (None when nothing)."""
    data = _read(name, folder or talk_dir())
    problems, slides = [], []
    for number, raw in enumerate(data["slides"], start=1):
        slide, found = _slide(number, raw, options_for)
        problems += found
        if slide:
            slides.append(slide)
    if problems:
        raise TalkError(name, problems)
    return str(data.get("title") or name)[:MAX_TEXT], slides


def options_from(con: duckdb.DuckDBPyConnection) -> Callable[[str], object]:
    """options_for() straight from a connection (the page passes a cached one instead)."""
    return lambda view: REGISTRY[view].options(con) if REGISTRY[view].options else None


def render_slide(con: duckdb.DuckDBPyConnection, slide: Slide) -> RenderedSlide:
    """Build the slide's view and fill its words; it cites the view's sources and the figures quoted."""
    view = REGISTRY[slide.view].build(con, slide.settings)
    title, title_cited = key_figures.fill(con, slide.title)
    takeaway, takeaway_cited = key_figures.fill(con, slide.takeaway)
    cited = provenance.cite(view.cited, title_cited, takeaway_cited)
    return RenderedSlide(slide.number, title, takeaway, view, cited, slide.notes)

"""Talk tracks: plain YAML files in data/talks/, checked slide by slide when they load.

A slide names a view and gives its settings under `with:`; they are parsed by the same function that
reads the view's page URL, so a bad slide gets the same message a bad link would. Titles and takeaways
write numbers as `{key figure}` placeholders, filled from the store when the slide is shown.

A slide's `title`, `takeaway` and `notes` (and the talk's own `title`) are plain text, in English, or a
mapping by language, `{en: …, nl: …, es: …, it: …}`, where English is required. A talk loads in the
language in use: a field without text in it is shown in English, and the slide says which fields
(`Slide.in_english`) so every output can mark them.
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

from ipsdash import i18n
from ipsdash.config import DATA_DIR
from ipsdash.domain import provenance
from ipsdash.errors import UserError
from ipsdash.i18n import _
from ipsdash.store import key_figures
from ipsdash.views import REGISTRY, View

TALK_DIR = DATA_DIR / "talks"
TALK_DIR_ENV = "IPSDASH_TALK_DIR"  # another folder of talks (used by tests; never data/talks itself)
TALK_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_TALK_BYTES = 256 * 1024
MAX_SLIDES = 100
MAX_TEXT = 400
MAX_NOTES = 2000  # speaker notes: plain text, shown only to the presenter and in the exports' appendix
FIELDS = ("title", "takeaway", "notes")  # a slide's words, each plain English or a mapping by language
TRANSLATIONS = tuple(lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT)  # what a talk may be translated to

Written = tuple[tuple[str, tuple[str, ...]], ...]  # (field, the languages it has text in), per field given


@dataclass(frozen=True)
class Slide:
    """One live view with its words, in the language it was loaded for (`lang`)."""

    number: int
    title: str
    takeaway: str
    view: str
    settings: object
    notes: str = ""
    lang: str = i18n.DEFAULT
    in_english: tuple[str, ...] = ()  # the fields with no text in `lang`, shown in English instead
    written: Written = ()

    def untranslated(self, lang: str) -> tuple[str, ...]:
        """The fields of this slide that have no text in `lang` (English has every field there is)."""
        return () if lang == i18n.DEFAULT else tuple(field for field, langs in self.written if lang not in langs)


@dataclass(frozen=True)
class Talk:
    """A talk as loaded: its title and slides in the language in use, and what lacks a translation."""

    name: str
    title: str
    slides: tuple[Slide, ...]
    lang: str = i18n.DEFAULT
    title_in_english: bool = False  # the talk's title has no text in `lang`: it is shown in English
    title_languages: tuple[str, ...] = (i18n.DEFAULT,)

    def untranslated(self, lang: str) -> tuple[bool, list[tuple[int, tuple[str, ...]]]]:
        """Whether the talk's title lacks `lang`, and (number, fields) of each slide with a field that does."""
        slides = [(s.number, fields) for s in self.slides if (fields := s.untranslated(lang))]
        return lang != i18n.DEFAULT and lang not in self.title_languages, slides


@dataclass(frozen=True)
class RenderedSlide:
    """A slide ready to show: its words with figures filled in, the built view, and every source."""

    number: int
    title: str
    takeaway: str
    view: View
    cited: pd.DataFrame
    notes: str = ""  # the speaker's, as written (no placeholders): escaped wherever shown
    lang: str = i18n.DEFAULT  # the language of the words (where a field is in `in_english`, English)
    in_english: tuple[str, ...] = ()  # fields shown in English for want of a translation: marked as such

    @property
    def source_line(self) -> str:
        return provenance.source_line(self.cited)


class TalkError(UserError):
    """A talk file that cannot be shown; `problems` names the slide and field of each."""

    exit_code = 2

    def __init__(self, name: str, problems: list[str]):
        self.name = name[:64]
        super().__init__(_("the talk cannot be shown."), problems, file=f"data/talks/{self.name}.yml")


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without anchors and aliases: a few hundred bytes of nested aliases ('billion laughs') would
    otherwise expand to gigabytes when the slide's text is read."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError(_("aliases (*name) are not allowed in a talk file"))
        return super().compose_node(parent, index)


def talk_dir() -> Path:
    """Where talk files are read from: data/talks, unless IPSDASH_TALK_DIR names another folder."""
    return Path(os.environ.get(TALK_DIR_ENV) or TALK_DIR)


def talk_names(folder: Path | None = None) -> list[str]:
    """The talk tracks available, by file name."""
    return sorted(p.stem for p in (folder or talk_dir()).glob("*.yml") if TALK_NAME.fullmatch(p.stem))


def name_problem() -> str:
    """What a talk name may be (the same words wherever a name is refused)."""
    return _("a talk name is 1 to 64 letters, digits, '-' or '_'")


def _read(name: str, folder: Path) -> dict:
    if not TALK_NAME.fullmatch(name):
        raise TalkError(name, [name_problem()])
    path = folder / f"{name}.yml"
    if not path.is_file():
        available = ", ".join(talk_names(folder))
        raise TalkError(
            name,
            [_("no talk file data/talks/{name}.yml (available: {available})").format(name=name, available=available)],
        )
    if path.stat().st_size > MAX_TALK_BYTES:
        raise TalkError(name, [_("the file is larger than {size} KB").format(size=MAX_TALK_BYTES // 1024)])
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_NoAliasLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise TalkError(name, [_("not readable YAML: {error}").format(error=str(exc)[:300])]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("slides"), list) or not data["slides"]:
        raise TalkError(name, [_("needs a list of slides under 'slides:'")])
    if len(data["slides"]) > MAX_SLIDES:
        raise TalkError(name, [_("has more than {count} slides").format(count=MAX_SLIDES)])
    return data


def _label(key: str, lang: str | None) -> str:
    """How a problem names a field: 'title', or 'title' (nl) for one language of a mapping."""
    return f"'{key}'" if lang is None else f"'{key}' ({lang})"


def _by_language(where: str, key: str, raw: object) -> tuple[dict[str | None, object], list[str]]:
    """A field's value by language: {None: value} for plain (English) text; a mapping's languages, with a
    problem for an unknown language, a value that is not text, or no English."""
    if not isinstance(raw, dict):
        return {None: raw}, []
    problems, texts = [], {}
    for lang, text in raw.items():
        if lang not in i18n.LANGUAGES:
            problems.append(
                # TRANSLATORS: a problem in a talk file. {where} is 'slide 3' or 'the talk'; {field} is a key of
                # the file, kept as written: 'title', or 'title' (nl) for one language of it; {language} a key.
                _("{where}: {field} has an unknown language '{language}' (one of {languages})").format(
                    where=where, field=_label(key, None), language=str(lang)[:20], languages=", ".join(i18n.LANGUAGES)
                )
            )
        elif not isinstance(text, str):
            problems.append(
                _("{where}: {field} must be text, not a {type}").format(
                    where=where, field=_label(key, lang), type=type(text).__name__
                )
            )
        else:
            texts[lang] = text
    if i18n.DEFAULT not in raw:
        problems.append(
            _(
                "{where}: {field} is given by language but has no English text (en), which the others fall back to"
            ).format(where=where, field=_label(key, None))
        )
    return texts, problems


def _text_problems(where: str, key: str, value: object, lang: str | None = None) -> list[str]:
    field = _label(key, lang)
    text = str(value or "").strip()
    if not text:
        return [_("{where}: {field} is missing").format(where=where, field=field)]
    if len(text) > MAX_TEXT:
        return [
            _("{where}: {field} is longer than {count} characters").format(where=where, field=field, count=MAX_TEXT)
        ]
    try:
        unknown = [n for n in key_figures.placeholders(text) if n not in key_figures.REGISTRY]
    except ValueError as exc:
        return [
            # TRANSLATORS: keep {{key_figure}} as written: it shows as {key_figure}, the way a talk writes a number.
            _("{where}: {field} has a stray brace ({error}); write numbers as {{key_figure}}").format(
                where=where, field=field, error=exc
            )
        ]
    return [
        _("{where}: {field} names an unknown key figure {{{name}}}").format(where=where, field=field, name=n)
        for n in unknown
    ]


def _figures(text: str) -> set[str] | None:
    try:
        return set(key_figures.placeholders(text))
    except ValueError:
        return None


def _text_field(where: str, key: str, raw: object) -> tuple[dict[str, str], list[str]]:
    """A title or takeaway: its text by language (checked as the English text is), and the problems."""
    given, problems = _by_language(where, key, raw)
    if None in given:  # plain text: English
        return {i18n.DEFAULT: str(given[None] or "").strip()}, _text_problems(where, key, given[None])
    texts = {}
    for lang, value in given.items():
        found = _text_problems(where, key, value, lang)
        problems += found
        if not found:
            texts[lang] = str(value).strip()
    english = _figures(texts.get(i18n.DEFAULT, ""))
    for lang, text in texts.items():
        if english is not None and lang != i18n.DEFAULT and _figures(text) != english:
            names = ", ".join(f"{{{n}}}" for n in sorted(english)) or "–"
            problems.append(
                _("{where}: {field} must write the same key figures as the English text ({names})").format(
                    where=where, field=_label(key, lang), names=names
                )
            )
    return texts, problems


def _notes_problems(where: str, value: object, lang: str | None = None) -> list[str]:
    if value is None:
        return []
    field = _label("notes", lang)
    if not isinstance(value, str):
        return [
            _("{where}: {field} must be text, not a {type}").format(where=where, field=field, type=type(value).__name__)
        ]
    if len(value.strip()) > MAX_NOTES:
        return [
            _("{where}: {field} is longer than {count} characters").format(where=where, field=field, count=MAX_NOTES)
        ]
    return []


def _notes_field(where: str, raw: object) -> tuple[dict[str, str], list[str]]:
    """The speaker notes by language (none given: no notes), and the problems."""
    given, problems = _by_language(where, "notes", raw)
    if None in given:
        value = given[None]
        return ({i18n.DEFAULT: value.strip()} if isinstance(value, str) else {}), _notes_problems(where, value)
    for lang, value in given.items():
        problems += _notes_problems(where, value, lang)
    return {lang: value.strip() for lang, value in given.items() if isinstance(value, str)}, problems


def _shown(texts: dict[str, str], lang: str) -> tuple[str, bool]:
    """The text in `lang`, else the English one, and whether it fell back to English."""
    if texts.get(lang):
        return texts[lang], False
    english = texts.get(i18n.DEFAULT, "")
    return english, bool(english) and lang != i18n.DEFAULT


def slide_label(number: int) -> str:
    """How a problem names a slide: 'slide 3'."""
    # TRANSLATORS: where a problem in a talk file is, before a colon: "slide 3: 'title' is missing".
    return _("slide {number}").format(number=number)


def _slide(
    number: int, raw: object, options_for: Callable[[str], object], lang: str | None = None
) -> tuple[Slide | None, list[str]]:
    where = slide_label(number)
    if not isinstance(raw, dict):
        return None, [_("{where}: not a mapping of title, takeaway, view, with").format(where=where)]
    texts, problems = {}, []
    for key in ("title", "takeaway"):
        texts[key], found = _text_field(where, key, raw.get(key))
        problems += found
    texts["notes"], found = _notes_field(where, raw.get("notes"))
    problems += found
    view, given = raw.get("view"), raw.get("with") or {}
    if not isinstance(view, str) or view not in REGISTRY:
        return None, [
            *problems,
            _("{where}: unknown view '{view}' (one of {views})").format(
                where=where, view=str(view)[:40], views=", ".join(REGISTRY)
            ),
        ]
    if not isinstance(given, dict):
        return None, [
            *problems,
            _("{where}: 'with' must be a mapping of settings, not a {type}").format(
                where=where, type=type(given).__name__
            ),
        ]
    spec = REGISTRY[view]
    problems += [
        _("{where}: unknown setting '{setting}' for a {view} slide").format(where=where, setting=str(k)[:40], view=view)
        for k in given
        if k not in spec.params
    ]
    settings, setting_problems = spec.parse({k: v for k, v in given.items() if k in spec.params}, options_for(view))
    problems += [f"{where}: {p}" for p in setting_problems]
    lang = i18n.choose(lang) or i18n.current()
    shown = {key: _shown(texts[key], lang) for key in FIELDS}
    written = tuple((key, tuple(lg for lg, text in texts[key].items() if text)) for key in FIELDS if texts[key])
    slide = Slide(
        number,
        shown["title"][0],
        shown["takeaway"][0],
        view,
        settings,
        shown["notes"][0],
        lang,
        tuple(key for key in FIELDS if shown[key][1]),
        written,
    )
    return slide, problems


def read_talk(
    name: str, options_for: Callable[[str], object], folder: Path | None = None, lang: str | None = None
) -> Talk:
    """Read and check a talk track in `lang` (default: the language in use); raise TalkError naming every
    bad slide and field. `options_for(view)` gives what that view's settings parser checks against (None
    when nothing)."""
    data = _read(name, folder or talk_dir())
    lang = i18n.choose(lang) or i18n.current()
    # TRANSLATORS: where a problem with the talk's own title is, before a colon: "the talk: 'title' has …".
    titles, problems = _by_language(_("the talk"), "title", data.get("title"))
    if None in titles:
        titles = {i18n.DEFAULT: str(titles[None] or name)}
    titles = {lg: text.strip()[:MAX_TEXT] for lg, text in titles.items() if str(text).strip()}
    slides = []
    for number, raw in enumerate(data["slides"], start=1):
        slide, found = _slide(number, raw, options_for, lang)
        problems += found
        if slide:
            slides.append(slide)
    if problems:
        raise TalkError(name, problems)
    title, title_in_english = _shown(titles, lang)
    return Talk(name, title or name, tuple(slides), lang, title_in_english, tuple(titles))


def load_talk(name: str, options_for: Callable[[str], object], folder: Path | None = None) -> tuple[str, list[Slide]]:
    """The talk's title and slides in the language in use (see read_talk)."""
    talk = read_talk(name, options_for, folder)
    return talk.title, list(talk.slides)


def options_from(con: duckdb.DuckDBPyConnection) -> Callable[[str], object]:
    """options_for() straight from a connection (the page passes a cached one instead)."""
    return lambda view: REGISTRY[view].options(con) if REGISTRY[view].options else None


def render_slide(con: duckdb.DuckDBPyConnection, slide: Slide) -> RenderedSlide:
    """Build the slide's view and fill its words; it cites the view's sources and the figures quoted."""
    view = REGISTRY[slide.view].build(con, slide.settings)
    title, title_cited = key_figures.fill(con, slide.title)
    takeaway, takeaway_cited = key_figures.fill(con, slide.takeaway)
    cited = provenance.cite(view.cited, title_cited, takeaway_cited)
    return RenderedSlide(slide.number, title, takeaway, view, cited, slide.notes, slide.lang, slide.in_english)

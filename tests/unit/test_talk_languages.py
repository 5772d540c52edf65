"""Talks in four languages: a field is plain English or a mapping by language (English required); a slide
lacking the language in use falls back to English, marked "(in English)" and lang='en' in every output;
`ipsdash talk NAME` lists what lacks a translation; `--lang nl` writes a Dutch talk and a Dutch published
copy (every page lang='nl')."""

from __future__ import annotations

import contextvars
import html
import json
import re
from pathlib import Path

import pytest
import yaml

from ipsdash import i18n
from ipsdash.__main__ import main
from ipsdash.outputs import follow_page, talk_html
from ipsdash.outputs import images as image_export
from ipsdash.outputs import talk_track as talk
from tests.unit.test_settings import GROWTH, MAP

OPTIONS = {"map": MAP, "growth": GROWTH, "figures": {"countries_with_ips": "Countries"}}


def _marker(lang: str) -> tuple[str, str]:
    """The untranslated tag in `lang` (as the catalogs have it, or the English message) and as HTML."""
    with i18n.using(lang):
        tag = talk_html.untranslated_marker()
    return tag, f"<small class='untranslated'>{html.escape(tag)}</small>"


PARTIAL = """
title: {en: "The talk", nl: "De presentatie"}
slides:
  - title: {en: "Jobs", nl: "Banen", es: "Empleos", it: "Lavori"}
    takeaway: {en: "People work", nl: "Mensen werken", es: "La gente trabaja", it: "Le persone lavorano"}
    view: trials
    notes: {en: "Say hello", nl: "Zeg hallo", es: "Di hola", it: "Di' ciao"}
  - title: {en: "Trials <b>&</b>", nl: "Studies <b>&</b>"}
    takeaway: "Only in English"
    view: trials
    notes: "Plain notes"
  - {title: Plain, takeaway: Text, view: trials}
"""


def _write(folder: Path, text: str, name: str = "t") -> None:
    (folder / f"{name}.yml").write_text(text, encoding="utf-8")


def _load(folder: Path, text: str, lang: str, name: str = "t") -> talk.Talk:
    _write(folder, text, name)
    with i18n.using(lang):
        return talk.read_talk(name, OPTIONS.get, folder)


def _problems(folder: Path, text: str) -> list[str]:
    _write(folder, text)
    with pytest.raises(talk.TalkError) as caught:
        talk.load_talk("t", OPTIONS.get, folder)
    return caught.value.problems


def _run(*args: str) -> int:
    """The CLI in a context of its own: the language it sets never leaks into the next test."""
    return contextvars.copy_context().run(main, list(args))


def test_a_mapping_by_language_gives_each_language_its_text(tmp_path):
    dutch = _load(tmp_path, PARTIAL, "nl")
    assert dutch.title == "De presentatie" and not dutch.title_in_english
    first, second, third = dutch.slides
    assert (first.title, first.takeaway, first.notes, first.in_english) == ("Banen", "Mensen werken", "Zeg hallo", ())
    assert (second.title, second.takeaway, second.notes) == ("Studies <b>&</b>", "Only in English", "Plain notes")
    assert second.in_english == ("takeaway", "notes") and third.in_english == ("title", "takeaway")
    english = _load(tmp_path, PARTIAL, "en")
    assert english.title == "The talk" and [s.title for s in english.slides] == ["Jobs", "Trials <b>&</b>", "Plain"]
    assert all(s.in_english == () for s in english.slides)
    # load_talk, which the app calls, gives the same in the language in use
    with i18n.using("it"):
        title, slides = talk.load_talk("t", OPTIONS.get, tmp_path)
    assert title == "The talk" and slides[0].takeaway == "Le persone lavorano" and slides[1].title == "Trials <b>&</b>"


def test_a_missing_language_falls_back_to_english_with_the_marker(real_store, tmp_path):
    spanish = _load(tmp_path, PARTIAL, "es")
    tag, marker = _marker("es")
    assert spanish.title == "The talk" and spanish.title_in_english
    with i18n.using("es"):
        rendered = [talk.render_slide(real_store, s) for s in spanish.slides]
        page = talk_html.talk_html(spanish.title, rendered).decode()
        follow = follow_page.follow_html("t", spanish.title, rendered).decode()
        pdf_words = talk_html.picture_words(rendered[1])
    assert rendered[1].in_english == ("title", "takeaway", "notes") and rendered[1].lang == "es"
    assert page.startswith("<!doctype html><html lang='es'>")
    assert "<h1>Empleos</h1>" in page and "<p class='takeaway'>La gente trabaja</p>" in page  # translated: no tag
    # English text: marked lang='en', escaped as ever, followed by the tag in the page's language
    assert f"<h1><span lang='en'>Trials &lt;b&gt;&amp;&lt;/b&gt;</span> {marker}</h1>" in page
    assert f"<p class='takeaway'><span lang='en'>Only in English</span> {marker}</p>" in page
    assert f"<span lang='en'>Plain notes</span> {marker}" in page  # the speaker-notes appendix
    assert "<b>&</b>" not in page.replace("\\u003cb\\u003e", "")
    assert pdf_words == (f"Trials <b>&</b> <i>{html.escape(tag)}</i>", f"Only in English <i>{html.escape(tag)}</i>")
    slides = json.loads(re.search(r"id='slides'>(.*?)</script>", follow).group(1).replace("<\\/", "</"))
    assert [s["english"] for s in slides] == [[], ["title", "takeaway", "notes"], ["title", "takeaway"]]
    assert json.dumps(tag)[1:-1] in follow and follow.startswith("<!doctype html><html lang='es'>")
    # The same talk in English: no tag, no lang attributes, the page as before
    with i18n.using("en"):
        english = [talk.render_slide(real_store, s) for s in _load(tmp_path, PARTIAL, "en").slides]
        page = talk_html.talk_html("The talk", english).decode()
    assert "untranslated'>" not in page and "<span lang=" not in page
    assert "<h1>Trials &lt;b&gt;&amp;&lt;/b&gt;</h1>" in page


def test_the_untranslated_slides_are_listed_per_language(tmp_path):
    loaded = _load(tmp_path, PARTIAL, "en")
    assert loaded.untranslated("nl") == (False, [(2, ("takeaway", "notes")), (3, ("title", "takeaway"))])
    assert loaded.untranslated("es") == (True, [(2, ("title", "takeaway", "notes")), (3, ("title", "takeaway"))])
    assert loaded.untranslated("en") == (False, [])


def test_the_cli_lists_the_slides_that_lack_a_translation(real_store, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(talk.TALK_DIR_ENV, str(tmp_path))
    _write(tmp_path, PARTIAL)
    assert _run("talk", "t") == 0
    assert capsys.readouterr().out.splitlines() == [
        "t: 3 slides",
        "nl: 2 of 3 slides lack a translation: slide 2 (takeaway, notes), slide 3 (title, takeaway)",
        "es: the talk's title lacks a translation",
        "es: 2 of 3 slides lack a translation: slide 2 (title, takeaway, notes), slide 3 (title, takeaway)",
        "it: the talk's title lacks a translation",
        "it: 2 of 3 slides lack a translation: slide 2 (title, takeaway, notes), slide 3 (title, takeaway)",
    ]
    monkeypatch.delenv(talk.TALK_DIR_ENV)
    assert _run("talk", "default") == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("default: ")
    assert listed[1:] == [f"{lang}: every slide is translated" for lang in talk.TRANSLATIONS]


def test_bad_language_keys_and_values_are_clear_problems(tmp_path):
    problems = _problems(
        tmp_path,
        """
title: {en: T, fr: Le titre}
slides:
  - {title: {en: A, fr: B}, takeaway: B, view: map}
  - {title: {nl: A}, takeaway: {en: B, nl: [x]}, view: map, notes: {en: N, es: 3}}
  - {title: {en: 'A {countries_with_ips}', nl: 'A', es: 'A {nope}'}, takeaway: {en: B, it: ''}, view: map}
""",
    )
    assert problems == [
        "the talk: 'title' has an unknown language 'fr' (one of en, nl, es, it)",
        "slide 1: 'title' has an unknown language 'fr' (one of en, nl, es, it)",
        "slide 2: 'title' is given by language but has no English text (en), which the others fall back to",
        "slide 2: 'takeaway' (nl) must be text, not a list",
        "slide 2: 'notes' (es) must be text, not a int",
        "slide 3: 'title' (es) names an unknown key figure {nope}",
        "slide 3: 'title' (nl) must write the same key figures as the English text ({countries_with_ips})",
        "slide 3: 'takeaway' (it) is missing",
    ]


def test_talk_lang_nl_html_writes_the_dutch_talk(real_store, tmp_path, capsys):
    out = tmp_path / "talk.html"
    assert _run("talk", "default", "--lang", "nl", "--html", str(out)) == 0
    assert i18n.current() == "en"  # the run's language ended with it
    page = out.read_text(encoding="utf-8")
    slides = yaml.safe_load((talk.TALK_DIR / "default.yml").read_text(encoding="utf-8"))["slides"]
    assert page.startswith("<!doctype html><html lang='nl'>")
    assert f"<p class='takeaway'>{html.escape(slides[0]['takeaway']['nl'])}</p>" in page
    assert html.escape(slides[0]["notes"]["nl"]) in page and "untranslated'>" not in page
    assert slides[0]["takeaway"]["en"] not in page
    out_en = tmp_path / "talk-en.html"
    assert _run("--lang", "en", "talk", "default", "--html", str(out_en)) == 0
    english = out_en.read_text(encoding="utf-8")
    assert english.startswith("<!doctype html><html lang='en'>") and slides[0]["takeaway"]["en"] in english
    capsys.readouterr()


def test_publish_lang_nl_writes_a_dutch_copy(real_store, tmp_path, monkeypatch, capsys):
    def no_pictures(*args, **kwargs):
        raise image_export.ExportUnavailable("no pictures in this test")

    monkeypatch.setattr(image_export, "render", no_pictures)
    folder = tmp_path / "site"
    assert _run("publish", str(folder), "--lang", "nl") == 0, capsys.readouterr().err
    pages = sorted(folder.glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "talk.html", "follow.html", "map.html", "trials.html"}
    for page in pages:
        assert page.read_text(encoding="utf-8").startswith("<!doctype html><html lang='nl'>"), page.name
    talk_yml = yaml.safe_load((talk.TALK_DIR / "default.yml").read_text(encoding="utf-8"))
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert html.escape(talk_yml["title"]["nl"]) in index
    follow = (folder / "follow.html").read_text(encoding="utf-8")
    assert json.dumps(talk_yml["slides"][0]["title"]["nl"])[1:-1] in follow  # the slides' Dutch words
    assert "href='talk.html'" in follow  # stays in this (Dutch) copy

"""Every message ipsdash writes has a translation in every catalog, with the same placeholders; a catalog
holds nothing the code no longer says; the compiled catalogs are what the app reads."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from ipsdash import i18n
from ipsdash.config import ROOT
from ipsdash.i18n import catalogs

OTHERS = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def _extracted() -> set[str | tuple[str, str]]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(ROOT, method_map, options_map):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


EXTRACTED = _extracted()


def _catalog(lang: str):
    with catalogs.po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_the_code_marks_messages_for_translation():
    assert len(EXTRACTED) > 300  # the whole app, not a handful of labels


@pytest.mark.parametrize("lang", OTHERS)
def test_every_message_is_translated(lang):
    catalog = _catalog(lang)
    missing = []
    for message in sorted(EXTRACTED, key=str):
        msgid = message if isinstance(message, str) else message[0]
        entry = catalog.get(msgid)
        strings = entry.string if entry else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(msgid)
    assert missing == [], f"{lang}: {len(missing)} messages lack a translation; run `make catalogs`, then translate"


@pytest.mark.parametrize("lang", OTHERS)
def test_translations_keep_the_placeholders(lang):
    wrong = []
    for entry in _catalog(lang):
        if not entry.id or not entry.string:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set().union(*map(_placeholders, ids))
        wrong += [(ids[0], s) for s in strings if s and _placeholders(s) - wanted]
        if not isinstance(entry.id, tuple):  # a singular message: every placeholder is said
            wrong += [(entry.id, s) for s in strings if s and _placeholders(s) != wanted]
    assert wrong == []


@pytest.mark.parametrize("lang", OTHERS)
def test_a_catalog_holds_no_message_the_code_no_longer_writes(lang):
    ids = {e.id if isinstance(e.id, str) else e.id[0] for e in _catalog(lang) if e.id}
    extracted = {m if isinstance(m, str) else m[0] for m in EXTRACTED}
    assert ids - extracted == set()


def test_the_app_reads_the_compiled_catalogs_and_dutch_is_dutch():
    catalogs.compile_all()
    for lang in OTHERS:
        assert catalogs.po_path(lang).with_suffix(".mo").exists()
    with i18n.using("nl"):
        assert i18n._("Adoption map") != "Adoption map"
    with i18n.using("en"):
        assert i18n._("Adoption map") == "Adoption map"

"""The message catalogs: `locale/<lang>/LC_MESSAGES/ipsdash.po` (edited by translators), compiled to `.mo`
by `compile_all()` (`make` and `ipsdash build` run it). Loading prefers the compiled file and, where it is
missing or older than its `.po` (a fresh checkout before its first build), compiles the `.po` in memory."""

from __future__ import annotations

import contextlib
import functools
import gettext
import io
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "ipsdash"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _mo_bytes(po: Path, lang: str) -> bytes:
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog)  # fuzzy entries are left out: a guess is never shown as a translation
    return out.getvalue()


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang` (no catalog, e.g. English: messages are shown as written)."""
    po = po_path(lang)
    if not po.exists():
        return gettext.NullTranslations()
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.GNUTranslations(io.BytesIO(_mo_bytes(po, lang)))


def compile_all() -> list[Path]:
    """Write each catalog's `.mo` beside its `.po` where it is missing or older; the files written."""
    written = []
    for po in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        lang = po.parent.parent.name
        mo.write_bytes(_mo_bytes(po, lang))
        written.append(mo)
    translations.cache_clear()
    return written


@contextlib.contextmanager
def python_messages(lang: str):
    """Inside the block, the words Python's own modules write through gettext (argparse's "usage:", "error:",
    "the following arguments are required") come from our catalog of `lang` (see `stdlib_words`); after it,
    the domain and environment are as they were."""
    before_domain, before_language = gettext.textdomain(), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang  # read by gettext.gettext at each call (the .mo compiled by build)
    try:
        yield
    finally:
        gettext.textdomain(before_domain)
        if before_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = before_language

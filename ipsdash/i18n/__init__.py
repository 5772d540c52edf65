"""The language ipsdash writes in: the four languages, which one is in use, and its messages.

Every string ipsdash writes for people goes through `_()` (or `N_()` where it is a module-level constant,
translated with `_()` where it is shown). A message is a whole sentence or label with named placeholders,
`_("{count} values about this area").format(count=n)`, never pieces glued together or an f-string inside
`_()`; plurals use `ngettext`. Not translated: identifiers and URL values (`?tab=`, `?view=` keep their
English keys), SQL, CSV column names, the audit log, and data (source titles and notes stay in the language
they were written in). Terms follow `GLOSSARY.md`.

The messages live in gettext catalogs under `locale/` (extracted with Babel:
`make catalogs`; compiled by `make` and `ipsdash build`). The language in use is a context variable: the
app sets it for each script run from `?lang=`, the CLI from `--lang`, so threads serving other people in
other languages never see it. Formatting numbers, dates and place names per language is `formats` and
`places`.

May import `config` only; every other package may import it.
"""

from __future__ import annotations

import contextlib
import gettext
from contextvars import ContextVar

from ipsdash.i18n import catalogs

LANGUAGES = ("en", "nl", "es", "it")
DEFAULT = "en"
# Each language in its own words, for the picker (a reader who does not know the current language finds theirs).
NATIVE = {"en": "English", "nl": "Nederlands", "es": "Español", "it": "Italiano"}

_current: ContextVar[str] = ContextVar("ipsdash_language", default=DEFAULT)


def choose(value: str | None) -> str | None:
    """One of LANGUAGES for a language tag ('nl', 'nl-BE', 'NL_nl', 'es-419'), or None for any other."""
    if not value:
        return None
    code = str(value).strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def current() -> str:
    """The language in use now (in this thread's context)."""
    return _current.get()


def set_language(lang: str) -> None:
    """Use `lang` from now on in this context (a Streamlit script run, the CLI's process)."""
    _current.set(choose(lang) or DEFAULT)


@contextlib.contextmanager
def using(lang: str):
    """Use `lang` inside the block, then the language before it again."""
    token = _current.set(choose(lang) or DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def _translations(lang: str | None = None) -> gettext.NullTranslations:
    return catalogs.translations(lang or current())


def _(message: str) -> str:
    """`message` in the language in use (the English message itself where the catalog has none)."""
    return _translations().gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for `n`, as the language in use forms it."""
    return _translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a module-level message for the catalog; translate it with `_()` where it is shown."""
    return message


def has_translation(message: str, lang: str | None = None) -> bool:
    """Whether the catalog of `lang` translates `message` (English always does)."""
    lang = lang or current()
    return lang == DEFAULT or catalogs.translations(lang).gettext(message) != message


__all__ = ["DEFAULT", "LANGUAGES", "NATIVE", "N_", "_", "choose", "current", "ngettext", "set_language", "using"]

"""Untrusted text shown as text. Streamlit renders Markdown (links, images, colour directives, emoji
shortcodes, LaTeX) in titles, captions, messages and labels, so any text that came from a URL, a file
name, a cell or a talk file goes through `escape_markdown` before it is put into Markdown."""

from __future__ import annotations

import re

from babel import Locale
from babel.numbers import format_decimal, format_percent

from ipsdash import i18n
from ipsdash.i18n import formats

# Every character that can start Markdown, an autolink (".", ":"), a directive, LaTeX or HTML.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# GFM turns bare addresses into links, and Streamlit ":material/icon:" and ":red[...]" into icons and
# colours, even when their punctuation is escaped: a zero-width space after every ":", after "www"
# and after "@" keeps them text (what the reader sees is unchanged).
_AUTOLINK = re.compile(r"(:|\bwww(?=\.)|@)", re.I)
ZWSP = "\u200b"
MAX_SHOWN = 200


def escape_markdown(value: object, limit: int = MAX_SHOWN) -> str:
    """`value` as literal text inside Markdown: every special character backslash-escaped, control
    characters and line breaks turned into spaces, and long text cut at `limit` characters."""
    text = _CONTROL.sub(" ", str(value)).replace("\n", " ").replace("\r", " ")
    if len(text) > limit:
        text = text[:limit] + "…"
    text = _AUTOLINK.sub(lambda m: m.group(0) + ZWSP, text)
    return _SPECIAL.sub(r"\\\1", text)


# Numbers written with a fixed number of decimals, as the f-strings before them did ('{:.1f}', '{:.1%}', '{:.3g}'),
# in the language's own marks. (ipsdash.i18n.formats writes up to so many decimals, not always so many.)
def one_decimal(value: float) -> str:
    """5.04 -> '5.0' (always one decimal, never grouped, as '{:.1f}' wrote it); '5,0' in Dutch."""
    return format_decimal(round(value, 1), format="0.0", locale=i18n.current())


def one_decimal_percent(fraction: float) -> str:
    """0.123 -> '12.3%' (always one decimal, never grouped, as '{:.1%}' wrote it) as the language writes a
    percentage: '12,3%' (nl, it), '12,3 %' (es)."""
    lang = i18n.current()
    pattern = Locale.parse(lang).percent_formats[None].pattern.split(";")[0].replace("#,##0", "0.0", 1)
    return format_percent(round(fraction * 100, 1) / 100, format=pattern, locale=lang)


def significant(text: str) -> str:
    """A number Python wrote with a 'g' format ('1.23e+03', '0.0457') in the language's decimal and group marks."""
    marks = formats.plotly_separators()
    return text.translate({ord("."): marks[0], ord(","): marks[1:]})

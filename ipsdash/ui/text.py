"""Untrusted text shown as text. Streamlit renders Markdown (links, images, colour directives, emoji
shortcodes, LaTeX) in titles, captions, messages and labels, so any text that came from a URL, a file
name, a cell or a talk file goes through `escape_markdown` before it is put into Markdown."""

from __future__ import annotations

import re

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

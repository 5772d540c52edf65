"""Untrusted text is shown as text: no Markdown link, image, directive or HTML survives escaping."""

from __future__ import annotations

import re

import pytest

from ipsdash.ui.text import escape_markdown

PAYLOADS = [
    "[click me](http://example.org)",
    "![x](http://example.org/p.png)",
    "<img src=http://example.org/x.png>",
    ":red[alarm] :material/warning:",
    "$x^2$",
    "http://example.org and www.example.org",
    "**bold** _it_ `code` # heading",
    "line\nbreak\x00nul\x1bescape",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_markdown_trigger_is_escaped(payload):
    escaped = escape_markdown(payload)
    # Every special character is preceded by a backslash; none stands bare.
    assert not re.search(r"(?<!\\)[\[\]()<>!*_`#:$.]", escaped.replace("\\\\", ""))
    assert "\n" not in escaped and "\x00" not in escaped and "\x1b" not in escaped
    # GFM would still autolink a bare address whose punctuation is escaped: none survives whole.
    unescaped = escaped.replace("\\", "")
    assert "://" not in unescaped and "www." not in unescaped


def test_plain_words_read_the_same_and_long_text_is_cut():
    assert escape_markdown("Netherlands 2019") == "Netherlands 2019"
    assert escape_markdown("x" * 500, limit=10) == "x" * 10 + "…"

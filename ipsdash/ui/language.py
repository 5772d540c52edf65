"""The language of a session: chosen by `?lang=` (kept in the URL on every page), else the one chosen before
in this session, else the browser's preferred language where it is one of the four, else English. A
picker on every page changes it; the page's `<html lang>` follows it."""

from __future__ import annotations

import json

import streamlit as st

from ipsdash import i18n
from ipsdash.i18n import _
from ipsdash.ui import url_state
from ipsdash.views.settings import Problem

PARAM = "lang"
_CHOSEN = "ipsdash_lang"  # session_state: the language of this session
_PICKER = "language_picker"
_JUST_PICKED = "ipsdash_lang_picked"  # session_state: the picker changed the language in this run
# Every language's word for it: whoever cannot read the current language still finds the picker.
PICKER_LABEL = "Language · Taal · Idioma · Lingua"


def _from_url() -> tuple[str | None, list[Problem]]:
    given = st.query_params.get_all(PARAM)
    if not given:
        return None, []
    if given[-1].strip().lower() in i18n.LANGUAGES:
        return given[-1].strip().lower(), []
    shown = ", ".join(i18n.LANGUAGES)
    return None, [Problem(PARAM, given[-1], _("is not one of {languages}").format(languages=shown), "ignored")]


def browser_language() -> str | None:
    """The first of the browser's languages (its own, then its Accept-Language list) that ipsdash speaks."""
    accepted = (st.context.headers.get("Accept-Language") or "")[:500].split(",")
    for tag in [st.context.locale or "", *(part.split(";")[0] for part in accepted[:20])]:
        if lang := i18n.choose(tag):
            return lang
    return None


def _picked() -> None:
    st.session_state[_CHOSEN] = st.session_state[_PICKER]
    st.session_state[_JUST_PICKED] = True


def start() -> list[Problem]:
    """Decide this run's language and use it from here on; the problems with the link's `lang`."""
    from_url, problems = _from_url()
    if st.session_state.pop(_JUST_PICKED, False):  # the picker, just now, wins over the link it left
        from_url = None
    lang = from_url or st.session_state.get(_CHOSEN) or browser_language() or i18n.DEFAULT
    st.session_state[_CHOSEN] = lang
    i18n.set_language(lang)
    url_state.set_param(PARAM, lang if lang != i18n.DEFAULT or from_url else None)
    return problems


def picker() -> None:
    """The language picker, at the top right of every page (in the header: it takes no room from charts),
    and the page's `<html lang>` set to the language."""
    lang = i18n.current()
    st.session_state[_PICKER] = lang
    with st.container(key=_PICKER + "_box"):
        st.selectbox(
            PICKER_LABEL,
            i18n.LANGUAGES,
            format_func=i18n.NATIVE.get,
            key=_PICKER,
            on_change=_picked,
            label_visibility="collapsed",
        )
    st.html(f"<script>document.documentElement.lang = {json.dumps(lang)};</script>", unsafe_allow_javascript=True)

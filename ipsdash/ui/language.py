"""The language of a session: chosen by `?lang=` (kept in the URL on every page), else the one chosen before
in this session, else the browser's preferred language where it is one of the four, else English. A
picker on every page changes it; the page's `<html lang>` follows it.

The picker is the browser's own <select> in the page's one script element, not a Streamlit selectbox: the
selectbox's scripts and drawing cost a page about a tenth of a bare page's load (bench). Picking a language
puts it in the URL and asks Streamlit to run the page again as for the browser's Back button (a popstate
event), so the session, and whatever it holds, stays."""

from __future__ import annotations

import html
import json

import streamlit as st

from ipsdash import i18n
from ipsdash.figures import keyboard
from ipsdash.i18n import N_, _
from ipsdash.ui import url_state
from ipsdash.views.settings import Problem

PARAM = "lang"
_CHOSEN = "ipsdash_lang"  # session_state: the language of this session
_PICKER = "language_picker"
# Every language's word for it: whoever cannot read the current language still finds the picker.
PICKER_LABEL = "Language · Taal · Idioma · Lingua"


# Words Streamlit's own controls write in English whatever the page's language (it has no translations):
# the data grid's toolbar and the file uploader. The script below puts ours in their place, in the names and
# hints screen readers read and in the uploader's text, as Streamlit draws them.
STREAMLIT_WORDS = (
    N_("Search"),
    N_("Download as CSV"),
    N_("Fullscreen"),
    N_("Close fullscreen"),
    N_("Show/hide columns"),
    N_("Drag and drop file here"),
    N_("Browse files"),
    N_("Upload"),
)
CHROME_JS = """
document.documentElement.lang = LANG;
(() => {
  const picker = document.getElementById('ipsdash-language');
  if (picker && !picker.dataset.ready) {
    picker.dataset.ready = '1';
    picker.addEventListener('change', () => {
      const url = new URL(window.location.href);
      url.searchParams.set('lang', picker.value);
      window.history.pushState(null, '', url);
      window.dispatchEvent(new PopStateEvent('popstate'));  // Streamlit runs the page again with the new URL
    });
  }
})();
(() => {
  const words = WORDS;
  if (window.__ipsdashWords) { window.__ipsdashWords.words = words; } else {
    const state = window.__ipsdashWords = {words};
    const swap = root => {
      if (!Object.keys(state.words).length) return;
      for (const el of root.querySelectorAll('[aria-label],[title],[placeholder]')) {
        for (const name of ['aria-label', 'title', 'placeholder']) {
          const value = el.getAttribute(name);
          if (value && state.words[value]) el.setAttribute(name, state.words[value]);
        }
      }
      for (const el of root.querySelectorAll('[data-testid="stFileUploader"] *, button')) {
        const text = el.childNodes.length === 1 && el.firstChild.nodeType === 3 ? el.firstChild.nodeValue : null;
        if (text && state.words[text.trim()]) el.firstChild.nodeValue = state.words[text.trim()];
      }
    };
    new MutationObserver(() => swap(document.body)).observe(document.body, {subtree: true, childList: true});
    swap(document.body);
  }
})();
"""


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


def start() -> list[Problem]:
    """Decide this run's language and use it from here on; the problems with the link's `lang`."""
    from_url, problems = _from_url()
    lang = from_url or st.session_state.get(_CHOSEN) or browser_language() or i18n.DEFAULT
    st.session_state[_CHOSEN] = lang
    i18n.set_language(lang)
    url_state.set_param(PARAM, lang if lang != i18n.DEFAULT or from_url else None)
    return problems


def _select_html(lang: str) -> str:
    """The picker: each language named in itself (and marked as that language for screen readers)."""
    options = "".join(
        f"<option value='{code}' lang='{code}'{' selected' if code == lang else ''}>{html.escape(name)}</option>"
        for code, name in i18n.NATIVE.items()
    )
    return f"<select id='ipsdash-language' class='ipsdash-language' aria-label='{PICKER_LABEL}'>{options}</select>"


def picker() -> None:
    """The language picker, at the top right of every page (in the header: it takes no room from charts),
    and the page's `<html lang>` set to the language."""
    lang = i18n.current()
    with st.container(key=_PICKER + "_box"):
        # Inside the fixed box: the picker and the script take no room (and no gap) in the page's flow. The one
        # script of every page: the picker's, the language's words, and keys for Plotly's own buttons
        # (figures.keyboard).
        words = {} if lang == i18n.DEFAULT else {english: _(english) for english in STREAMLIT_WORDS}
        script = CHROME_JS.replace("LANG", json.dumps(lang)).replace("WORDS", json.dumps(words, ensure_ascii=False))
        st.html(f"{_select_html(lang)}<script>{script}{keyboard.SCRIPT}</script>", unsafe_allow_javascript=True)

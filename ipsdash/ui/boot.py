"""Start-up shared by every page: navigation, layout CSS, the store, and cached access to it.

The connection and every cached result are keyed by the store file's identity (inode, size, mtime),
so after an import or a rebuild by any process the next interaction of every session reads the new
store without a restart.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import streamlit as st

from ipsdash import i18n
from ipsdash.i18n import ngettext
from ipsdash.i18n.formats import number
from ipsdash.store import database as store
from ipsdash.ui.text import escape_markdown

# Page links wrap instead of ending in an ellipsis on a phone (a card's source was cut mid-name). A home
# card holds its figure's 80 px while Streamlit fetches the metric's script (it grew late and pushed every
# card below it down: CLS 0.13 on a phone).
# Captions: Streamlit fades them with opacity (a link inside drew at 3.15:1); instead a grey of 6.3:1 on
# the theme's secondary background and 7:1 on white, links in the link colour. Focus: a ring that shows
# on every control reached by keyboard, whatever the widget draws itself. /present on a projector: the
# presenter's layout (no header, less padding) from the moment the navigation marks it the current page,
# before the page's own CSS arrives, so the slide does not jump up while it loads; a phone keeps its menu.
# Targets: every control a pointer can hit is at least 24 x 24 px (WCAG 2.5.8) where Streamlit or Plotly
# draws it smaller (heading links, help marks, radio and checkbox rows, a select's open button, a chip's
# remove cross, the tab scroller, Plotly's modebar buttons, a slider's thumb), most by a padding that leaves
# the look as it was.
# The language picker (the browser's own select) sits in the header's free space at the top right, out of the
# content's way (its wrapper takes no place in the page's flow, so it costs no gap above the content either),
# drawn like Streamlit's own selects.
# /map: a title on one line (the longest, clients served, took two), so on a 1280x720 screen the map, its
# legend and the year control all fit above the fold.
LAYOUT_CSS = """<style>
[data-testid="stMainBlockContainer"]{padding-top:3.2rem;padding-bottom:2rem}
[data-testid="stCaptionContainer"]{opacity:1;color:#525a66}
[data-testid="stCaptionContainer"] a{color:#0b4f8a;text-decoration:underline}
:focus-visible{outline:3px solid #0b4f8a !important;outline-offset:2px}
.st-key-present_hidden_keys{display:none}
.st-key-presenter_view_link a{display:inline-block;padding:3px 0}
.stApp:has([aria-current="page"][href$="/map"]) h2{font-size:1.75rem;padding:0.25rem 0 0.5rem}
[data-testid="stPageLink-NavLink"] :is(span,div,p){white-space:normal;overflow:visible;text-overflow:clip}
[class*="st-key-card_figure_"]{min-height:80px}
[data-testid="stHeaderActionElements"] a{display:inline-flex;align-items:center;min-width:24px;min-height:24px}
[data-testid="stRadioOption"],[data-testid="stCheckbox"] label{min-height:24px}
[data-testid="stMultiSelect"] button[aria-label="Open"]{min-height:24px}
[data-testid="stMultiSelectTagsContainer"] button{box-sizing:content-box;padding:9px;margin:-9px}
[data-testid="stTooltipHoverTarget"] button{box-sizing:content-box;padding:3.5px;margin:-3.5px}
[data-testid^="stTabsScroll"]{min-width:24px}
.js-plotly-plot .plotly .modebar-btn{height:24px !important}
[data-testid="stSlider"] div:has(>div>input[type=range]){box-sizing:content-box;padding:6px;background-clip:content-box}
.st-key-language_picker_box{position:fixed;top:0.55rem;right:3.25rem;z-index:999991;width:9.5rem}
.ipsdash-language{width:100%;min-height:2.5rem;padding:0 .6rem;font:inherit;font-size:1rem;color:#101418;
  background:#f1f4f8;border:1px solid #f1f4f8;border-radius:.5rem;cursor:pointer}
.ipsdash-language:hover{border-color:#0b4f8a}
:has(> .st-key-language_picker_box){display:contents}
@media (min-width:641px){
.stApp:has([aria-current="page"][href$="/present"])
  :is(header[data-testid="stHeader"],[data-testid="stToolbar"],[data-testid="stDecoration"],
  .st-key-language_picker_box){display:none}
.stApp:has([aria-current="page"][href$="/present"])
  [data-testid="stMainBlockContainer"]{padding-top:0.8rem;padding-bottom:0.5rem;max-width:100%}
}
</style>"""


def apply_layout_css() -> None:
    """Less empty space above the content (a chart fits a 1280x720 projector), and caption links drawn
    in the link colour at full contrast (Streamlit fades caption text, links included)."""
    st.html(LAYOUT_CSS)


def prepare_store() -> None:
    """Rebuild the store if it is missing, stale or broken. Never a traceback: when it cannot be
    rebuilt the last good store is served with a notice, and without one the page says what is wrong."""
    status = store.ensure_store()
    if status.state not in ("stale", "missing"):
        return
    listed = "\n".join(f"- {escape_markdown(p, limit=300)}" for p in status.problems[:50])
    left = len(status.problems) - 50
    more = (
        "\n\n" + ngettext("…and {count} more.", "…and {count} more.", left).format(count=number(left))
        if left > 0
        else ""
    )
    text = escape_markdown(status.message, limit=500) + (f"\n\n{listed}{more}" if listed else "")
    if status.state == "stale":
        st.warning(text, icon=":material/history:")
    else:
        st.error(text)
        st.stop()


def store_identity() -> tuple[int, ...]:
    """Changes whenever the store file is replaced (by any process): the key of the connection and cache."""
    return store.store_identity() or (0,)


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(identity: tuple[int, ...]):
    return store.connect()


@st.cache_data(max_entries=512, show_spinner=False)
def _run(module: str, name: str, identity: tuple[int, ...], lang: str, args: tuple, kwargs: dict):
    cursor = store.cursor(_connection(identity))  # one cursor per call: sessions run in separate threads
    try:
        with i18n.using(lang):
            return getattr(importlib.import_module(module), name)(cursor, *args, **kwargs)
    finally:
        cursor.close()


def query(fn: Callable, *args, **kwargs):
    """`fn(connection, *args, **kwargs)` for a function of an ipsdash module (a query, a view's build or
    its options), cached per language until the store is replaced."""
    return _run(fn.__module__, fn.__name__, store_identity(), i18n.current(), args, kwargs)

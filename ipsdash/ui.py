"""The only package module that imports Streamlit: cached data access, URL state, captions, errors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import quote

import pandas as pd
import streamlit as st

from ipsdash import queries, store
from ipsdash.export import to_safe_csv
from ipsdash.validate import DataError

SOURCE_STATUS_LABELS = {
    "read": "Read in full",
    "lead_unconfirmed": "Lead: not checked against the original",
    "lead_weak": "Weak lead: do not rely on it",
}


def prepare_store() -> None:
    """Build the store if it is missing or stale. Bad data never reaches the screen as a traceback:
    with a previous good store the app carries on and says so; without one it stops with the list."""
    try:
        store.ensure_store()
    except DataError as err:
        problems = "\n".join(f"- `{p}`" for p in err.problems[:50])
        if store.STORE_PATH.exists():
            st.warning(
                f"The data files have {len(err.problems)} problem(s); showing the last good build.\n\n{problems}"
            )
        else:
            st.error(f"The data files have {len(err.problems)} problem(s); fix them and reload.\n\n{problems}")
            st.stop()


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(version: float):
    return store.connect()


@st.cache_data(max_entries=512, show_spinner=False)
def _run_query(name: str, version: float, kwargs: dict) -> pd.DataFrame | dict:
    cursor = _connection(version).cursor()  # one cursor per call: sessions run in separate threads
    try:
        return getattr(queries, name)(cursor, **kwargs)
    finally:
        cursor.close()


def query(fn: Callable, **kwargs):
    """Run a function of ipsdash.queries against the store, cached until the store is rebuilt."""
    return _run_query(fn.__name__, store.store_version(), kwargs)


def url_multiselect(label: str, options: pd.DataFrame, param: str, help: str | None = None) -> list[str]:
    """A multiselect whose choice lives in the URL (?param=a&param=b); unknown values get a message."""
    labels = dict(zip(options["value"], options["label"], strict=True))
    wanted = st.query_params.get_all(param)
    unknown = [v for v in wanted if v not in labels]
    if unknown:
        st.info(f"The link asked for {param} = {', '.join(unknown)}, which is not in the data; ignored.")
    chosen = st.multiselect(
        label,
        list(labels),
        default=[v for v in wanted if v in labels],
        format_func=labels.get,
        key=f"url_{param}",
        help=help,
    )
    set_url_param(param, chosen)
    return chosen


def url_text(label: str, param: str, placeholder: str = "") -> str:
    """A text input whose content lives in the URL."""
    text = st.text_input(label, value=st.query_params.get(param, ""), key=f"url_{param}", placeholder=placeholder)
    set_url_param(param, text.strip())
    return text.strip()


def url_int(param: str, default: int, low: int, high: int) -> int:
    """An integer URL parameter within [low, high]; anything else gets a message and the default."""
    raw = st.query_params.get(param)
    if raw is None:
        return default
    if raw.lstrip("-").isdigit() and low <= int(raw) <= high:
        return int(raw)
    st.info(f"The link's {param} = {raw!r} is not a year between {low} and {high}; using {default}.")
    return default


def set_url_param(param: str, value: str | Sequence[str] | int | None) -> None:
    """Put a widget's value in the URL, or remove the parameter when it is empty."""
    if value in (None, "", [], ()):
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get_all(param) != ([str(v) for v in value] if isinstance(value, list) else [str(value)]):
        st.query_params[param] = value


def source_link(source_id: str, short: str) -> str:
    """Markdown link to the sources page filtered to one source."""
    return f"[{short}](/sources?source={quote(source_id)})"


def source_page_link(source_id: str, short: str, locator: str) -> None:
    """An in-app link to the sources page filtered to one source (keeps the session, no reload)."""
    st.page_link("pages/sources.py", label=f"Source: {short}, {locator}", query_params={"source": source_id})


def source_caption(frame: pd.DataFrame, prefix: str = "Source") -> None:
    """A 'Source:' line naming every source behind the values shown, each a link to its entries."""
    pairs = frame[["source_id", "source_short"]].drop_duplicates().itertuples(index=False)
    links = "; ".join(source_link(sid, short) for sid, short in pairs)
    st.caption(f"{prefix}: {links}" if links else f"{prefix}: none")


def download_csv(frame: pd.DataFrame, filename: str, label: str = "Download CSV") -> None:
    """A download button for the frame as spreadsheet-safe CSV."""
    st.download_button(label, to_safe_csv(frame), file_name=filename, mime="text/csv", icon=None)

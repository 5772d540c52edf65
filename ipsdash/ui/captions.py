"""Render a View the same way everywhere: the chart with its text alternative, its notes, its source
line (each source a link to its values), and, on request, the data drawn with CSV, PNG and SVG downloads."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import streamlit as st

from ipsdash import assets
from ipsdash.domain import provenance
from ipsdash.domain.formatting import with_value_text
from ipsdash.outputs import images as image_export
from ipsdash.outputs.csv_export import to_safe_csv
from ipsdash.ui.text import escape_markdown
from ipsdash.views.base import View

CAPTION_SOURCES = 8
# No camera button: it saves the chart without its title and source line; the cited PNG/SVG downloads
# under each chart are the way to take a picture of it.
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}
MAP_CONFIG = {
    **CHART_CONFIG,
    "topojsonURL": assets.TOPOJSON_URL,  # Plotly's base map from our own static folder, never a CDN
    "scrollZoom": False,
}


def source_link(source_id: str, short: str, locators: list[str] = ()) -> str:
    """Markdown link to the sources page filtered to one source, with where in it (escaped)."""
    where = f" ({escape_markdown('; '.join(locators))})" if locators else ""
    if source_id.startswith(("data:", "import:")):  # the demonstration set or an import: no page of values
        return f"{escape_markdown(short)}{where}"
    return f"[{escape_markdown(short)}](/sources?source={quote(source_id)}){where}"


def source_caption(
    cited: pd.DataFrame, prefix: str = "Source", key: str = "", locators: bool = True, folded: bool = True
) -> None:
    """A 'Source:' line naming every source behind what is shown (with where in it), each a link to its values.
    A long list names the first few and folds the rest into an expander below (`folded`), or is written out
    whole (a slide: nothing a click away on a projector)."""
    links = [source_link(sid, short, locs if locators else []) for sid, short, locs in provenance.by_source(cited)]
    label = "Sources" if prefix == "Source" and len(links) > 1 else prefix
    if len(links) <= CAPTION_SOURCES or not folded:
        st.caption(f"{label}: {'; '.join(links)}" if links else f"{prefix}: none")
        return
    # A long list would bury the chart: name the first few, and every one a click away.
    more = len(links) - CAPTION_SOURCES
    st.caption(f"{label}: {'; '.join(links[:CAPTION_SOURCES])}; and {more} more (below)")
    with st.expander(f"All {len(links)} sources of this view", key=f"all_sources_{key}"):
        st.caption("; ".join(links))


def notes(view: View) -> None:
    """The view's notes, as text."""
    for text in view.notes:
        st.caption(escape_markdown(text, limit=2000))


def credits(view: View, key: str) -> None:
    """The view's labelled source lines for parts of what it draws (e.g. 'Benchmark bands: ...')."""
    for label, rows in view.credits:
        source_caption(rows, label, key=f"{key}_{label}")


def download_csv(frame: pd.DataFrame, filename: str, label: str = "Download CSV", key: str | None = None) -> None:
    """A download button for the frame as spreadsheet-safe CSV."""
    st.download_button(label, to_safe_csv(frame), file_name=filename, mime="text/csv", key=key)


def image_downloads(view: View, key: str) -> None:
    """PNG and SVG of exactly the view shown, title and source line burnt in, made on click."""
    if view.figure is None:
        return
    if image_export.chromium_path() is None:
        st.caption("Image downloads need Chromium on the server (Debian package 'chromium').")
        return
    left, right = st.columns(2)
    for column, fmt, mime in ((left, "png", "image/png"), (right, "svg", "image/svg+xml")):
        column.download_button(
            f"Download image ({fmt.upper()})",
            lambda fmt=fmt: image_export.view_image(view, fmt),
            file_name=f"ipsdash-{view.name}.{fmt}",
            mime=mime,
            key=f"{key}_{fmt}",
            on_click="ignore",
        )


def data_contents(view: View, key: str, table_on_request: bool = False) -> None:
    """What a chart says in words, the table of exactly what it draws, and its downloads. Where the panel
    is open as a page opens (`table_on_request`), the table waits for a toggle: a grid is costly to draw."""
    st.caption(escape_markdown(view.alt, limit=3000))
    if not table_on_request or st.toggle("Show the data as a table, with its sources", key=f"{key}_table"):
        st.dataframe(view.data, hide_index=True, width="stretch", height=min(320, 38 + 35 * len(view.data)))
    download_csv(
        view.data, f"ipsdash-{view.name}.csv", f"Download the {len(view.data)} rows drawn (CSV)", key=f"{key}_csv"
    )
    image_downloads(view, key)


def data_panel(view: View, key: str) -> None:
    """'The data drawn': a lazy expander (nothing drawn until it is opened) with data_contents."""
    panel = st.expander(
        "The data drawn, and downloads", key=f"{key}_data", on_change="rerun", icon=":material/table_view:"
    )
    if panel.open:
        with panel:
            data_contents(view, key)


ALT_LIMIT = 500


def chart_label(view: View, limit: int = ALT_LIMIT) -> str:
    """The chart's accessible name: its text alternative, shortened when long (a screen reader reads it in
    one go) but still ending with its sources, named without locators. The whole text is in the data panel."""
    if len(view.alt) <= limit:
        return view.alt
    names = list(dict.fromkeys(short for _, short, _ in provenance.by_source(view.cited)))
    listed = "; ".join(names[:5]) + (f"; and {len(names) - 5} more, listed under the chart" if len(names) > 5 else "")
    sources = f"{'Sources' if len(names) > 1 else 'Source'}: {listed}."
    body = view.alt.split(f" {view.source_line}")[0]
    room = max(limit - len(sources) - 2, 200)
    if len(body) <= room:
        return f"{body} {sources}"
    return f"{body[:room].rsplit(' ', 1)[0].rstrip(';,.( ')}… {sources}"


def render_view(view: View, key: str, *, config: dict | None = None, data: bool = True, **chart):
    """The view's chart (with its text alternative), notes, source line and data panel; returns the
    chart's selection event when `on_select` is passed."""
    event = None
    if view.figure is not None:
        event = st.plotly_chart(view.figure, key=key, config=config or CHART_CONFIG, alt=chart_label(view), **chart)
    notes(view)
    source_caption(view.cited, key=key)
    credits(view, key)
    if data:
        data_panel(view, key)
    return event


VALUE_COLUMNS = {
    "geo_name": "Area",
    "metric_label": "Measure",
    "year": st.column_config.NumberColumn("Year", format="%d"),
    "period": "As the source dates it",
    "value_text": "Value",
    "series": "What is counted",
    "subject": "Trial / sub-group",
    "source_short": "Source",
    "locator": "Where in the source",
    "note": "Note",
}


def values_table(values: pd.DataFrame, height: int | None = None) -> None:
    """Observations as a table a reader can check: value with qualifier and unit, source and where in it."""
    st.dataframe(
        with_value_text(values)[list(VALUE_COLUMNS)],
        hide_index=True,
        width="stretch",
        column_config=VALUE_COLUMNS,
        **({"height": height} if height else {}),
    )

"""Render a View the same way everywhere: the chart with its text alternative, its notes, its source
line (each source a link to its values), and, on request, the data drawn with CSV, PNG and SVG downloads."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import streamlit as st

from ipsdash import assets, i18n
from ipsdash.domain import provenance
from ipsdash.domain.formatting import with_value_text
from ipsdash.i18n import _, ngettext
from ipsdash.i18n.formats import number
from ipsdash.outputs import images as image_export
from ipsdash.outputs.csv_export import to_safe_csv
from ipsdash.ui import url_state
from ipsdash.ui.text import escape_markdown
from ipsdash.views.base import View

CAPTION_SOURCES = 8
# No camera button: it saves the chart without its title and source line; the cited PNG/SVG downloads
# under each chart are the way to take a picture of it.
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"]}
MAP_CONFIG = {
    **CHART_CONFIG,
    "topojsonURL": assets.TOPOJSON_URL,  # the (empty) base map Plotly fetches, from our static folder, never a CDN
    "scrollZoom": False,
}


def source_link(source_id: str, short: str, locators: list[str] = ()) -> str:
    """Markdown link to the sources page filtered to one source, with where in it (escaped)."""
    where = f" ({escape_markdown('; '.join(locators))})" if locators else ""
    if source_id.startswith(("data:", "import:")):  # the demonstration set or an import: no page of values
        return f"{escape_markdown(short)}{where}"
    address = url_state.with_lang_url(f"/sources?source={quote(source_id)}")
    return f"[{escape_markdown(short)}]({address}){where}"


def _labelled(label: str | None, count: int, sources: str) -> str:
    """'Source: …' / 'Sources: …', or '{label}: …' for a label of ours ('Fitted to', 'Benchmark bands')."""
    if label is None:
        return ngettext("Source: {sources}", "Sources: {sources}", count).format(sources=sources)
    # TRANSLATORS: a labelled source line, e.g. "Fitted to: Bond 2012; Drake 2019".
    return _("{label}: {sources}").format(label=label, sources=sources)


def source_caption(
    cited: pd.DataFrame, prefix: str | None = None, key: str = "", locators: bool = True, folded: bool = True
) -> None:
    """A 'Source:' line naming every source behind what is shown (with where in it), each a link to its values;
    `prefix` (in the language in use) instead of 'Source(s)'. A long list names the first few and folds the
    rest into an expander below (`folded`), or is written out whole (a slide: nothing a click away on a
    projector)."""
    links = [source_link(sid, short, locs if locators else []) for sid, short, locs in provenance.by_source(cited)]
    if not links:
        st.caption(_("Source: none") if prefix is None else _("{label}: none").format(label=prefix))
        return
    if len(links) <= CAPTION_SOURCES or not folded:
        st.caption(_labelled(prefix, len(links), "; ".join(links)))
        return
    # A long list would bury the chart: name the first few, and every one a click away.
    more = len(links) - CAPTION_SOURCES
    first = _labelled(prefix, len(links), "; ".join(links[:CAPTION_SOURCES]))
    st.caption(
        ngettext("{sources}; and {count} more (below)", "{sources}; and {count} more (below)", more).format(
            sources=first, count=number(more)
        )
    )
    all_label = ngettext("All {count} sources of this view", "All {count} sources of this view", len(links))
    with st.expander(all_label.format(count=number(len(links))), key=f"all_sources_{key}"):
        st.caption("; ".join(links))


def notes(view: View) -> None:
    """The view's notes, as text."""
    for text in view.notes:
        st.caption(escape_markdown(text, limit=2000))


def credits(view: View, key: str) -> None:
    """The view's labelled source lines for parts of what it draws (e.g. 'Benchmark bands: ...')."""
    for label, rows in view.credits:
        source_caption(rows, label, key=f"{key}_{label}")


def download_csv(frame: pd.DataFrame, filename: str, label: str | None = None, key: str | None = None) -> None:
    """A download button for the frame as spreadsheet-safe CSV (`label` in the language in use)."""
    label = _("Download CSV") if label is None else label
    st.download_button(label, to_safe_csv(frame), file_name=filename, mime="text/csv", key=key)


def image_downloads(view: View, key: str) -> None:
    """PNG and SVG of exactly the view shown, title and source line burnt in, made on click."""
    if view.figure is None:
        return
    if image_export.chromium_path() is None:
        st.caption(_("Image downloads need Chromium on the server (Debian package 'chromium')."))
        return
    left, right = st.columns(2)
    for column, fmt, mime in ((left, "png", "image/png"), (right, "svg", "image/svg+xml")):
        column.download_button(
            _("Download image ({format})").format(format=fmt.upper()),
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
    if not table_on_request or st.toggle(_("Show the data as a table, with its sources"), key=f"{key}_table"):
        st.dataframe(view.data, hide_index=True, width="stretch", height=min(320, 38 + 35 * len(view.data)))
    rows = len(view.data)
    label = ngettext("Download the {count} rows drawn (CSV)", "Download the {count} rows drawn (CSV)", rows)
    download_csv(view.data, f"ipsdash-{view.name}.csv", label.format(count=number(rows)), key=f"{key}_csv")
    image_downloads(view, key)


def data_panel(view: View, key: str) -> None:
    """'The data drawn': a lazy expander (nothing drawn until it is opened) with data_contents."""
    panel = st.expander(
        _("The data drawn, and downloads"), key=f"{key}_data", on_change="rerun", icon=":material/table_view:"
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
    names = list(dict.fromkeys(short for _sid, short, _locs in provenance.by_source(view.cited)))
    listed = "; ".join(names[:5])
    if len(names) > 5:
        more = len(names) - 5
        listed = ngettext(
            "{sources}; and {count} more, listed under the chart",
            "{sources}; and {count} more, listed under the chart",
            more,
        ).format(sources=listed, count=number(more))
    sources = ngettext("Source: {sources}.", "Sources: {sources}.", len(names)).format(sources=listed)
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


def value_columns() -> dict:
    """The values table's columns (in this order) and their headers in the language in use."""
    return {
        "geo_name": _("Area"),
        "metric_label": _("Measure"),
        "year": st.column_config.NumberColumn(_("Year"), format="%d"),
        "period": _("As the source dates it"),
        "value_text": _("Value"),
        "series": _("What is counted"),
        "subject": _("Trial / sub-group"),
        "source_short": _("Source"),
        "locator": _("Where in the source"),
        "note": as_written(_("Note")),
    }


def as_written(label: str) -> st.column_config.TextColumn:
    """A column of the sources' own words (citations, events, notes): in another language than English its
    header says they are given as written, in English, and so does its tooltip."""
    if i18n.current() == i18n.DEFAULT:
        return st.column_config.TextColumn(label)
    # TRANSLATORS: a table's column header for text kept as the source wrote it, e.g. "Note (English)".
    marked = _("{column} (English)").format(column=label)
    return st.column_config.TextColumn(marked, help=as_written_note())


def as_written_note() -> str:
    """What the '(English)' columns hold, for their tooltip and a caption above such tables."""
    return _("Citations, events and notes are given as their sources wrote them, in English.")


def as_written_caption() -> None:
    """In another language than English, a caption saying the sources' own words are kept in English."""
    if i18n.current() != i18n.DEFAULT:
        st.caption(as_written_note())


def values_table(values: pd.DataFrame, height: int | None = None) -> None:
    """Observations as a table a reader can check: value with qualifier and unit, source and where in it."""
    columns = value_columns()
    st.dataframe(
        with_value_text(values)[list(columns)],
        hide_index=True,
        width="stretch",
        column_config=columns,
        **({"height": height} if height else {}),
    )

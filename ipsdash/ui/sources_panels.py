"""The sources page's tables: the milestones and every source with its status."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ipsdash.domain.vocabulary import SOURCE_STATUS_LABELS, source_status_label
from ipsdash.i18n import _, ngettext
from ipsdash.i18n.formats import number
from ipsdash.ui import captions
from ipsdash.ui.captions import as_written


def milestones_table(milestones: pd.DataFrame) -> None:
    """Every milestone with its date as the source words it, its qualifier and source; downloadable."""
    st.dataframe(
        milestones[["year", "geo_name", "event", "period", "qualifier", "source_short", "locator", "note"]],
        hide_index=True,
        width="stretch",
        height=480,
        column_config={
            "year": st.column_config.NumberColumn(_("Year"), format="%d"),
            "geo_name": _("Geography"),
            "event": as_written(_("Event")),
            "period": _("As the source dates it"),
            "qualifier": _("Qualifier"),
            "source_short": _("Source"),
            "locator": _("Where in the source"),
            "note": as_written(_("Note")),
        },
    )
    captions.download_csv(milestones, "ipsdash-milestones.csv", _("Download milestones (CSV)"))


def sources_table(sources: pd.DataFrame) -> None:
    """Every source, the documents read in full first, with how many values cite it; downloadable."""
    counts = sources["status"].value_counts()
    parts = [_status_count(key, int(counts[key])) for key in SOURCE_STATUS_LABELS if key in counts]
    sources = sources.assign(
        status=sources["status"].map(lambda s: source_status_label(s) if s in SOURCE_STATUS_LABELS else None)
    )
    # TRANSLATORS: {counts} is a list of counts by status, "5 read in full; 3 checked: the cited passage was read".
    summary = ngettext(
        "**{count}** sources, those read in full first: {counts}.",
        "**{count}** sources, those read in full first: {counts}.",
        len(sources),
    )
    st.markdown(summary.format(count=number(len(sources)), counts="; ".join(parts)))
    st.dataframe(
        sources[["short", "citation", "year", "status", "n_values", "url", "licence", "accessed"]],
        hide_index=True,
        width="stretch",
        column_config={
            "short": _("Cited as"),
            "citation": {**as_written(_("Citation")), "width": "large"},
            "year": st.column_config.NumberColumn(_("Year"), format="%d"),
            "status": _("Status"),
            "n_values": _("Values citing it"),
            "url": st.column_config.LinkColumn(_("Link")),
            "licence": _("Licence (where known)"),
            "accessed": _("Read on (where recorded)"),
        },
    )
    captions.download_csv(sources, "ipsdash-sources.csv", _("Download sources (CSV)"))


def _status_count(status: str, count: int) -> str:
    """'5 read in full', '3 checked: the cited passage was read': how many sources have a status."""
    shown = number(count)
    if status == "read":
        return ngettext("{count} read in full", "{count} read in full", count).format(count=shown)
    if status == "checked":
        return ngettext(
            "{count} checked: the cited passage was read", "{count} checked: the cited passage was read", count
        ).format(count=shown)
    if status == "lead_unconfirmed":
        return ngettext(
            "{count} lead: not checked against the original", "{count} lead: not checked against the original", count
        ).format(count=shown)
    if status == "lead_weak":
        return ngettext("{count} weak lead: do not rely on it", "{count} weak lead: do not rely on it", count).format(
            count=shown
        )
    return ngettext("{count} imported programme data", "{count} imported programme data", count).format(count=shown)

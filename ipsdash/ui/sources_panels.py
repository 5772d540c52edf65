"""The sources page's tables: the milestones and every source with its status."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ipsdash.domain.vocabulary import SOURCE_STATUS_LABELS
from ipsdash.ui import captions


def milestones_table(milestones: pd.DataFrame) -> None:
    """Every milestone with its date as the source words it, its qualifier and source; downloadable."""
    st.dataframe(
        milestones[["year", "geo_name", "event", "period", "qualifier", "source_short", "locator", "note"]],
        hide_index=True,
        width="stretch",
        height=480,
        column_config={
            "year": st.column_config.NumberColumn("Year", format="%d"),
            "geo_name": "Geography",
            "event": "Event",
            "period": "As the source dates it",
            "qualifier": "Qualifier",
            "source_short": "Source",
            "locator": "Where in the source",
            "note": "Note",
        },
    )
    captions.download_csv(milestones, "ipsdash-milestones.csv", "Download milestones (CSV)")


def sources_table(sources: pd.DataFrame) -> None:
    """Every source, the documents read in full first, with how many values cite it; downloadable."""
    counts = sources["status"].value_counts()
    parts = [
        f"{counts[key]} {label[0].lower() + label[1:]}" for key, label in SOURCE_STATUS_LABELS.items() if key in counts
    ]
    sources = sources.assign(status=sources["status"].map(SOURCE_STATUS_LABELS))
    st.markdown(f"**{len(sources)}** sources, those read in full first: " + "; ".join(parts) + ".")
    st.dataframe(
        sources[["short", "citation", "year", "status", "n_values", "url", "licence", "accessed"]],
        hide_index=True,
        width="stretch",
        column_config={
            "short": "Cited as",
            "citation": st.column_config.TextColumn("Citation", width="large"),
            "year": st.column_config.NumberColumn("Year", format="%d"),
            "status": "Status",
            "n_values": "Values citing it",
            "url": st.column_config.LinkColumn("Link"),
            "licence": "Licence (where known)",
            "accessed": "Read on (where recorded)",
        },
    )
    captions.download_csv(sources, "ipsdash-sources.csv", "Download sources (CSV)")

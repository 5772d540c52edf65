"""Sources: every source and how many values cite it; every value, filterable and downloadable."""

import streamlit as st

from ipsdash import queries, ui

ui.use_app_navigation()

st.title("Sources and data")
st.markdown(
    "Every number in ipsdash comes from a cited document and names the section it stands in. "
    "Filter the values, check them against their sources, and download exactly what you see."
)

options = ui.query(queries.get_filter_options)
values_tab, milestones_tab, sources_tab = st.tabs(["Values", "Milestones", "Sources"])

with values_tab:
    text = ui.url_text("Search", "q", placeholder="e.g. Netherlands, EQOLISE, fidelity")
    left, middle, right = st.columns(3)
    with left:
        geo_codes = ui.url_multiselect("Geography", options["geo"], "geo")
    with middle:
        metrics = ui.url_multiselect("Measure", options["metric"], "metric")
    with right:
        source_ids = ui.url_multiselect("Source", options["source"], "source")
    lo, hi = (int(v) for v in options["years"].iloc[0])
    left, right = st.columns([3, 1])
    with left:
        year_range = st.slider("Years", lo, hi, (ui.url_int("from", lo, lo, hi), ui.url_int("to", hi, lo, hi)))
    with right:
        qualifiers = ui.url_multiselect("Qualifier", options["qualifier"], "qualifier")
    include_undated = st.checkbox("Include values the source does not date", value=True)
    ui.set_url_param("from", year_range[0] if year_range[0] != lo else None)
    ui.set_url_param("to", year_range[1] if year_range[1] != hi else None)

    found = ui.query(
        queries.get_observations,
        geo_codes=geo_codes,
        metrics=metrics,
        source_ids=source_ids,
        qualifiers=qualifiers,
        year_range=year_range,
        include_undated=include_undated,
        text=text,
    )
    st.markdown(f"**{len(found)}** values match.")
    ui.values_table(found, height=480)
    ui.download_csv(found, "ipsdash-values.csv", f"Download these {len(found)} values (CSV)")

with milestones_tab:
    milestones = ui.query(queries.get_milestones)
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
    ui.download_csv(milestones, "ipsdash-milestones.csv", "Download milestones (CSV)")

with sources_tab:
    sources = ui.query(queries.get_sources).assign(status=lambda f: f["status"].map(ui.SOURCE_STATUS_LABELS))
    st.markdown(
        f"**{len(sources)}** sources. The five documents read in full come first; the others are leads "
        "cited as found and not yet checked against the original."
    )
    st.dataframe(
        sources[["short", "citation", "year", "status", "n_values", "url"]],
        hide_index=True,
        width="stretch",
        column_config={
            "short": "Cited as",
            "citation": st.column_config.TextColumn("Citation", width="large"),
            "year": st.column_config.NumberColumn("Year", format="%d"),
            "status": "Status",
            "n_values": "Values citing it",
            "url": st.column_config.LinkColumn("Link"),
        },
    )
    ui.download_csv(sources, "ipsdash-sources.csv", "Download sources (CSV)")

"""Growth trends: filter, compare and model how IPS grew; every series honest about what it counts."""

import streamlit as st

from ipsdash import growth, queries, ui

ui.use_app_navigation()

st.title("How IPS grew")
# Lazy tabs bound to the URL (?tab=...): only the open tab runs, and a link reopens the same tab.
trends, curves, community = st.tabs(
    ["Trends", "Adoption curves", "Learning community vs outside"], key="tab", bind="query-params"
)

if trends.open:
    with trends:
        notices = st.container()  # messages about the link's parameters, outside the closed popover
        pick_geo, pick_measure, pick_settings = st.columns([3, 2, 1.4], vertical_alignment="bottom")
        with pick_geo:
            geo_codes = ui.url_multiselect(
                "Geographies", ui.query(queries.get_growth_geographies), "geo", default=["USA"]
            )
        areas = geo_codes or ["USA"]  # an emptied choice shows the default area
        measures = ui.query(queries.get_growth_measures, geo_codes=areas)
        with pick_measure:
            labels = dict(zip(measures["value"], measures["label"], strict=True))
            metric = ui.url_choice(
                "Measure (only those with data for these areas)",
                labels,
                "measure",
                "programmes" if "programmes" in labels else next(iter(labels)),
                widget=st.selectbox,
            )
        points = ui.query(queries.get_growth_points, geo_codes=areas, metric=metric)
        lo, hi = int(points["year"].min()), int(points["year"].max())
        # Scale, index, years and milestones sit in a popover (its widgets are drawn only when it is
        # opened, which keeps the page quick to open); the caption under the chart says what is in force.
        with pick_settings, st.popover("Chart settings", icon=":material/tune:", width="stretch", key="chart_settings"):
            scale = ui.url_choice(
                "Scale", {"linear": "Linear", "log": "Log"}, "scale", "linear", notices=notices, horizontal=True
            )
            mode = ui.url_choice("Show", growth.MODES, "mode", "absolute", notices=notices)
            span = (lo, hi)
            if hi > lo:
                linked = (ui.url_int("from", lo, lo, hi, notices), ui.url_int("to", hi, lo, hi, notices))
                span = st.slider("Years", lo, hi, linked, key="growth_years")
            show_events = st.toggle(
                "Policy milestones on the time axis", value=st.query_params.get("events") == "1", key="events"
            )
        ui.set_url_param("from", span[0] if span[0] != lo else None)
        ui.set_url_param("to", span[1] if span[1] != hi else None)
        ui.set_url_param("events", "1" if show_events else None)

        fit_series = st.session_state.get("stat_series") if st.session_state.get("show_fits") else None
        figure, drawn, note = ui.growth_figure(areas, metric, mode, scale, show_events, span, fit_series)
        if note:
            st.info(note)
        st.plotly_chart(figure, key="growth_chart")
        ui.source_caption(drawn)
        st.caption(
            f"**Chart settings:** {scale} scale · {growth.MODES[mode].lower()} · {span[0]}–{span[1]} · policy "
            f"milestones {'shown' if show_events else 'hidden'}. Each line is one measure from one kind of count; "
            "values that count different things are separate lines. Hollow markers: approximate or estimated; "
            "triangles: bounds; dashed: targets."
        )

        # Lazy: the statistics run (and draw) only when asked for, which keeps the page quick to open.
        data_tab, stats_tab = st.tabs(["The data drawn", "Growth statistics"], key="detail", bind="query-params")
        if data_tab.open:
            with data_tab:
                ui.download_csv(drawn, f"ipsdash-growth-{metric}.csv", f"Download the {len(drawn)} values drawn (CSV)")
                if st.toggle("Show them as a table, with their sources", key="show_table"):  # a grid is costly to draw
                    st.dataframe(drawn.drop(columns=["population_source"]), hide_index=True, width="stretch")
        if stats_tab.open:
            with stats_tab:
                ui.growth_statistics(drawn, geo_codes)

if curves.open:
    with curves:
        ui.adoption_curves()

if community.open:
    with community:
        ui.learning_community_comparison()

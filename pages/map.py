"""Adoption map: where IPS is and since when, world or US states, animated through time, offline."""

import streamlit as st

from ipsdash import adoption, mapview, queries, ui

ui.use_app_navigation()

title = st.empty()  # filled once the controls below are read
view_col, measure_col, year_col = st.columns([1.5, 1.5, 2])
with view_col:
    view_key = ui.url_choice("View", {k: v.label for k, v in mapview.VIEWS.items()}, "view", "world", horizontal=True)
view = mapview.VIEWS[view_key]
with measure_col:
    measures = {k: adoption.MEASURES[k].label for k in view.measures}
    measure_key = ui.url_choice("Colour by", measures, "measure", "first_programme", widget=st.selectbox)
measure = adoption.MEASURES[measure_key]

data = ui.query(mapview.get_map_data, view=view_key, measure=measure_key)
with year_col:
    year = ui.url_int("year", data.years[-1], data.years[0], data.years[-1])
    year = st.select_slider("As of year (▶ Play on the map animates)", data.years, value=year, key="map_year")
ui.set_url_param("year", year if year != data.years[-1] else None)
title.header(
    f"{ {'us': 'US states', 'europe': 'European countries'}.get(view_key, 'Countries') } {measure.title}, as of {year}"
)

event = st.plotly_chart(
    ui.map_figure(view_key, measure_key, year)[0],
    config=ui.MAP_CONFIG,
    on_select="rerun",
    selection_mode="points",
    key=f"map_{view_key}_{measure_key}",
)
clicked = ui.selected_location(event, "map_clicked")
st.caption(
    f"{view.note} Hover an area for its dates and figures with their sources; click it, or pick it below, "
    "for its full story."
)
ui.source_caption(data.sources)
ui.download_csv(
    mapview.table_for_year(data, measure_key, year),
    f"ipsdash-map-{view_key}-{measure_key}-{year}.csv",
    "Download the data behind this map (CSV)",
)

areas = ui.query(queries.get_profile_areas)
area = ui.url_area("Area profile", areas, "area", clicked)
if area:
    ui.area_profile(area, areas.set_index("value").at[area, "label"])

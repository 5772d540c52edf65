"""Adoption map: where IPS is and since when, world, Europe or US states, animated through time, offline."""

import streamlit as st

from ipsdash.i18n import _
from ipsdash.store import queries
from ipsdash.ui import boot, captions, map_panels, url_state
from ipsdash.views import map as map_view
from ipsdash.views import settings

options = boot.query(map_view.options)
asked, problems = settings.parse_map(url_state.params(settings.MAP_PARAMS), options)
title, notices = st.empty(), st.container()  # the title is filled once the controls are read
url_state.show_problems(problems, notices)
view_col, measure_col, year_col = st.columns([1.5, 1.5, 2])
with view_col:
    view_key = url_state.choice(
        _("View"), url_state.translated(options.views), "view", asked.view, "world", horizontal=True
    )
measures = url_state.translated(options.measures[view_key])
with measure_col:
    start = asked.measure if asked.measure in measures else "first_programme"
    measure = url_state.choice(_("Colour by"), measures, "measure", start, "first_programme", widget=st.selectbox)
years = options.years[view_key]
with year_col:
    year = url_state.year(
        _("As of year (▶ Play on the map animates)"), years, "year", asked.year, key="map_year", steps=True
    )

view = boot.query(map_view.build, settings.MapSettings(view_key, measure, year))
title.header(view.title)
event = captions.render_view(
    view, f"map_{view_key}_{measure}", config=captions.MAP_CONFIG, on_select="rerun", selection_mode="points"
)
map_panels.film_download(view_key, measure)

areas = boot.query(queries.get_profile_areas)
area = map_panels.url_area(
    _("Area profile"), areas, "area", map_panels.selected_location(event, "map_clicked"), notices
)
if area:
    map_panels.area_profile(area, areas.set_index("value").at[area, "label"])

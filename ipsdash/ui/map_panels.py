"""The map page's pieces: an area's profile beside the map, and the area a click or the URL chose."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ipsdash.ui import boot, captions, url_state
from ipsdash.views import map as map_view
from ipsdash.views.settings import Problem


def area_profile(geo_code: str, label: str) -> None:
    """An area's story beneath the map: its milestones on a timeline and every value, each cited."""
    view = boot.query(map_view.build_profile, geo_code, label)
    st.subheader(view.title)  # an area's name from data/geographies.csv
    subs = view.extra["sub_areas"]
    if len(subs):  # one click opens a sub-area's own profile (the picker above follows)
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown("Sub-national areas the sources discuss:")
            for row in subs.itertuples():
                st.button(
                    row.label,
                    key=f"sub_{row.value}",
                    on_click=st.session_state.__setitem__,
                    args=("url_area", row.value),
                )
    if view.figure is not None:
        captions.render_view(view, "timeline", data=False)
    else:
        st.caption("No dated milestones in the sources for this area.")
    values = view.data
    st.markdown(f"**{len(values)} values** about this area" + (" and its sub-areas" if len(subs) else "") + ":")
    if len(values):
        # The grid waits for the toggle: drawing it (and fetching its script) was most of the time a page
        # with an area open took beyond the map's (bench/run.py, /map?area=NLD).
        if st.toggle("Show them as a table, each with its source", key=f"area_values_{geo_code}"):
            captions.values_table(values)
        captions.download_csv(values, f"ipsdash-{geo_code}.csv", f"Download the {len(values)} values (CSV)")


def selected_location(event, state_key: str) -> str | None:
    """The area a user just clicked on a map, once per click (a click stays in the event until the next)."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    location = points[0].get("location") if points else None
    if location and st.session_state.get(state_key) != location:
        st.session_state[state_key] = location
        return location
    if not location:
        st.session_state.pop(state_key, None)
    return None


def url_area(label: str, options: pd.DataFrame, param: str, clicked: str | None, notices) -> str | None:
    """A searchable area picker kept in the URL; a map click selects the clicked area."""
    labels = dict(zip(options["value"], options["label"], strict=True))
    key = f"url_{param}"
    wanted = st.query_params.get(param)
    if wanted is not None and wanted not in labels:
        url_state.show_problems([Problem(param, wanted, "is not an area in the data", "ignored")], notices)
        wanted = None
    if clicked in labels:
        st.session_state[key] = clicked
    elif key not in st.session_state:
        st.session_state[key] = wanted
    chosen = st.selectbox(
        label,
        list(labels),
        format_func=labels.get,
        key=key,
        index=None,
        placeholder="Click an area on the map, or type a name",
    )
    url_state.set_param(param, chosen)
    return chosen

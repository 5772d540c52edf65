"""ipsdash entry point: page config, the store, and navigation over pages/."""

import time

import streamlit as st

from ipsdash import ui

started = time.perf_counter()
st.set_page_config(page_title="ipsdash: IPS worldwide", layout="wide")
ui.apply_layout_css()
ui.prepare_store()
st.navigation(
    [
        st.Page("pages/home.py", title="Home", default=True),
        st.Page("pages/map.py", title="Adoption map", url_path="map"),
        st.Page("pages/growth.py", title="Growth", url_path="growth"),
        st.Page("pages/sources.py", title="Sources", url_path="sources"),
    ],
    position="top",  # the full width goes to the charts, which matters on a 1280x720 projector
).run()
st.session_state["_script_ms"] = (time.perf_counter() - started) * 1000  # read by bench/run.py

"""ipsdash entry point: page config, the store, and navigation over pages/."""

import streamlit as st

from ipsdash import ui

st.set_page_config(page_title="ipsdash: IPS worldwide", layout="wide")
ui.prepare_store()
st.navigation(
    [
        st.Page("pages/home.py", title="Home", default=True),
        st.Page("pages/sources.py", title="Sources", url_path="sources"),
    ]
).run()

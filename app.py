"""ipsdash entry point: page config, the store, and navigation over app_pages/.

The folder is not called pages/: beside the entry script Streamlit would treat that name as its old
multipage mode (a first visit straight to /map would run the page without this navigation)."""

import time

import streamlit as st

from ipsdash import assets
from ipsdash.i18n import _
from ipsdash.ui import boot, identity, language, room, url_state

started = time.perf_counter()
link_problems = language.start()  # every word from here on is in the session's language
# The browser tab's icon is a file of ours: a Material icon there would be fetched from Google's font CDN.
st.set_page_config(page_title=_("ipsdash: IPS worldwide"), page_icon=str(assets.ICON), layout="wide")
boot.apply_layout_css()
language.picker()
url_state.show_problems(link_problems)
boot.prepare_store()
pages = [
    st.Page("app_pages/home.py", title=_("Home"), icon=":material/home:", default=True),
    st.Page("app_pages/map.py", title=_("Adoption map"), icon=":material/public:", url_path="map"),
    st.Page("app_pages/growth.py", title=_("Growth"), icon=":material/trending_up:", url_path="growth"),
    st.Page("app_pages/outcomes.py", title=_("Outcomes"), icon=":material/work:", url_path="outcomes"),
    st.Page("app_pages/fidelity.py", title=_("Fidelity"), icon=":material/verified:", url_path="fidelity"),
    st.Page("app_pages/sources.py", title=_("Sources"), icon=":material/menu_book:", url_path="sources"),
    # TRANSLATORS: "Present" is the verb (give a talk): the presenter mode's page.
    st.Page("app_pages/present.py", title=_("Present"), icon=":material/slideshow:", url_path="present"),
    # Reached from the presenter's QR code, not from the menu.
    st.Page("app_pages/follow.py", title=_("Follow the presenter"), url_path="follow", visibility="hidden"),
]
viewer = identity.current_viewer()
identity.sidebar(viewer)
if identity.lead_pages_shown(viewer):  # a signed-in lead or staff, or (offline) an admin password is set
    pages += [
        st.Page("app_pages/import_data.py", title=_("Import"), icon=":material/upload_file:", url_path="import"),
        st.Page("app_pages/reports.py", title=_("Reports"), icon=":material/assessment:", url_path="reports"),
    ]
page = st.navigation(pages, position="top")  # top: the full width goes to charts on a 1280x720 projector
room.back_to_presenter(page.url_path)  # a follower exploring a view: the way back to the presenter's slide
page.run()
st.session_state["_script_ms"] = (time.perf_counter() - started) * 1000  # read by bench/run.py

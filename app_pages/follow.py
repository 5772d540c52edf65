"""Follow the presenter: a phone shows the slide the presenter is on, redrawn within a second or two
of each step, and can leave to explore the view and come back. This page only reads."""

import streamlit as st

from ipsdash.i18n import _
from ipsdash.outputs import talk_track as talk
from ipsdash.ui import presenter as present
from ipsdash.ui import room
from ipsdash.ui.text import escape_markdown

present.presenter_css()
name = st.query_params.get("talk", "default")
if name not in talk.talk_names():  # only talks that exist: nothing else is ever looked up
    st.title(_("No such talk"))
    st.error(
        _("There is no talk called {name}; check the address you were given.").format(
            name=escape_markdown(name, limit=64)
        )
    )
    st.stop()
loaded = present.load(name)
if loaded is None:
    st.stop()
room.follower(name, loaded[1])

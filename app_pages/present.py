"""Presenter mode: a talk track of live views, stepped with the keyboard or a clicker, offline; the room
can follow it on their phones, and ?view=presenter is the presenter's own window with notes and a clock."""

import streamlit as st

from ipsdash.i18n import _
from ipsdash.outputs import talk_track as talk
from ipsdash.ui import boot, room, url_state
from ipsdash.ui import presenter as present
from ipsdash.views import settings

present.presenter_css()

name = st.query_params.get("talk", "default")
loaded = present.load(name)
if loaded is None:
    st.stop()
talk_title, slides = loaded
count = len(slides)
presenter_view = st.query_params.get("view") == "presenter"
key = room.presenter_key()
led = room.led_state(name, key)  # this window leads the room: the shared state is the place
if led:
    st.session_state["slide"] = min(led.slide, count)
elif "slide" not in st.session_state:
    read = settings.Reader(url_state.params(["slide"]))
    st.session_state["slide"] = read.integer("slide", 1, count, 1, what="a slide number")
    url_state.show_problems(read.problems)


def go(step: int | None = None, to: int | None = None) -> None:
    """Move to another slide (clamped to the talk), and the room with it when this window leads it."""
    st.session_state["slide"] = max(1, min(count, to if to is not None else st.session_state["slide"] + step))
    if led:
        room.step_room(name, key, st.session_state["slide"])


# Clickers send arrows and Page Up/Down; Space, Home and End work too. The duplicates are hidden. Clicks
# are read from the buttons' values, not callbacks: a session that replaced one on a dead replica (whose
# first run may still be going) knows the values the browser sends but not the callbacks of the old one.
first, previous, counter, following, last = st.columns([1, 1, 4, 1, 1], vertical_alignment="center")
moves = [
    (first.button(_("« First"), shortcut="Home", key="first"), {"to": 1}),
    (previous.button(_("‹ Previous"), shortcut="Left", key="previous"), {"step": -1}),
    (following.button(_("Next ›"), shortcut="Right", key="next"), {"step": 1}),
    (last.button(_("Last »"), shortcut="End", key="last"), {"to": count}),
]
moves += present.hidden_key_buttons()
for clicked, move in moves:
    if clicked:
        go(**move)
        led = room.led_state(name, key) if led else None  # the state just written (its new sequence number)
number = st.session_state["slide"]
counter.markdown(present.slide_counter(talk_title, number, count))
url_state.set_param("slide", number if number != 1 else None)
room.show_problem()

if presenter_view:
    side = present.presenter_window(slides, number, led)
else:
    present.show_slide(boot.query(talk.render_slide, slides[number - 1]))
    present.audience_qr(slides[number - 1], name if led else None)
    side = st.container()
room.lead_controls(name, number, count, key, led)
present.presenter_view_link(name, key)
if led or presenter_view:  # follow the other window's steps; the presenter view shows the clock
    with side:
        room.watch(name, led or room.current(name), room.clock_start(led) if presenter_view else None)

if not presenter_view:
    offline = st.expander(_("For when this laptop fails: the whole talk as one file"), key="offline", on_change="rerun")
    if offline.open:
        with offline:
            present.offline_copies(name, talk_title, slides)

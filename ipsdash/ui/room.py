"""The room follows the presenter: the presenter's start and stop, the follower's slide, the way back.

Each window (the presenter's, the presenter view, every phone) polls the talk's small follow-state file
once a second in a fragment that draws nothing and compares the sequence number: only a change reruns
the page. The follow page only reads; the presenter's windows write with the key held in their URL.
"""

from __future__ import annotations

import time

import streamlit as st

from ipsdash.i18n import _
from ipsdash.outputs import audience, follow
from ipsdash.outputs import talk_track as talk
from ipsdash.ui import boot, url_state
from ipsdash.ui import presenter as present
from ipsdash.ui.text import escape_markdown
from ipsdash.views import PAGES
from ipsdash.views.settings import to_params

POLL_SECONDS = 1.0  # a step reaches every phone within this, plus one page run
FOLLOW_PAGE = "app_pages/follow.py"


def presenter_key() -> str | None:
    """The key in this window's URL, if it has the shape of one (checked against the state on use)."""
    key = st.query_params.get("key")
    return key if isinstance(key, str) and follow.KEY.fullmatch(key) else None


def led_state(name: str, key: str | None) -> follow.FollowState | None:
    """The talk's state when this window leads the room (its key is the session's and it is on)."""
    state = follow.read(name) if key else None
    return state if state and state.following and follow.holds_key(name, key) else None


def current(name: str) -> follow.FollowState | None:
    """The talk's follow state as this run saw it."""
    return follow.read(name)


def clock_start(led: follow.FollowState | None) -> float:
    """When the talk started: the follow session's start, or when this window first showed it."""
    return led.started if led else st.session_state.setdefault("clock_started", time.time())


def watch(name: str, seen: follow.FollowState | None, started: float | None = None) -> None:
    """Rerun the page when the talk's follow state differs from `seen` (another window stepped, the
    presenter started or stopped); with `started`, also show the time since then."""
    seq = seen.seq if seen else None

    @st.fragment(run_every=POLL_SECONDS)
    def poll() -> None:
        now = follow.read(name)
        if (now.seq if now else None) != seq:
            st.rerun()
        if started is not None:
            minutes, seconds = divmod(int(time.time() - started), 60)
            # TRANSLATORS: the time since the talk started, minutes:seconds ("Elapsed **12:05**").
            st.markdown(_("Elapsed **{minutes}:{seconds}**").format(minutes=minutes, seconds=f"{seconds:02d}"))

    poll()


def lead_controls(name: str, slide: int, count: int, key: str | None, state: follow.FollowState | None) -> None:
    """'Let the room follow' (and, once it does, where phones go and 'Stop'), under the presenter's slide."""
    with st.container(key="room_controls"):
        if state is None:
            if st.button(_("Let the room follow"), key="follow_start", icon=":material/groups:"):
                try:
                    st.query_params["key"] = follow.start(name, count, slide)
                except follow.FollowRefused as err:
                    st.error(escape_markdown(err, limit=300))
                    return
                st.rerun()
            return
        address = url_state.with_lang_url(audience.follow_address(name) or f"/follow?talk={name}")
        shown = escape_markdown(address, limit=200)
        st.markdown(_("The room follows this window: phones open **{address}**").format(address=shown))
        if st.button(_("Stop: let the room go"), key="follow_stop", icon=":material/stop_circle:"):
            try:
                follow.stop(name, key)
            except follow.FollowRefused as err:
                st.session_state["follow_problem"] = str(err)  # shown after the rerun
            del st.query_params["key"]
            st.rerun()


def step_room(name: str, key: str | None, slide: int) -> None:
    """Write the presenter's step for every follower (called from the step buttons' callback)."""
    try:
        follow.step(name, key, slide)
    except follow.FollowRefused as err:
        st.session_state["follow_problem"] = str(err)


def show_problem() -> None:
    """What went wrong with the last step (the callback cannot draw)."""
    problem = st.session_state.pop("follow_problem", None)
    if problem:
        st.warning(escape_markdown(problem, limit=300))


def explore_link(name: str, slide: talk.Slide) -> None:
    """A link to the slide's view on its own page, with the slide's settings, and the way back."""
    path, fixed = PAGES[slide.view]
    st.page_link(
        f"app_pages/{path.strip('/') or 'home'}.py",
        label=_("Explore this view on its own page"),
        icon=":material/explore:",
        query_params=url_state.with_lang({**fixed, **to_params(slide.settings), "follow": name}),
    )


def back_to_presenter(page: str) -> None:
    """On a page a follower went to explore: 'Back to the presenter' (the talk from the URL's `follow`,
    or remembered by this session), checked against the talks that exist. `page`: the page's URL path."""
    if page in ("follow", "present"):
        return
    name = st.query_params.get("follow") or st.session_state.get("following_talk")
    if not name or name not in talk.talk_names():
        return
    st.session_state["following_talk"] = name
    st.page_link(
        FOLLOW_PAGE,
        label=_("Back to the presenter"),
        icon=":material/co_present:",
        query_params=url_state.with_lang({"talk": name}),
    )


def follower(name: str, slides: list[talk.Slide]) -> None:
    """The follow page's body: the presenter's current slide, or what the presenter is doing."""
    state = follow.read(name)
    st.session_state.pop("following_talk", None)  # back on the follow page: no way back needed
    if state is None:
        st.title(_("Waiting for the presenter"))
        st.info(_("The presenter has not let the room follow yet. This page shows their slide as soon as they do."))
        watch(name, None)
        return
    number = min(state.slide, len(slides))
    slide = slides[number - 1]
    if state.following:
        st.caption(_("Following the presenter · slide {number} / {count}").format(number=number, count=len(slides)))
    else:
        st.info(_("The presenter has ended the talk. You stay on the last slide; explore it on its own page below."))
    with st.container(key=f"followed_{number}"):
        present.show_slide(boot.query(talk.render_slide, slide))
    explore_link(name, slide)
    watch(name, state)

"""Presenter mode: a talk track of live views, stepped with the keyboard or a clicker, offline."""

import streamlit as st

from ipsdash import talk, talk_export, ui

ui.use_app_navigation()
ui.presenter_css()

name = st.query_params.get("talk", "default")
try:
    talk_title, slides = talk.load_talk(name, ui.talk_known())
except talk.TalkError as err:
    st.title("This talk cannot be shown")
    st.error(
        f"data/talks/{name}.yml has {len(err.problems)} problem(s):\n\n" + "\n".join(f"- {p}" for p in err.problems)
    )
    st.stop()

count = len(slides)
if "slide" not in st.session_state:
    st.session_state["slide"] = ui.url_int("slide", 1, 1, count)


def go(step: int | None = None, to: int | None = None) -> None:
    """Move to another slide (clamped to the talk)."""
    st.session_state["slide"] = max(1, min(count, to if to is not None else st.session_state["slide"] + step))


# Clickers send arrows and Page Up/Down; Space, Home and End work too. The duplicates are hidden.
first, previous, counter, following, last = st.columns([1, 1, 4, 1, 1], vertical_alignment="center")
first.button("« First", on_click=go, kwargs={"to": 1}, shortcut="Home", key="first")
previous.button("‹ Previous", on_click=go, args=(-1,), shortcut="Left", key="previous")
following.button("Next ›", on_click=go, args=(1,), shortcut="Right", key="next")
last.button("Last »", on_click=go, kwargs={"to": count}, shortcut="End", key="last")
with st.container(key="present_hidden_keys"):
    st.button("page down", on_click=go, args=(1,), shortcut="PageDown", key="next_page")
    st.button("space", on_click=go, args=(1,), shortcut="Space", key="next_space")
    st.button("page up", on_click=go, args=(-1,), shortcut="PageUp", key="previous_page")
number = st.session_state["slide"]
counter.markdown(f"**{talk_title}** · slide **{number} / {count}**")
ui.set_url_param("slide", number if number != 1 else None)

ui.show_slide(slides[number - 1])

with st.expander("For when this laptop fails: the whole talk as one file"):
    if st.button("Prepare an offline copy (HTML, opens in any browser)", key="prepare_export"):
        pages = []
        for slide in slides:
            figure, cited, _ = ui.slide_figure(slide)
            pages.append((slide.title, slide.takeaway, figure, ui.source_line(cited)))
        st.download_button(
            "Download the talk (HTML)",
            talk_export.talk_html(talk_title, pages),
            f"ipsdash-talk-{name}.html",
            mime="text/html",
            key="download_talk",
        )

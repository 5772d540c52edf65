"""The map page's pieces: an area's profile beside the map, the area a click or the URL chose, and the
adoption story as a film."""

from __future__ import annotations

import threading
from collections import OrderedDict

import pandas as pd
import streamlit as st

from ipsdash.i18n import N_, _, ngettext
from ipsdash.i18n.formats import number
from ipsdash.outputs import film
from ipsdash.outputs import images as image_export
from ipsdash.ui import boot, captions, url_state
from ipsdash.ui.text import one_decimal
from ipsdash.views import map as map_view
from ipsdash.views.settings import Problem


def area_profile(geo_code: str, label: str) -> None:
    """An area's story beneath the map: its milestones on a timeline and every value, each cited."""
    view = boot.query(map_view.build_profile, geo_code, label)
    st.subheader(view.title)  # an area's name from data/geographies.csv
    subs = view.sub_areas
    if len(subs):  # one click opens a sub-area's own profile (the picker above follows)
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(_("Sub-national areas the sources discuss:"))
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
        st.caption(_("No dated milestones in the sources for this area."))
    values = view.data
    if len(subs):
        about = ngettext(
            "**{count} values** about this area and its sub-areas:",
            "**{count} values** about this area and its sub-areas:",
            len(values),
        )
    else:
        about = ngettext("**{count} values** about this area:", "**{count} values** about this area:", len(values))
    st.markdown(about.format(count=number(len(values))))
    if len(values):
        # The grid waits for the toggle: drawing it (and fetching its script) was most of the time a page
        # with an area open took beyond the map's (bench/run.py, /map?area=NLD).
        if st.toggle(_("Show them as a table, each with its source"), key=f"area_values_{geo_code}"):
            captions.values_table(values)
        label = ngettext("Download the {count} values (CSV)", "Download the {count} values (CSV)", len(values))
        captions.download_csv(values, f"ipsdash-{geo_code}.csv", label.format(count=number(len(values))))


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
        url_state.show_problems([Problem(param, wanted, _("is not an area in the data"), "ignored")], notices)
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
        placeholder=_("Click an area on the map, or type a name"),
    )
    url_state.set_param(param, chosen)
    return chosen


FILM_SIZES = {"square": N_("Square, 1080 × 1080 (posts, slides)"), "wide": N_("Wide, 1920 × 1080 (16:9 slides, video)")}
FILMS_KEPT = 4  # films kept in memory for every session: a few MB each
_films: OrderedDict[tuple, bytes] = OrderedDict()
_films_lock = threading.Lock()  # guards _films; a film is made under its own lock, below
_making: dict[tuple, threading.Lock] = {}


def _kept_film(key: tuple) -> bytes | None:
    with _films_lock:
        if key in _films:
            _films.move_to_end(key)
        return _films.get(key)


def _make_film(key: tuple, view: str, measure: str, size: str) -> bytes:
    """Render and encode the film, one frame a year with a progress bar, unless another session just did."""
    with _films_lock:
        making = _making.setdefault(key, threading.Lock())
    with making:  # a second click, in any session, waits for the first film instead of making another
        data = _kept_film(key)
        if data is None:
            bar = st.progress(0.0, text=_("Preparing a frame a year…"))
            frames = boot.query(film.frames, view, measure)

            def rendered(done: int, total: int) -> None:
                text = _("Frame {done} of {total} rendered").format(done=number(done), total=number(total))
                bar.progress(done / total, text=text)

            pngs = film.render_frames(frames, size, rendered)
            bar.progress(1.0, text=_("Encoding the GIF…"))
            data = film.encode(pngs, "gif")
            bar.empty()
            with _films_lock:
                _films[key] = data
                while len(_films) > FILMS_KEPT:
                    _films.popitem(last=False)
    return data


def film_download(view: str, measure: str) -> None:
    """'The adoption story as a film': the map as of each year, one frame a year with its count and sources
    burnt in, as a GIF made on request (it takes a minute or so) and kept for whoever asks next."""
    panel = st.expander(
        _("The adoption story as a film (GIF)"), key="map_film", on_change="rerun", icon=":material/movie:"
    )
    if not panel.open:
        return
    with panel:
        if image_export.chromium_path() is None:
            st.caption(_("The film needs Chromium on the server (Debian package 'chromium')."))
            return
        sizes = url_state.translated(FILM_SIZES)
        size = st.radio(_("Size"), list(sizes), format_func=sizes.get, horizontal=True, key="map_film_size")
        key = (boot.store_identity(), view, measure, size)
        data = _kept_film(key)
        if data is None:
            st.caption(
                _("Each frame is rendered on the server: the first film of a view and size takes a minute or so.")
            )
            if not st.button(_("Make the film (GIF)"), key="map_film_make", icon=":material/movie:"):
                return
            data = _make_film(key, view, measure, size)
        st.download_button(
            _("Download the film (GIF, {size} MB)").format(size=one_decimal(len(data) / 1e6)),
            data,
            file_name=f"ipsdash-adoption-{view}-{measure}-{size}.gif",
            mime="image/gif",
            key="map_film_download",
            on_click="ignore",
            icon=":material/download:",
        )

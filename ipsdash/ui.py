"""The only package module that imports Streamlit: cached data access, URL state, captions, errors."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from urllib.parse import quote

import numpy as np
import pandas as pd
import streamlit as st

from ipsdash import geo, queries, store
from ipsdash.export import to_safe_csv
from ipsdash.validate import DataError

SOURCE_STATUS_LABELS = {
    "read": "Read in full",
    "lead_unconfirmed": "Lead: not checked against the original",
    "lead_weak": "Weak lead: do not rely on it",
    "checked": "Checked against its public text",
}


def use_app_navigation() -> None:
    """Call first in every page. Streamlit runs a freshly started server in its old multipage mode
    when a `pages/` folder sits beside app.py, so a first visit straight to /map would run the page
    without app.py (no navigation, no page config). Switch to app.py's navigation and rerun instead.
    Upstream: streamlit/streamlit#10276 (direct URLs with a pages folder and st.navigation)."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def apply_layout_css() -> None:
    """Less empty space above the content, so a chart fits a 1280x720 projector without scrolling."""
    st.html('<style>[data-testid="stMainBlockContainer"]{padding-top:3.2rem;padding-bottom:2rem}</style>')


def prepare_store() -> None:
    """Build the store if it is missing or stale. Bad data never reaches the screen as a traceback:
    with a previous good store the app carries on and says so; without one it stops with the list."""
    try:
        store.ensure_store()
    except DataError as err:
        problems = "\n".join(f"- `{p}`" for p in err.problems[:50])
        if store.STORE_PATH.exists():
            st.warning(
                f"The data files have {len(err.problems)} problem(s); showing the last good build.\n\n{problems}"
            )
        else:
            st.error(f"The data files have {len(err.problems)} problem(s); fix them and reload.\n\n{problems}")
            st.stop()


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(version: float):
    return store.connect()


@st.cache_data(max_entries=512, show_spinner=False)
def _run_query(module: str, name: str, version: float, kwargs: dict):
    cursor = _connection(version).cursor()  # one cursor per call: sessions run in separate threads
    try:
        return getattr(importlib.import_module(module), name)(cursor, **kwargs)
    finally:
        cursor.close()


def query(fn: Callable, **kwargs):
    """Run `fn(connection, **kwargs)` (a function of an ipsdash module) against the store, cached until
    the store is rebuilt."""
    return _run_query(fn.__module__, fn.__name__, store.store_version(), kwargs)


def url_multiselect(
    label: str, options: pd.DataFrame, param: str, help: str | None = None, default: Sequence[str] = ()
) -> list[str]:
    """A multiselect whose choice lives in the URL (?param=a&param=b); unknown values get a message.
    With no parameter in the URL, `default` is chosen (and the URL stays clean while it is)."""
    labels = dict(zip(options["value"], options["label"], strict=True))
    wanted = st.query_params.get_all(param)
    unknown = [v for v in wanted if v not in labels]
    if unknown:
        st.info(f"The link asked for {param} = {', '.join(unknown)}, which is not in the data; ignored.")
    chosen = st.multiselect(
        label,
        list(labels),
        default=[v for v in (wanted or default) if v in labels],
        format_func=labels.get,
        key=f"url_{param}",
        help=help,
    )
    set_url_param(param, chosen if list(chosen) != list(default) else None)
    return chosen


def url_choice(label: str, options: dict[str, str], param: str, default: str, widget=st.radio, notices=st, **kw) -> str:
    """A single choice (radio or selectbox) whose value lives in the URL; a bad value gets a message
    (in `notices`, a container, so it shows even when the widget sits in a closed popover)."""
    wanted = st.query_params.get(param, default)
    if wanted not in options:
        notices.info(f"The link's {param} = {wanted!r} is not one of {', '.join(options)}; showing {options[default]}.")
        wanted = default
    key = f"url_{param}"
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]  # the options changed (e.g. another view): fall back to the URL
    chosen = widget(label, list(options), index=list(options).index(wanted), format_func=options.get, key=key, **kw)
    set_url_param(param, chosen if chosen != default else None)
    return chosen


def url_text(label: str, param: str, placeholder: str = "") -> str:
    """A text input whose content lives in the URL."""
    text = st.text_input(label, value=st.query_params.get(param, ""), key=f"url_{param}", placeholder=placeholder)
    set_url_param(param, text.strip())
    return text.strip()


def url_int(param: str, default: int, low: int, high: int, notices=st) -> int:
    """An integer URL parameter within [low, high]; anything else gets a message (in `notices`) and the default."""
    raw = st.query_params.get(param)
    if raw is None:
        return default
    if raw.lstrip("-").isdigit() and low <= int(raw) <= high:
        return int(raw)
    notices.info(f"The link's {param} = {raw!r} is not a year between {low} and {high}; using {default}.")
    return default


def set_url_param(param: str, value: str | Sequence[str] | int | None) -> None:
    """Put a widget's value in the URL, or remove the parameter when it is empty."""
    if value in (None, "", [], ()):
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get_all(param) != ([str(v) for v in value] if isinstance(value, list) else [str(value)]):
        st.query_params[param] = value


def source_link(source_id: str, short: str) -> str:
    """Markdown link to the sources page filtered to one source."""
    return f"[{short}](/sources?source={quote(source_id)})"


def source_page_link(source_id: str, short: str, locator: str) -> None:
    """An in-app link to the sources page filtered to one source (keeps the session, no reload)."""
    st.page_link("pages/sources.py", label=f"Source: {short}, {locator}", query_params={"source": source_id})


CAPTION_SOURCES = 8


def source_caption(frame: pd.DataFrame, prefix: str = "Source") -> None:
    """A 'Source:' line naming every source behind the values shown, each a link to its entries."""
    pairs = frame[["source_id", "source_short"]].dropna().drop_duplicates().itertuples(index=False)
    links = [source_link(sid, short) for sid, short in pairs]
    if len(links) <= CAPTION_SOURCES:
        st.caption(f"{prefix}: {'; '.join(links)}" if links else f"{prefix}: none")
        return
    # A long list would bury the chart: name the first few, and every one a click away.
    st.caption(f"{prefix}: {'; '.join(links[:CAPTION_SOURCES])}; and {len(links) - CAPTION_SOURCES} more (below)")
    with st.expander(f"All {len(links)} sources of this view"):
        st.caption("; ".join(links))


def download_csv(frame: pd.DataFrame, filename: str, label: str = "Download CSV") -> None:
    """A download button for the frame as spreadsheet-safe CSV."""
    st.download_button(label, to_safe_csv(frame), file_name=filename, mime="text/csv", icon=None)


MAP_CONFIG = {
    "topojsonURL": geo.TOPOJSON_URL,  # Plotly's base map from our own static folder, never a CDN
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "ipsdash-map"},
}


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


def url_area(label: str, options: pd.DataFrame, param: str, clicked: str | None) -> str | None:
    """A searchable area picker in the URL; a map click selects the clicked area."""
    labels = dict(zip(options["value"], options["label"], strict=True))
    key = f"url_{param}"
    wanted = st.query_params.get(param)
    if wanted is not None and wanted not in labels:
        st.info(f"The link's {param} = {wanted!r} is not an area in the data; pick one from the list.")
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
    set_url_param(param, chosen)
    return chosen


def area_profile(geo_code: str, label: str) -> None:
    """An area's story beneath the map: its milestones on a timeline and every value, each cited."""
    from ipsdash import figures  # imported here: only pages that show a profile pay for Plotly

    st.subheader(f"Profile: {label}")
    subs = query(queries.get_sub_areas, geo_code=geo_code)
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
    milestones = query(queries.get_area_milestones, geo_code=geo_code)
    values = query(queries.get_area_observations, geo_code=geo_code)
    if len(milestones):
        st.plotly_chart(figures.make_milestone_timeline(milestones), config={"displaylogo": False}, key="timeline")
        source_caption(milestones, "Milestones")
    else:
        st.caption("No dated milestones in the sources for this area.")
    st.markdown(f"**{len(values)} values** about this area" + (" and its sub-areas" if len(subs) else "") + ":")
    if len(values):
        values_table(values)
        download_csv(values, f"ipsdash-{geo_code}.csv", f"Download the {len(values)} values (CSV)")


# Panels of the growth page (kept here so the page stays a thin list of steps).


def growth_statistics(drawn: pd.DataFrame, geo_codes: list[str]) -> None:
    """For a series the user picks: growth between two years, doubling time, fitted curves, and the
    growth rates the sources report themselves (labelled as reported)."""
    from ipsdash import growth
    from ipsdash.formatting import format_value

    key = st.selectbox("Series", list(dict.fromkeys(drawn["series_key"])), key="stat_series")
    series = growth.one_value_per_year(drawn[(drawn["series_key"] == key) & (drawn["qualifier"] != "target")])
    if len(series) >= 2:
        years = series["year"].tolist()
        y1, y2 = st.select_slider("Between", years, value=(years[0], years[-1]), key="stat_years")
        v1, v2 = (series.set_index("year").at[y, "y"] for y in (y1, y2))
        if y2 > y1 and v1 > 0:
            rate = growth.cagr(v1, v2, y2 - y1)
            left, right = st.columns(2)
            left.metric(f"Compound annual growth {y1}–{y2}", f"{rate:.1%}", help="Computed here from the two values")
            right.metric("Doubling time at that rate", f"{growth.doubling_time(rate):.1f} years" if rate > 0 else "–")
    st.toggle("Fit diffusion curves (exponential and logistic) to this series", key="show_fits")
    fit_report(series)
    for row in query(queries.get_reported_growth, geo_codes=geo_codes).itertuples():
        st.markdown(
            f"**Reported by the source:** {row.metric_label} {format_value(row.value, row.unit, row.qualifier)}"
            f" for {row.geo_name} ({row.period}; {row.source_short}, {row.locator})."
        )


def fit_report(series: pd.DataFrame) -> None:
    """Fitted exponential and logistic parameters with standard errors, or why there is no fit."""
    from ipsdash import growth

    if not st.session_state.get("show_fits"):
        return
    if len(series) < growth.MIN_POINTS_TO_FIT:
        st.info(f"A curve needs at least {growth.MIN_POINTS_TO_FIT} years of values; this series has {len(series)}.")
        return
    names = {
        "start_value": "value in first year",
        "rate": "growth rate r (per year)",
        "start_year": "first year",
        "ceiling": "ceiling K",
        "midpoint_year": "year of fastest growth",
    }
    for fit in (growth.fit_exponential(series["year"], series["y"]), growth.fit_logistic(series["year"], series["y"])):
        if fit is None:
            st.caption("A fit did not converge on these points.")
            continue
        shown = {
            names[k]: f"{v:,.3g} ± {fit.errors[k]:,.2g}" if fit.errors[k] == fit.errors[k] else f"{v:,.3g} (no error)"
            for k, v in fit.params.items()
            if k != "start_year"
        }
        extra = f"; annual growth {np.expm1(fit.params['rate']):.1%}" if fit.model == "exponential" else ""
        st.markdown(
            f"**{fit.model.title()} fit** on {fit.n_points} points: "
            + "; ".join(f"{k} = {v}" for k, v in shown.items())
            + extra
        )
        if fit.warning:
            st.warning(fit.warning)


def adoption_curve_inputs() -> dict[str, tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]:
    """Per group (countries, US states): the cumulative curve, each area's start, the totals reported."""
    from ipsdash import growth

    curves = {}
    for level, label, metric in (
        ("country", "Countries", "countries_with_ips"),
        ("state", "US states", "states_with_ips"),
    ):
        starts = query(queries.get_adoption_starts, level=level)
        reported = query(queries.get_reported_counts, metric=metric)
        curves[label] = (
            growth.adoption_curve(starts, list(range(1990, 2025))),
            starts,
            reported[reported["qualifier"] == "exact"],
        )
    return curves


def adoption_curves() -> None:
    """Cumulative countries and US states with a documented programme start, beside reported counts."""
    from ipsdash import figures

    curves = adoption_curve_inputs()
    st.plotly_chart(figures.make_adoption_curve(curves), key="adoption_curve")
    by = {label: curve.set_index("year")["areas"] for label, (curve, _, _) in curves.items()}
    st.markdown(
        f"Countries with a documented first programme: **{by['Countries'][2005]} by 2005**, "
        f"**{by['Countries'][2020]} by 2020**; the sources report **20 countries with IPS in 2020**, "
        "so half the countries have no documented start year. US states: the sources name start years for "
        f"{by['US states'][2020]} states, while national surveys counted 38 (2016) and 41 (2019)."
    )
    source_caption(pd.concat([frame for _, starts, reported in curves.values() for frame in (starts, reported)]))
    st.caption(
        "Hollow markers: the start year is approximate or an upper bound ('by 2012'). Diamonds: totals "
        "the sources report, which include areas whose start year no source gives."
    )


def learning_community_comparison() -> None:
    """The 2016-2019 national-survey comparison of growth inside and outside the learning community."""
    from ipsdash import figures, growth

    values = query(queries.get_values_by_key, keys=growth.LC_COMPARISON_KEYS)
    table = growth.lc_comparison(values)
    inside, outside = table.iloc[0], table.iloc[1]
    st.markdown(
        f"Between the 2016 and 2019 national surveys, IPS programmes grew by **{inside.growth_pct:.0f}%** "
        f"({inside.annual_growth_pct:.1f}% a year) in learning-community jurisdictions and by "
        f"**{outside.growth_pct:.0f}%** ({outside.annual_growth_pct:.1f}% a year) elsewhere."
    )
    st.plotly_chart(
        figures.make_lc_comparison(values.assign(label=values["metric"].map(growth.LC_LABELS))), key="lc_chart"
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            "group": "Jurisdictions",
            "programmes_2016": "Programmes 2016",
            "programmes_2019": "Programmes 2019",
            "growth_pct": st.column_config.NumberColumn("Growth 2016–19 (%)", format="%.1f"),
            "annual_growth_pct": st.column_config.NumberColumn("Per year (%)", format="%.1f"),
            "source": "Source",
        },
    )
    source_caption(values)
    st.caption(
        "Learning-community jurisdictions: 22 member states and 2 member counties; others: 18 states. "
        "Growth percentages are computed here from the survey counts."
    )


# Panels of the fidelity and import pages.


def synthetic_banner(synthetic: pd.DataFrame) -> None:
    """A visible banner whenever the programme data drawn is the generated demonstration set."""
    if len(synthetic) and bool(synthetic["any"].iloc[0]):
        st.warning(
            "**Demonstration data.** These programmes are generated by a seeded generator calibrated to "
            "published figures (79 sites, fidelity-employment r = .34, mean fidelity and employment from the "
            "learning-community studies; see data/demo.yml). They are not real programmes and never enter any "
            "real figure. Importing real programme data replaces them.",
            icon="⚠️",
        )


def published_correlations(frame: pd.DataFrame) -> None:
    """The published fidelity-employment findings, each cited, beside the computed one."""
    st.markdown("**Published findings**")
    for row in frame.itertuples():
        if row.metric == "fidelity_employment_r":
            text = f"r = {row.value:.2f}, {row.subject} ({row.period})"
        elif row.metric == "months_to_largest_improvement":
            text = f"{row.subject}: employment improved most after {row.value:.0f} months"
        else:
            text = f"{row.subject}: {row.note.rstrip('.')}"
        st.markdown(f"- {text}. *{row.source_short}*, {row.locator}.")


def admin_password() -> str | None:
    """The admin password from IPSDASH_ADMIN_PASSWORD or st.secrets['admin_password'], if configured."""
    import os

    if os.environ.get("IPSDASH_ADMIN_PASSWORD"):
        return os.environ["IPSDASH_ADMIN_PASSWORD"]
    try:
        return st.secrets.get("admin_password") or None
    except Exception:  # no secrets file: no admin
        return None


def admin_unlocked() -> bool:
    """Ask for the admin password; True once the right one was given in this session."""
    import hmac

    expected = admin_password()
    if not expected:
        st.error("Importing is switched off: no admin password is configured.")
        return False
    if st.session_state.get("admin_ok"):
        return True
    with st.form("login"):
        given = st.text_input("Admin password", type="password")
        submitted = st.form_submit_button("Unlock")
    if submitted:
        if hmac.compare_digest(given.encode(), expected.encode()):
            st.session_state["admin_ok"] = True
            st.rerun()
        st.error("Wrong password.")
    return False


# Figures shared by pages and presenter slides (one builder each, so a slide is the page's own view).


def trials_figure(order: str):
    """The trial dumbbells in the chosen order, and the frames to cite under them."""
    from ipsdash import figures, outcomes

    trials = query(queries.get_trials)
    pooled = query(
        queries.get_values_by_key,
        keys=[
            ("WLD", "pooled_ips_employment_pct", 2020, "bond2020_update"),
            ("WLD", "pooled_control_employment_pct", 2020, "bond2020_update"),
        ],
    )
    figure = figures.make_trials_chart(
        outcomes.sort_trials(trials, order),
        (pooled["value"].iloc[0], pooled["value"].iloc[1], pooled["source_short"].iloc[0]),
    )
    cited = pd.concat([trials.assign(source_short=trials["source_short"].fillna(trials["source_id"])), pooled])
    return figure, trials, cited


def map_figure(view_key: str, measure_key: str, year: int | None = None):
    """The adoption map of a view and measure as of a year (default: the last), and what it cites."""
    from ipsdash import adoption, figures, mapview

    view, data = mapview.VIEWS[view_key], query(mapview.get_map_data, view=view_key, measure=measure_key)
    year = year if year in data.years else data.years[-1]
    figure = figures.make_adoption_map(
        adoption.MEASURES[measure_key],
        data.categories,
        data.summaries,
        geojson_url=view.geojson_url,
        scope=view.scope,
        area_noun=view.noun,
        unknown_label=view.unknown_label,
        year=year,
    )
    return figure, data, year


def growth_figure(
    geo_codes: list[str],
    metric: str,
    mode: str = "absolute",
    scale: str = "linear",
    events: bool = False,
    span: tuple[int, int] | None = None,
    fit_series: str | None = None,
):
    """The growth chart for areas and a measure, and the values drawn (with a note of anything left out);
    with `fit_series`, that series' fitted diffusion curves are drawn too."""
    from ipsdash import figures, growth

    points = query(queries.get_growth_points, geo_codes=geo_codes, metric=metric)
    if span:
        points = points[points["year"].between(*span)]
    drawn, note = growth.series_values(points, mode)
    label = drawn["metric_label"].iloc[0] if mode == "absolute" and len(drawn) else growth.MODES[mode]
    milestones = query(queries.get_policy_milestones, geo_codes=geo_codes) if events else None
    fits = growth.fit_curves(growth.one_value_per_year(drawn[drawn["series_key"] == fit_series])) if fit_series else []
    figure = figures.make_growth_chart(drawn, y_title=label, log=scale == "log", milestones=milestones, fits=fits)
    return figure, drawn, note


# Presenter mode.

PRESENTER_CSS = """<style>
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {display:none}
[data-testid="stMainBlockContainer"] {padding-top:1.2rem; max-width:100%}
.st-key-present_hidden_keys {display:none}
h1 {font-size:2.7rem !important; line-height:1.15 !important}
.st-key-slide_takeaway p {font-size:1.6rem !important; line-height:1.35}
.st-key-slide_source p, .st-key-slide_source a {font-size:1.05rem !important}
[data-testid="stMetricValue"] {font-size:4.5rem !important}
[data-testid="stMetricLabel"] p {font-size:1.4rem !important}
</style>"""
SLIDE_HEIGHT = 430  # with title, takeaway and source, fits 1280x720


def presenter_css() -> None:
    """Navigation and toolbar out of the way; type large enough for the back of a room."""
    st.html(PRESENTER_CSS)


def talk_known() -> dict[str, set[str]]:
    """What talk slides may name (areas and measures with growth data), for checking a talk file."""
    geos = query(queries.get_growth_geographies)
    metrics = query(queries.get_growth_measures, geo_codes=list(geos["value"]))
    return {"geo": set(geos["value"]), "metric": set(metrics["value"])}


def slide_figure(slide):
    """The live view of a slide as (figure or None, frame of what it cites, extra note)."""
    from ipsdash import figures, growth, stats

    s = slide.settings
    if slide.view == "map":
        figure, data, _ = map_figure(s.get("view", "world"), s.get("measure", "first_programme"), s.get("year"))
        return figure, data.sources, ""
    if slide.view == "growth":
        figure, drawn, note = growth_figure(
            s.get("geo", ["USA"]),
            s.get("measure", "programmes"),
            s.get("mode", "absolute"),
            s.get("scale", "linear"),
            bool(s.get("events")),
        )
        return figure, drawn, note
    if slide.view == "trials":
        figure, _, cited = trials_figure(s.get("sort", "difference"))
        return figure, cited, ""
    if slide.view == "adoption_curves":
        curves = adoption_curve_inputs()
        return figures.make_adoption_curve(curves), pd.concat([c[1] for c in curves.values()]), ""
    if slide.view == "lc_comparison":
        values = query(queries.get_values_by_key, keys=growth.LC_COMPARISON_KEYS)
        return figures.make_lc_comparison(values.assign(label=values["metric"].map(growth.LC_LABELS))), values, ""
    if slide.view == "fidelity":
        scale = s.get("scale", "IPS-25")
        points = query(queries.get_fidelity_points, scale=scale, geo_codes=[], year=None)
        bands = query(queries.get_fidelity_bands, scale=scale)
        figure = figures.make_fidelity_scatter(
            points,
            bands,
            stats.fit_line(points["total_score"], points["employment_rate_pct"]),
            scale,
            bool(points["is_synthetic"].any()),
        )
        published = query(queries.get_published_correlations)
        return figure, pd.concat([bands[bands["source_id"] != ""], published]), ""
    values = query(queries.get_values_by_key, keys=[tuple(v) for v in s["values"]])
    return None, values, ""


def source_line(frame: pd.DataFrame) -> str:
    """Plain-text 'Source: ...' for a slide (also used in the offline export)."""
    names = list(dict.fromkeys(frame["source_short"].dropna())) if "source_short" in frame else []
    return "Source: " + "; ".join(names) if names else ""


def show_slide(slide) -> None:
    """Title, takeaway, the live chart (or big figures) and its source line, sized for a projector."""
    from ipsdash.formatting import format_value

    st.title(slide.title)
    with st.container(key="slide_takeaway"):
        st.markdown(slide.takeaway)
    figure, cited, note = slide_figure(slide)
    if figure is not None:
        figure.update_layout(height=SLIDE_HEIGHT)
        config = MAP_CONFIG if slide.view == "map" else {"displaylogo": False}
        st.plotly_chart(figure, config={**config, "displayModeBar": False}, key=f"slide_{slide.number}")
    else:
        for column, row in zip(st.columns(len(cited)), cited.itertuples(), strict=True):
            column.metric(row.metric_label, format_value(row.value, row.unit, row.qualifier), border=True)
    if note:
        st.caption(note)
    with st.container(key="slide_source"):
        source_caption(cited)


VALUE_COLUMNS = {
    "geo_name": "Area",
    "metric_label": "Measure",
    "year": st.column_config.NumberColumn("Year", format="%d"),
    "period": "As the source dates it",
    "value_text": "Value",
    "series": "What is counted",
    "subject": "Trial / sub-group",
    "source_short": "Source",
    "locator": "Where in the source",
    "note": "Note",
}


def values_table(values: pd.DataFrame, height: int | None = None) -> None:
    """Observations as a table a reader can check: value with qualifier and unit, source and where in it."""
    from ipsdash.formatting import with_value_text

    st.dataframe(
        with_value_text(values)[list(VALUE_COLUMNS)],
        hide_index=True,
        width="stretch",
        column_config=VALUE_COLUMNS,
        **({"height": height} if height else {}),
    )

"""The growth page's pieces: its controls and their caption, statistics and fits, the learning-community table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ipsdash.domain import growth_rates as growth
from ipsdash.domain import provenance
from ipsdash.domain.formatting import format_value
from ipsdash.store import queries
from ipsdash.ui import boot, captions, url_state
from ipsdash.ui.text import escape_markdown
from ipsdash.views import settings


def growth_controls(options, asked, problems) -> settings.GrowthSettings:
    """Areas and measure in view; scale, index, years and milestones in a popover (its widgets are drawn
    only when it is opened, which keeps the page quick to open). Link problems show above, in view."""
    notices = st.container()
    url_state.show_problems(problems, notices)
    pick_geo, pick_measure, pick_settings = st.columns([3, 2, 1.4], vertical_alignment="bottom")
    with pick_geo:
        geo = url_state.choices("Geographies", options.geos(), "geo", asked.geo, settings.DEFAULT_GEOS)
    geo = geo or settings.DEFAULT_GEOS  # an emptied choice shows the default area
    measures = options.measures(geo)
    default = settings.default_measure(measures)
    with pick_measure:
        start = asked.measure if asked.measure in measures else default
        label = "Measure (only those with data for these areas)"
        measure = url_state.choice(label, measures, "measure", start, default, widget=st.selectbox)
    lo, hi = options.span(geo, measure)
    with pick_settings, st.popover("Chart settings", icon=":material/tune:", width="stretch", key="chart_settings"):
        scale = url_state.choice("Scale", settings.SCALES, "scale", asked.scale, "linear", horizontal=True)
        modes = options.modes(measure)  # per million only for counts of programmes, staff or people
        mode = url_state.choice("Show", modes, "mode", asked.mode if asked.mode in modes else "absolute", "absolute")
        span = url_state.year_range("Years", lo, hi, (asked.start, asked.end), key="growth_years")
        events = st.toggle("Policy milestones on the time axis", value=asked.events, key="events")
    url_state.set_param("events", "1" if events else None)
    fit = st.session_state.get("stat_series", "") if st.session_state.get("show_fits") else ""
    start_year, end_year = (span[0] if span[0] != lo else None), (span[1] if span[1] != hi else None)
    return settings.GrowthSettings(geo, measure, mode, scale, events, start_year, end_year, fit)


def growth_statistics(drawn: pd.DataFrame, geo_codes: tuple[str, ...]) -> None:
    """For a series the user picks: growth between two years, doubling time, fitted curves, and the
    growth rates the sources report themselves (labelled as reported)."""
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
            captions.source_caption(provenance.cite(series[series["year"].isin([y1, y2])]), "Computed from")
    st.toggle("Fit diffusion curves (exponential and logistic) to this series", key="show_fits")
    fit_report(series)
    for row in boot.query(queries.get_reported_growth, geo_codes=list(geo_codes)).itertuples():
        st.markdown(
            escape_markdown(
                f"Reported by the source: {row.metric_label} {format_value(row.value, row.unit, row.qualifier)}"
                f" for {row.geo_name} ({row.period}; {row.source_short}, {row.locator})."
            )
        )


FIT_NAMES = {
    "start_value": "value in first year",
    "rate": "growth rate r (per year)",
    "ceiling": "ceiling K",
    "midpoint_year": "year of fastest growth",
}


def fit_report(series: pd.DataFrame) -> None:
    """Fitted exponential and logistic parameters with standard errors, or why there is no fit."""
    if not st.session_state.get("show_fits"):
        return
    if len(series) < growth.MIN_POINTS_TO_FIT:
        st.info(f"A curve needs at least {growth.MIN_POINTS_TO_FIT} years of values; this series has {len(series)}.")
        return
    for fit in (growth.fit_exponential(series["year"], series["y"]), growth.fit_logistic(series["year"], series["y"])):
        if fit is None:
            st.caption("A fit did not converge on these points.")
            continue
        shown = {
            FIT_NAMES[k]: f"{v:,.3g} ± {fit.errors[k]:,.2g}"
            if fit.errors[k] == fit.errors[k]
            else f"{v:,.3g} (no error)"
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
    captions.source_caption(provenance.cite(series), "Fitted to")


def lc_table(view) -> None:
    """The learning-community comparison as a table: counts, growth and yearly growth per group."""
    st.dataframe(
        view.table,
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
    captions.download_csv(view.data, f"ipsdash-{view.name}.csv", "Download the survey counts (CSV)", key="lc_csv")

"""The growth page's pieces: its controls and their caption, statistics and fits, the learning-community table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from ipsdash.domain import growth_rates as growth
from ipsdash.domain import provenance
from ipsdash.domain.formatting import format_value
from ipsdash.i18n import N_, _
from ipsdash.store import queries
from ipsdash.ui import boot, captions, url_state
from ipsdash.ui.text import escape_markdown, one_decimal, one_decimal_percent, significant
from ipsdash.views import settings


def growth_controls(options, asked, problems) -> settings.GrowthSettings:
    """Areas and measure in view; scale, index, years and milestones in a popover (its widgets are drawn
    only when it is opened, which keeps the page quick to open). Link problems show above, in view."""
    notices = st.container()
    url_state.show_problems(problems, notices)
    pick_geo, pick_measure, pick_settings = st.columns([3, 2, 1.4], vertical_alignment="bottom")
    with pick_geo:
        geo = url_state.choices(_("Geographies"), options.geos(), "geo", asked.geo, settings.DEFAULT_GEOS)
    geo = geo or settings.DEFAULT_GEOS  # an emptied choice shows the default area
    measures = options.measures(geo)
    default = settings.default_measure(measures)
    with pick_measure:
        start = asked.measure if asked.measure in measures else default
        label = _("Measure (only those with data for these areas)")
        measure = url_state.choice(label, measures, "measure", start, default, widget=st.selectbox)
    lo, hi = options.span(geo, measure)
    popover = st.popover(_("Chart settings"), icon=":material/tune:", width="stretch", key="chart_settings")
    with pick_settings, popover:
        scales = url_state.translated(settings.SCALES)
        scale = url_state.choice(_("Scale"), scales, "scale", asked.scale, "linear", horizontal=True)
        # Per million only for counts of programmes, staff or people.
        modes = url_state.translated(options.modes(measure))
        start_mode = asked.mode if asked.mode in modes else "absolute"
        mode = url_state.choice(_("Show"), modes, "mode", start_mode, "absolute")
        span = url_state.year_range(_("Years"), lo, hi, (asked.start, asked.end), key="growth_years")
        events = st.toggle(_("Policy milestones on the time axis"), value=asked.events, key="events")
    url_state.set_param("events", "1" if events else None)
    fit = st.session_state.get("stat_series", "") if st.session_state.get("show_fits") else ""
    start_year, end_year = (span[0] if span[0] != lo else None), (span[1] if span[1] != hi else None)
    return settings.GrowthSettings(geo, measure, mode, scale, events, start_year, end_year, fit)


def growth_statistics(drawn: pd.DataFrame, geo_codes: tuple[str, ...]) -> None:
    """For a series the user picks: growth between two years, doubling time, fitted curves, and the
    growth rates the sources report themselves (labelled as reported)."""
    key = st.selectbox(_("Series"), list(dict.fromkeys(drawn["series_key"])), key="stat_series")
    series = growth.one_value_per_year(drawn[(drawn["series_key"] == key) & (drawn["qualifier"] != "target")])
    if len(series) >= 2:
        years = series["year"].tolist()
        y1, y2 = st.select_slider(_("Between"), years, value=(years[0], years[-1]), key="stat_years")
        v1, v2 = (series.set_index("year").at[y, "y"] for y in (y1, y2))
        if y2 > y1 and v1 > 0:
            rate = growth.cagr(v1, v2, y2 - y1)
            left, right = st.columns(2)
            left.metric(
                _("Compound annual growth {start}–{end}").format(start=y1, end=y2),
                one_decimal_percent(rate),
                help=_("Computed here from the two values"),
            )
            doubling = _("{years} years").format(years=one_decimal(growth.doubling_time(rate))) if rate > 0 else "–"
            right.metric(_("Doubling time at that rate"), doubling)
            captions.source_caption(provenance.cite(series[series["year"].isin([y1, y2])]), _("Computed from"))
    st.toggle(_("Fit diffusion curves (exponential and logistic) to this series"), key="show_fits")
    fit_report(series)
    for row in boot.query(queries.get_reported_growth, geo_codes=list(geo_codes)).itertuples():
        st.markdown(
            escape_markdown(
                _("Reported by the source: {measure} {value} for {area} ({period}; {source}, {locator}).").format(
                    measure=row.metric_label,
                    value=format_value(row.value, row.unit, row.qualifier),
                    area=row.geo_name,
                    period=row.period,
                    source=row.source_short,
                    locator=row.locator,
                )
            )
        )


FIT_NAMES = {
    "start_value": N_("value in first year"),
    "rate": N_("growth rate r (per year)"),
    "ceiling": N_("ceiling K"),
    "midpoint_year": N_("year of fastest growth"),
}


def fit_report(series: pd.DataFrame) -> None:
    """Fitted exponential and logistic parameters with standard errors, or why there is no fit."""
    if not st.session_state.get("show_fits"):
        return
    if len(series) < growth.MIN_POINTS_TO_FIT:
        st.info(
            _("A curve needs at least {needed} years of values; this series has {count}.").format(
                needed=growth.MIN_POINTS_TO_FIT, count=len(series)
            )
        )
        return
    for fit in (growth.fit_exponential(series["year"], series["y"]), growth.fit_logistic(series["year"], series["y"])):
        if fit is None:
            st.caption(_("A fit did not converge on these points."))
            continue
        shown = {
            _(FIT_NAMES[k]): _("{value} ± {error}").format(
                value=significant(f"{v:,.3g}"), error=significant(f"{fit.errors[k]:,.2g}")
            )
            if fit.errors[k] == fit.errors[k]
            else _("{value} (no error)").format(value=significant(f"{v:,.3g}"))
            for k, v in fit.params.items()
            if k != "start_year"
        }
        # TRANSLATORS: one fitted parameter and its value, e.g. "ceiling K = 48.2 ± 3.1".
        parameters = "; ".join(_("{name} = {value}").format(name=k, value=v) for k, v in shown.items())
        if fit.model == "exponential":
            text = _("**Exponential fit** on {count} points: {parameters}; annual growth {growth}").format(
                count=fit.n_points, parameters=parameters, growth=one_decimal_percent(np.expm1(fit.params["rate"]))
            )
        else:
            text = _("**Logistic fit** on {count} points: {parameters}").format(
                count=fit.n_points, parameters=parameters
            )
        st.markdown(text)
        if fit.warning:
            st.warning(fit.warning)
    captions.source_caption(provenance.cite(series), _("Fitted to"))


def lc_table(view) -> None:
    """The learning-community comparison as a table: counts, growth and yearly growth per group."""
    st.dataframe(
        view.table,
        hide_index=True,
        width="stretch",
        column_config={
            "group": _("Jurisdictions"),
            "programmes_2016": _("Programmes 2016"),
            "programmes_2019": _("Programmes 2019"),
            "growth_pct": st.column_config.NumberColumn(_("Growth 2016–19 (%)"), format="%.1f"),
            "annual_growth_pct": st.column_config.NumberColumn(_("Per year (%)"), format="%.1f"),
            "source": _("Source"),
        },
    )
    captions.download_csv(view.data, f"ipsdash-{view.name}.csv", _("Download the survey counts (CSV)"), key="lc_csv")

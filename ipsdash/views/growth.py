"""Growth views: trends per area and measure, adoption curves, and learning community vs outside.

Per million divides each value by the population of the same place in the same year; a year without a
population is a gap (said in a note), never a carried-forward value, and the population source is cited.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from ipsdash.domain import growth_rates as growth
from ipsdash.domain import provenance
from ipsdash.domain.formatting import year_span
from ipsdash.figures.growth_charts import make_adoption_curve, make_growth_chart, make_lc_comparison
from ipsdash.i18n import N_, _
from ipsdash.store import key_figures, queries
from ipsdash.views.base import View, alt_text, describe_extremes
from ipsdash.views.settings import GrowthOptions, GrowthSettings, NoSettings

CURVE_GROUPS = (("country", N_("Countries"), "countries_with_ips"), ("state", N_("US states"), "states_with_ips"))
CURVE_YEARS = list(range(1990, 2025))


def options(con: duckdb.DuckDBPyConnection) -> GrowthOptions:
    """Every area and measure with dated values, for the choices and the year slider."""
    return GrowthOptions(queries.get_growth_series(con))


def _per_million(points: pd.DataFrame, con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """Values per million inhabitants of the same place and year; the populations used; what was left out."""
    populations = queries.get_populations(con, sorted(points["geo_code"].unique()))
    joined = points.merge(
        populations.rename(columns={c: f"population_{c}" for c in provenance.COLUMNS}),
        on=["geo_code", "year"],
        how="left",
    )
    missing = joined[joined["population"].isna()]
    kept = joined[joined["population"].notna()]
    used = kept[["geo_code", "year", "population", *(f"population_{c}" for c in provenance.COLUMNS)]].rename(
        columns={f"population_{c}": c for c in provenance.COLUMNS}
    )
    note = ""
    if len(missing):
        gaps = "; ".join(f"{name} {year_span(part['year'])}" for name, part in missing.groupby("geo_name"))
        note = _(
            "No population for the same year in the data for {gaps}: left out as a gap, not carried forward."
        ).format(gaps=gaps)
    return kept.assign(y=kept["value"] / kept["population"] * 1_000_000), used, note


def series_values(
    con: duckdb.DuckDBPyConnection, settings: GrowthSettings
) -> tuple[pd.DataFrame, pd.DataFrame | None, str, tuple[int | None, int | None]]:
    """The values drawn (with `series_key` and `y`), the population rows behind them (per million), a note,
    and the first and last year of the span drawn."""
    points = queries.get_growth_points(con, list(settings.geo), settings.measure)
    lo, hi = settings.start or points["year"].min(), settings.end or points["year"].max()
    years = (int(lo), int(hi)) if len(points) else (settings.start, settings.end)
    points = points[points["year"].between(lo, hi)].assign(series_key=points["geo_name"] + " · " + points["series"])
    population, note = None, ""
    if settings.mode == "per_million":
        points, population, note = _per_million(points, con)
    elif settings.mode == "indexed":
        base = points[points["qualifier"] != "target"].sort_values("year").groupby("series_key")["value"].first()
        points = points.assign(y=growth.index_to_first(points["value"], points["series_key"].map(base)))
    else:
        points = points.assign(y=points["value"])
    return points.sort_values(["series_key", "year"]).reset_index(drop=True), population, note, years


def _scale_words(scale: str) -> str:
    """'linear scale' or 'log scale', in the language in use."""
    return _("log scale") if scale == "log" else _("linear scale")


def _mode_words(mode: str) -> str:
    """How values are shown, as words within a sentence: 'absolute', 'per million inhabitants'."""
    words = {
        "absolute": _("absolute"),
        "indexed": _("indexed (first year = 100)"),
        "per_million": _("per million inhabitants"),
    }
    return words.get(mode, mode)


def settings_note(settings: GrowthSettings, first: int | None, last: int | None) -> str:
    """The chart settings in force, in words (the page's settings popover may be closed), and how to read it."""
    parts = [_scale_words(settings.scale), _mode_words(settings.mode)]
    if first is not None:
        parts.append(f"{first}–{last}")
    parts.append(_("policy milestones shown") if settings.events else _("policy milestones hidden"))
    # TRANSLATORS: {settings} lists the chart's settings, e.g. 'linear scale · absolute · 2000–2019 · policy
    # milestones hidden'.
    return _(
        "Chart settings: {settings}. Each line is one measure from one kind of count; values that count different "
        "things are separate lines. Hollow markers: approximate or estimated; triangles: bounds; dashed: targets."
    ).format(settings=" · ".join(parts))


def build(con: duckdb.DuckDBPyConnection, settings: GrowthSettings) -> View:
    """Trend lines of one measure for the chosen areas, each series honest about what it counts."""
    drawn, population, note, (first, last) = series_values(con, settings)
    label = drawn["metric_label"].iloc[0] if len(drawn) else queries.get_metric_label(con, settings.measure)
    y_title = label if settings.mode == "absolute" else f"{label}: {_mode_words(settings.mode)}"
    milestones = queries.get_policy_milestones(con, list(settings.geo)) if settings.events else None
    fit_points = growth.one_value_per_year(drawn[drawn["series_key"] == settings.fit]) if settings.fit else None
    fits = growth.fit_curves(fit_points) if fit_points is not None and len(fit_points) else []
    figure = make_growth_chart(drawn, y_title=y_title, log=settings.scale == "log", milestones=milestones, fits=fits)
    cited = provenance.cite(drawn, population, milestones)
    series = "; ".join(
        f"{key}: {describe_extremes(part, 'y', '', part['unit'].iloc[0] if settings.mode == 'absolute' else '')}"
        for key, part in drawn.groupby("series_key", sort=False)
    )
    span = year_span(drawn["year"])
    return View(
        title=f"{y_title}, {span}" if span else y_title,
        figure=figure,
        data=drawn.drop(columns=["population"], errors="ignore"),
        cited=cited,
        notes=(*((note,) if note else ()), settings_note(settings, first, last)),
        alt=alt_text(
            _("Line chart of {measure} by year, {scale}").format(measure=y_title, scale=_scale_words(settings.scale)),
            series,
            cited,
        ),
        name=f"growth-{settings.measure}-{settings.mode}",
    )


def adoption_curve_inputs(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]:
    """Per group (countries, US states, named in the language in use): the cumulative curve, each area's start,
    the totals reported."""
    curves = {}
    for level, label, metric in CURVE_GROUPS:
        starts = queries.get_adoption_starts(con, level)
        reported = queries.get_reported_counts(con, metric)
        curves[_(label)] = (
            growth.adoption_curve(starts, CURVE_YEARS),
            starts,
            reported[reported["qualifier"] == "exact"],
        )
    return curves


# TRANSLATORS: the names in braces are key figures filled in from the store: keep them as they are.
ADOPTION_TEXT = N_(
    "Countries with a documented first programme: {countries_dated_by_2005} by 2005 and {countries_dated_by_2020} "
    "by 2020, while the sources report {countries_with_ips} countries with IPS in 2020. US states: the sources "
    "date a first programme in {states_dated_by_2020} states by 2020, while national surveys counted "
    "{states_with_ips_2016} (2016) and {states_with_ips_2019} (2019)."
)


def build_adoption_curves(con: duckdb.DuckDBPyConnection, settings: NoSettings | None = None) -> View:
    """Cumulative countries and US states with a documented programme start, beside reported counts."""
    curves = adoption_curve_inputs(con)
    text, text_cited = key_figures.fill(con, _(ADOPTION_TEXT))
    starts = pd.concat(
        [starts.assign(group=label) for label, (_curve, starts, _reported) in curves.items()], ignore_index=True
    )
    reported = pd.concat([reported for _curve, _starts, reported in curves.values()], ignore_index=True)
    cited = provenance.cite(starts, reported, text_cited)
    return View(
        title=_("Areas with a documented first IPS programme, by year"),
        figure=make_adoption_curve(curves),
        data=starts,
        cited=cited,
        notes=(
            text,
            _(
                "Hollow markers: the start year is approximate or an upper bound ('by 2012'). Diamonds: totals the "
                "sources report, which include areas whose start year no source gives."
            ),
        ),
        alt=alt_text(_("Step chart of the cumulative number of countries and US states with IPS"), text, cited),
        name="adoption-curves",
    )


# TRANSLATORS: the names in braces are key figures filled in from the store: keep them as they are.
LC_TEXT = N_(
    "Between the 2016 and 2019 national surveys, IPS programmes grew by {lc_growth_pct} ({lc_annual_growth_pct} a "
    "year) in learning-community jurisdictions and by {non_lc_growth_pct} ({non_lc_annual_growth_pct} a year) "
    "elsewhere."
)


def build_lc_comparison(con: duckdb.DuckDBPyConnection, settings: NoSettings | None = None) -> View:
    """The national-survey comparison of growth inside and outside the learning community."""
    values = queries.get_values_by_key(con, growth.LC_COMPARISON_KEYS)
    values = values.assign(label=values["metric"].map(growth.lc_label))
    text, text_cited = key_figures.fill(con, _(LC_TEXT))
    groups = values.drop_duplicates("label")
    who = " ".join(f"{row.label}: {row.note}" for row in groups.itertuples())
    computed = _("Growth percentages are computed here from the survey counts.")
    cited = provenance.cite(values, text_cited)
    return View(
        title=_("Programmes inside and outside the learning community"),
        figure=make_lc_comparison(values),
        data=values,
        cited=cited,
        notes=(text, f"{who} {computed}"),
        alt=alt_text(_("Slope chart of US IPS programmes in learning-community and other jurisdictions"), text, cited),
        name="learning-community-comparison",
        table=growth.lc_comparison(values),
    )

"""Evidence views: documented employment rates by what they measure, and every trial's result."""

from __future__ import annotations

import duckdb

from ipsdash.domain import outcomes, provenance
from ipsdash.figures.evidence_charts import make_outcomes_chart, make_trials_chart
from ipsdash.i18n import N_, _, formats
from ipsdash.store import key_figures, queries
from ipsdash.views.base import View, alt_text, describe_extremes
from ipsdash.views.settings import NoSettings, TrialsSettings

OUTCOMES_NOTE = N_(
    "IPS results are reported in different ways: a share working in a quarter, a share ever employed during a "
    "trial, employment or education. Each kind has its own colour here and is never averaged with another."
)
# TRANSLATORS: the label of the pooled result's dashed lines; {rct_count} is filled in from the store.
POOLED = N_("Pooled, {rct_count} trials")
# TRANSLATORS: {rct_count}, {rct_participants}, {pooled_ips_pct} and {pooled_control_pct} are key figures
# filled in from the store: keep them as they are.
TRIALS_NOTE = N_(
    "Solid markers: any competitive job during follow-up, the measure of the pooled result. Hollow markers: the "
    "trial reported another measure (paid employment, work or school, employment or education, steady work; "
    "hover a trial for its own). Dashed lines: the pooled result of the {rct_count} trials its authors counted "
    "(N = {rct_participants}), {pooled_ips_pct} with IPS vs {pooled_control_pct} with other services: a set of its "
    "own, not the trials drawn here."
)


def build_outcomes(con: duckdb.DuckDBPyConnection, settings: NoSettings | None = None) -> View:
    """Employment figures over time, coloured by what they measure, with the benchmark bands."""
    points = outcomes.label_outcomes(queries.get_outcome_points(con))
    benchmarks = queries.get_benchmarks(con)
    cited = provenance.cite(points, benchmarks)
    kinds = "; ".join(
        f"{kind}: {describe_extremes(part, 'value', 'geo_name', 'percent')}" for kind, part in points.groupby("kind")
    )
    return View(
        title=_("Employment rates where documented"),
        figure=make_outcomes_chart(points, benchmarks),
        data=points,
        cited=cited,
        alt=alt_text(_("Chart of documented employment rates by year, one colour per kind of measure"), kinds, cited),
        notes=(_(OUTCOMES_NOTE),),
        name="employment-rates",
        credits=((_("Benchmark bands"), benchmarks),) if len(benchmarks) else (),
    )


def _scope(trials) -> str:
    """Which trials drawn studied another population than the pooled result's (hover one for why)."""
    outside = trials.loc[trials["outside_pooled_scope"], "subject"].tolist()
    if not outside:
        return _("No trial drawn is known to have studied another population than {population}.").format(
            population=outcomes.pooled_population()
        )
    return _(
        "{count} of the trials drawn studied another population than the pooled trials' ({population}), so they "
        "are outside its scope (hover one for its population): {trials}."
    ).format(count=formats.number(len(outside)), population=outcomes.pooled_population(), trials="; ".join(outside))


def build_trials(con: duckdb.DuckDBPyConnection, settings: TrialsSettings) -> View:
    """Each trial's IPS and control employment, in the chosen order, with the pooled result."""
    trials = outcomes.sort_trials(outcomes.mark_scope(queries.get_trials(con)), settings.sort)
    figures = key_figures.resolve(con, ["pooled_ips_pct", "pooled_control_pct"])
    label, label_cited = key_figures.fill(con, _(POOLED))
    note, note_cited = key_figures.fill(con, _(TRIALS_NOTE))
    ips, control = figures["pooled_ips_pct"], figures["pooled_control_pct"]
    source = ips.rows["source_short"].iloc[0]
    figure = make_trials_chart(trials, (ips.value, control.value, label, source))
    trial_rows = queries.get_trial_values(con)
    trial_rows = trial_rows[trial_rows["subject"].isin(trials["subject"])]
    cited = provenance.cite(trial_rows, ips.rows, control.rows, label_cited, note_cited)
    largest = trials.loc[trials["participants"].idxmax()] if trials["participants"].notna().any() else None
    count, low, high = formats.number(len(trials)), trials["ips_pct"].min(), trials["ips_pct"].max()
    low, high = formats.number(low, decimals=0), formats.percent(high, decimals=0)
    if largest is not None:
        detail = _(
            "{count} trials; IPS employment ranged {low}–{high}; the largest, {trial} (N={participants}), {ips} vs "
            "{control}"
        ).format(
            count=count,
            low=low,
            high=high,
            trial=largest["subject"],
            participants=formats.number(largest["participants"], decimals=0),
            ips=formats.percent(largest["ips_pct"], decimals=0),
            control=formats.percent(largest["control_pct"], decimals=0),
        )
    else:
        detail = _("{count} trials; IPS employment ranged {low}–{high}").format(count=count, low=low, high=high)
    each = _("{count} individual trials from the sources, each with its own follow-up.").format(count=count)
    return View(
        title=_("The trial evidence"),
        figure=figure,
        data=trials,
        cited=cited,
        notes=(f"{each} {note}", _scope(trials)),
        alt=alt_text(_("Dumbbell chart of employment with IPS and with other services in each trial"), detail, cited),
        name="trials",
    )

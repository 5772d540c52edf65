"""Evidence views: documented employment rates by what they measure, and every trial's result."""

from __future__ import annotations

import duckdb

from ipsdash.domain import outcomes, provenance
from ipsdash.figures.evidence_charts import make_outcomes_chart, make_trials_chart
from ipsdash.store import key_figures, queries
from ipsdash.views.base import View, alt_text, describe_extremes
from ipsdash.views.settings import NoSettings, TrialsSettings

OUTCOMES_NOTE = (
    "IPS results are reported in different ways: a share working in a quarter, a share ever employed during a "
    "trial, employment or education. Each kind has its own colour here and is never averaged with another."
)
POOLED = "Pooled, {rct_count} trials"
TRIALS_NOTE = (
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
        title="Employment rates where documented",
        figure=make_outcomes_chart(points, benchmarks),
        data=points,
        cited=cited,
        alt=alt_text("Chart of documented employment rates by year, one colour per kind of measure", kinds, cited),
        notes=(OUTCOMES_NOTE,),
        name="employment-rates",
        credits=(("Benchmark bands", benchmarks),) if len(benchmarks) else (),
    )


def _scope(trials) -> str:
    """Which trials drawn studied another population than the pooled result's (hover one for why)."""
    outside = trials.loc[trials["outside_pooled_scope"], "subject"].tolist()
    if not outside:
        return f"No trial drawn is known to have studied another population than {outcomes.POOLED_POPULATION}."
    return (
        f"{len(outside)} of the trials drawn studied another population than the pooled trials' "
        f"({outcomes.POOLED_POPULATION}), so they are outside its scope (hover one for its population): "
        + "; ".join(outside)
        + "."
    )


def build_trials(con: duckdb.DuckDBPyConnection, settings: TrialsSettings) -> View:
    """Each trial's IPS and control employment, in the chosen order, with the pooled result."""
    trials = outcomes.sort_trials(outcomes.mark_scope(queries.get_trials(con)), settings.sort)
    figures = key_figures.resolve(con, ["pooled_ips_pct", "pooled_control_pct"])
    label, label_cited = key_figures.fill(con, POOLED)
    note, note_cited = key_figures.fill(con, TRIALS_NOTE)
    ips, control = figures["pooled_ips_pct"], figures["pooled_control_pct"]
    source = ips.rows["source_short"].iloc[0]
    figure = make_trials_chart(trials, (ips.value, control.value, label, source))
    trial_rows = queries.get_trial_values(con)
    trial_rows = trial_rows[trial_rows["subject"].isin(trials["subject"])]
    cited = provenance.cite(trial_rows, ips.rows, control.rows, label_cited, note_cited)
    largest = trials.loc[trials["participants"].idxmax()] if trials["participants"].notna().any() else None
    detail = f"{len(trials)} trials; IPS employment ranged {trials['ips_pct'].min():.0f}–{trials['ips_pct'].max():.0f}%"
    if largest is not None:
        detail += f"; the largest, {largest['subject']} (N={largest['participants']:,.0f}), "
        detail += f"{largest['ips_pct']:.0f}% vs {largest['control_pct']:.0f}%"
    return View(
        title="The trial evidence",
        figure=figure,
        data=trials,
        cited=cited,
        notes=(
            f"{len(trials)} individual trials from the sources, each with its own follow-up. {note}",
            _scope(trials),
        ),
        alt=alt_text("Dumbbell chart of employment with IPS and with other services in each trial", detail, cited),
        name="trials",
    )

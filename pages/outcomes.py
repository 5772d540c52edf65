"""Outcomes: documented employment rates by what they measure, benchmarks, and the trial evidence."""

import streamlit as st

from ipsdash import figures, outcomes, queries, ui

ui.use_app_navigation()

st.title("Employment outcomes")
st.markdown(
    "IPS results are reported in different ways: a share working in a quarter, a share ever employed "
    "during a trial, employment *or* education. Each kind has its own colour here and is never averaged "
    "with another."
)

st.header("Employment rates where documented")
points = outcomes.label_outcomes(ui.query(queries.get_outcome_points))
benchmarks = ui.query(queries.get_benchmarks)
st.plotly_chart(figures.make_outcomes_chart(points, benchmarks), key="outcomes_chart")
ui.source_caption(points)
if len(benchmarks):
    ui.source_caption(benchmarks, "Benchmark bands")
ui.download_csv(points, "ipsdash-employment-rates.csv", "Download these employment figures (CSV)")

st.header("The trial evidence")
trials = ui.query(queries.get_trials)
pooled = ui.query(
    queries.get_values_by_key,
    keys=[
        ("WLD", "pooled_ips_employment_pct", 2020, "bond2020_update"),
        ("WLD", "pooled_control_employment_pct", 2020, "bond2020_update"),
    ],
)
order = ui.url_choice("Sort trials by", outcomes.TRIAL_SORTS, "sort", "difference", horizontal=True)
figure = figures.make_trials_chart(
    outcomes.sort_trials(trials, order),
    (pooled["value"].iloc[0], pooled["value"].iloc[1], pooled["source_short"].iloc[0]),
)
st.plotly_chart(figure, key="trials_chart")
st.caption(
    f"{len(trials)} individual trials from the sources, each with its own follow-up. Hollow markers: the trial "
    "measured employment or education, or steady employment, not any competitive job. Dashed lines: the pooled "
    "result of 28 trials (N = 6,468), 55% vs 25%."
)
ui.source_caption(trials.assign(source_short=trials["source_short"].fillna(trials["source_id"])))
ui.source_caption(pooled, "Pooled result")
ui.download_csv(trials, "ipsdash-trials.csv", "Download the trials (CSV)")

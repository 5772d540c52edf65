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
order = ui.url_choice("Sort trials by", outcomes.TRIAL_SORTS, "sort", "difference", horizontal=True)
figure, trials, cited = ui.trials_figure(order)
st.plotly_chart(figure, key="trials_chart")
st.caption(
    f"{len(trials)} individual trials from the sources, each with its own follow-up. Hollow markers: the trial "
    "measured employment or education, or steady employment, not any competitive job. Dashed lines: the pooled "
    "result of 28 trials (N = 6,468), 55% vs 25%."
)
ui.source_caption(cited)
ui.download_csv(trials, "ipsdash-trials.csv", "Download the trials (CSV)")

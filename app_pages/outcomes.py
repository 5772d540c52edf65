"""Outcomes: documented employment rates by what they measure, benchmarks, and the trial evidence."""

import streamlit as st

from ipsdash.ui import boot, captions, url_state
from ipsdash.views import evidence, settings

st.title("Employment outcomes")

rates = boot.query(evidence.build_outcomes)
st.header(rates.title)
captions.render_view(rates, "outcomes_chart")

st.header("The trial evidence")
asked, problems = settings.parse_trials(url_state.params(["sort"]))
url_state.show_problems(problems)
order = url_state.choice("Sort trials by", settings.TRIAL_SORTS, "sort", asked.sort, "difference", horizontal=True)
captions.render_view(boot.query(evidence.build_trials, settings.TrialsSettings(order)), "trials_chart")

"""Outcomes: documented employment rates by what they measure, benchmarks, and the trial evidence."""

import streamlit as st

from ipsdash.i18n import _
from ipsdash.ui import boot, captions, url_state
from ipsdash.views import evidence, settings

st.title(_("Employment outcomes"))

rates = boot.query(evidence.build_outcomes)
st.header(rates.title)
captions.render_view(rates, "outcomes_chart")

st.header(_("The trial evidence"))
asked, problems = settings.parse_trials(url_state.params(["sort"]))
url_state.show_problems(problems)
sorts = url_state.translated(settings.TRIAL_SORTS)
order = url_state.choice(_("Sort trials by"), sorts, "sort", asked.sort, "difference", horizontal=True)
captions.render_view(boot.query(evidence.build_trials, settings.TrialsSettings(order)), "trials_chart")

"""Home: what IPS is, the headline figures with their sources, and where to go next."""

import streamlit as st

from ipsdash.store import key_figures
from ipsdash.ui import boot, captions, cards
from ipsdash.views import headlines as figures
from ipsdash.views.settings import FiguresSettings

INTRO = (
    "**Individual Placement and Support (IPS)** helps people with serious mental illness find and keep ordinary "
    "jobs of their choosing, with employment specialists working inside mental health teams. Developed in the USA, "
    "it has been tested in {rct_count} randomised trials and had spread to {countries_with_ips} "
    "countries by 2020; this dashboard shows where, since when and how much, with the source of every number."
)
CARDS = (
    "countries_with_ips",
    "us_programmes_2019",
    "us_lc_programmes_2019",
    "us_lc_teams_2020",
    "us_programmes_2020_estimate",
    "pooled_ips_vs_control",
)

st.title("Individual Placement and Support worldwide")
intro, cited = boot.query(key_figures.fill, INTRO)  # the template is ours; the numbers come from the store
st.markdown(intro)
captions.source_caption(cited, key="intro")
st.header("Headline figures", divider="gray")
cards.figure_cards(boot.query(figures.build, FiguresSettings(CARDS)))

st.header("Explore")
st.page_link("app_pages/map.py", label="Adoption map: where IPS is and since when, world, Europe and US states")
st.page_link("app_pages/growth.py", label="Growth: trends, adoption curves, learning community vs outside")
st.page_link("app_pages/outcomes.py", label="Outcomes: employment rates by what they measure, and every trial")
st.page_link("app_pages/fidelity.py", label="Fidelity: how closely programmes follow the model, and employment")
st.page_link("app_pages/sources.py", label="Sources and data: every value, its citation, and downloads")
st.page_link("app_pages/present.py", label="Present: the talk track for the annual meeting, stepped with a clicker")

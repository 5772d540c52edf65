"""Home: what IPS is, the headline figures with their sources, and where to go next."""

import streamlit as st

from ipsdash.i18n import N_, _
from ipsdash.store import key_figures
from ipsdash.ui import boot, captions, cards, url_state
from ipsdash.views import headlines as figures
from ipsdash.views.settings import FiguresSettings

INTRO = N_(
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

st.title(_("Individual Placement and Support worldwide"))
intro, cited = boot.query(key_figures.fill, _(INTRO))  # the template is ours; the numbers come from the store
st.markdown(intro)
captions.source_caption(cited, key="intro")
st.header(_("Headline figures"), divider="gray")
cards.figure_cards(boot.query(figures.build, FiguresSettings(CARDS)))

st.header(_("Explore"))
for page, label in (
    ("app_pages/map.py", _("Adoption map: where IPS is and since when, world, Europe and US states")),
    ("app_pages/growth.py", _("Growth: trends, adoption curves, learning community vs outside")),
    ("app_pages/outcomes.py", _("Outcomes: employment rates by what they measure, and every trial")),
    ("app_pages/fidelity.py", _("Fidelity: how closely programmes follow the model, and employment")),
    ("app_pages/sources.py", _("Sources and data: every value, its citation, and downloads")),
    # TRANSLATORS: "Present" is the verb (give a talk), the name of the presenter mode's page.
    ("app_pages/present.py", _("Present: the talk track for the annual meeting, stepped with a clicker")),
):
    st.page_link(page, label=label, query_params=url_state.with_lang())

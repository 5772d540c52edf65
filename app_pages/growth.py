"""Growth trends: filter, compare and model how IPS grew; every series honest about what it counts."""

import streamlit as st

from ipsdash.i18n import N_, _
from ipsdash.ui import boot, captions, growth_panels, url_state
from ipsdash.views import growth, settings

st.title(_("How IPS grew"))
# Lazy tabs bound to the URL (?tab=...): only the open tab runs, and a link reopens the same tab. The page
# opens on how many countries and states took IPS up; a link with trend settings opens on its trend.
# Decided on the first run only: the tabs' default is part of their identity, and a default that changed when
# a bad parameter left the URL would reset them to the other tab under the viewer.
asks_for_a_trend = st.session_state.setdefault("growth_opens_on_trend", bool(url_state.params(settings.GROWTH_PARAMS)))
# The URL keeps the English keys (?tab=Trends opens Trends in every language); the tabs show the labels.
TABS = {
    "Adoption curves": N_("Adoption curves"),
    "Trends": N_("Trends"),
    "Learning community vs outside": N_("Learning community vs outside"),
}
curves, trends, community = url_state.tabs(
    url_state.translated(TABS), "tab", "Trends" if asks_for_a_trend else "Adoption curves"
)

if trends.open:
    with trends:
        options = boot.query(growth.options)
        asked, problems = settings.parse_growth(url_state.params(settings.GROWTH_PARAMS), options)
        chosen = growth_panels.growth_controls(options, asked, problems)
        view = boot.query(growth.build, chosen)
        captions.render_view(view, "growth_chart", data=False)
        # Lazy: the table and the statistics run (and draw) only when asked for.
        details = {"The data drawn": N_("The data drawn"), "Growth statistics": N_("Growth statistics")}
        data_tab, stats_tab = url_state.tabs(url_state.translated(details), "detail", "The data drawn")
        if data_tab.open:
            with data_tab:
                captions.data_contents(view, "growth", table_on_request=True)  # this tab is open by default
        if stats_tab.open:
            with stats_tab:
                growth_panels.growth_statistics(view.data, chosen.geo)

if curves.open:
    with curves:
        captions.render_view(boot.query(growth.build_adoption_curves), "adoption_curve")

if community.open:
    with community:
        comparison = boot.query(growth.build_lc_comparison)
        captions.render_view(comparison, "lc_chart", data=False)
        growth_panels.lc_table(comparison)

"""Fidelity: programme fidelity against employment, the published correlations, and one programme's story."""

import streamlit as st

from ipsdash.i18n import _
from ipsdash.ui import boot, captions, fidelity_panels, identity, url_state
from ipsdash.views import fidelity, settings

st.title(_("Fidelity and employment"))
viewer = identity.current_viewer()
options = boot.query(fidelity.options, viewer)
asked, problems = settings.parse_fidelity(url_state.params(["scale", "geo", "year"]), options)
url_state.show_problems(problems)
identity.log_refused_link(viewer, problems)  # e.g. ?geo=NLD from a Connecticut lead

revealed = boot.query(fidelity.reveals, viewer)  # filters could single a programme out
geo_col, scale_col, year_col = st.columns([3, 1, 2])
with scale_col:
    scale = url_state.choice(_("Scale"), options.scales, "scale", asked.scale, settings.default_scale(options.scales))
geo, year = (), None
if revealed:
    with geo_col:
        geo = url_state.choices(_("Areas"), options.geos, "geo", asked.geo)
    with year_col:
        year = url_state.year(_("Latest review up to"), options.years, "year", asked.year, key="fidelity_year")

view = boot.query(fidelity.build, settings.FidelitySettings(scale, geo, year, viewer=viewer))
if view.synthetic:
    fidelity_panels.synthetic_banner()
chart, published = st.columns([3, 1.3])
with chart:
    captions.render_view(view, "fidelity_scatter")
with published:
    fidelity_panels.published_findings(view.published)

own = view.data.dropna(subset=["programme_id"]) if "programme_id" in view.data else view.data.iloc[:0]
if len(own):  # the viewer's programmes, not the pooled groups
    st.header(_("One programme over time"))
    # TRANSLATORS: a programme's name and its area: "Riverside IPS (Connecticut)".
    named = _("{programme} ({area})")
    labels = {
        pid: named.format(programme=name, area=area)
        for pid, name, area in zip(own["programme_id"], own["name"], own["geo_name"], strict=True)
    }
    chosen = st.selectbox(
        _("Programme"), list(labels), format_func=labels.get, key="programme", placeholder=_("Choose an option")
    )
    captions.render_view(boot.query(fidelity.build_programme, chosen, labels[chosen], viewer), "programme_history")

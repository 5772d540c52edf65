"""Fidelity: programme fidelity against employment, the published correlations, and one programme's story."""

import streamlit as st

from ipsdash.ui import boot, captions, fidelity_panels, identity, url_state
from ipsdash.views import fidelity, settings

st.title("Fidelity and employment")
viewer = identity.current_viewer()
options = boot.query(fidelity.options, viewer)
asked, problems = settings.parse_fidelity(url_state.params(["scale", "geo", "year"]), options)
url_state.show_problems(problems)
identity.log_refused_link(viewer, problems)  # e.g. ?geo=NLD from a Connecticut lead

revealed = boot.query(fidelity.reveals, viewer)  # filters could single a programme out
geo_col, scale_col, year_col = st.columns([3, 1, 2])
with scale_col:
    scale = url_state.choice("Scale", options.scales, "scale", asked.scale, settings.default_scale(options.scales))
geo, year = (), None
if revealed:
    with geo_col:
        geo = url_state.choices("Areas", options.geos, "geo", asked.geo)
    with year_col:
        year = url_state.year("Latest review up to", options.years, "year", asked.year, key="fidelity_year")

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
    st.header("One programme over time")
    labels = dict(zip(own["programme_id"], own["name"] + " (" + own["geo_name"] + ")", strict=True))
    chosen = st.selectbox("Programme", list(labels), format_func=labels.get, key="programme")
    captions.render_view(boot.query(fidelity.build_programme, chosen, labels[chosen], viewer), "programme_history")

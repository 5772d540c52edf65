"""Fidelity: programme fidelity against employment, the published correlations, and one programme's story."""

import streamlit as st

from ipsdash import figures, queries, stats, ui

ui.use_app_navigation()

st.title("Fidelity and employment")
filters = ui.query(queries.get_fidelity_filters)
ui.synthetic_banner(filters["synthetic"])

geo_col, scale_col, year_col = st.columns([3, 1, 2])
with geo_col:
    geo_codes = ui.url_multiselect("Areas", filters["geo"], "geo")
with scale_col:
    scales = {s: s for s in filters["scales"]["scale"]}
    scale = ui.url_choice("Scale", scales, "scale", "IPS-25" if "IPS-25" in scales else next(iter(scales)))
with year_col:
    years = filters["years"]["year"].tolist()
    year = st.select_slider("Latest review up to", years, value=ui.url_int("year", years[-1], years[0], years[-1]))
    ui.set_url_param("year", year if year != years[-1] else None)

points = ui.query(queries.get_fidelity_points, scale=scale, geo_codes=geo_codes, year=year)
fit = stats.fit_line(points["total_score"], points["employment_rate_pct"])
chart, published = st.columns([3, 1.3])
with chart:
    bands = ui.query(queries.get_fidelity_bands, scale=scale)
    synthetic = bool(points["is_synthetic"].any())
    st.plotly_chart(figures.make_fidelity_scatter(points, bands, fit, scale, synthetic), key="fidelity_scatter")
    st.caption(
        "Each dot is a programme: its latest review on this scale, and the share of its clients working over "
        "the review's quarter and two quarters either side. Shaded: fidelity bands (uncited cut-points say so)."
    )
    ui.source_caption(bands[bands["source_id"] != ""], "Fidelity bands")
with published:
    ui.published_correlations(ui.query(queries.get_published_correlations))

st.header("One programme over time")
labels = dict(zip(points["programme_id"], points["name"] + " (" + points["geo_name"] + ")", strict=True))
if labels:
    chosen = st.selectbox("Programme", list(labels), format_func=labels.get, key="programme")
    st.plotly_chart(
        figures.make_programme_history(ui.query(queries.get_programme_history, programme_id=chosen)),
        key="programme_history",
    )
ui.download_csv(points, f"ipsdash-fidelity-{scale}.csv", "Download the programme points (CSV)")

"""Sources: every source and how many values cite it; every value, filterable and downloadable."""

import streamlit as st

from ipsdash.store import queries
from ipsdash.ui import boot, captions, sources_panels, url_state
from ipsdash.views import settings

st.title("Sources and data")
st.markdown(
    "Every number in ipsdash comes from a cited document and names the section it stands in. "
    "Filter the values, check them against their sources, and download exactly what you see."
)

options = boot.query(queries.get_filter_options)
labels = {
    name: dict(zip(frame["value"], frame["label"], strict=True)) for name, frame in options.items() if name != "years"
}
lo, hi = (int(v) for v in options["years"].iloc[0])
read = settings.Reader(url_state.params(["geo", "metric", "source", "qualifier", "from", "to"]))
asked = {name: read.choices(name, labels[name]) for name in labels}
start, end = read.span(lo, hi)
url_state.show_problems(read.problems)
values_tab, milestones_tab, sources_tab = st.tabs(["Values", "Milestones", "Sources"])

with values_tab:
    text = url_state.text("Search", "q", placeholder="e.g. Netherlands, EQOLISE, fidelity")
    left, middle, right = st.columns(3)
    with left:
        geo_codes = url_state.choices("Geography", labels["geo"], "geo", asked["geo"])
    with middle:
        metrics = url_state.choices("Measure", labels["metric"], "metric", asked["metric"])
    with right:
        source_ids = url_state.choices("Source", labels["source"], "source", asked["source"])
    left, right = st.columns([3, 1])
    with left:
        year_range = url_state.year_range("Years", lo, hi, (start, end), key="sources_years")
    with right:
        qualifiers = url_state.choices("Qualifier", labels["qualifier"], "qualifier", asked["qualifier"])
    include_undated = st.checkbox("Include values the source does not date", value=True)
    found = boot.query(
        queries.get_observations,
        geo_codes=list(geo_codes),
        metrics=list(metrics),
        source_ids=list(source_ids),
        qualifiers=list(qualifiers),
        year_range=year_range,
        include_undated=include_undated,
        text=text,
    )
    st.markdown(f"**{len(found)}** values match.")
    captions.values_table(found, height=480)
    captions.download_csv(found, "ipsdash-values.csv", f"Download these {len(found)} values (CSV)")

with milestones_tab:
    sources_panels.milestones_table(boot.query(queries.get_milestones))

with sources_tab:
    sources_panels.sources_table(boot.query(queries.get_sources))

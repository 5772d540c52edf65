"""Home: what IPS is, the headline figures with their sources, and where to go next."""

import streamlit as st

from ipsdash import queries, ui
from ipsdash.formatting import format_value

ui.use_app_navigation()

st.title("Individual Placement and Support worldwide")
st.markdown(
    "**Individual Placement and Support (IPS)** helps people with serious mental illness find and keep "
    "ordinary jobs of their choosing, with employment specialists working inside mental health teams. "
    "Developed in the USA around 1990, it has been tested in 28 randomised trials and has spread to "
    "20 countries; this dashboard shows where, since when and how much, with the source of every number."
)

all_keys = [key for headline in queries.HEADLINES for key in headline.keys]
values = ui.query(queries.get_values_by_key, keys=all_keys)
columns = st.columns(3)
for index, headline in enumerate(queries.HEADLINES):
    rows = values.iloc[[all_keys.index(key) for key in headline.keys]]
    shown = " vs ".join(format_value(r.value, r.unit, r.qualifier) for r in rows.itertuples())
    first = rows.iloc[0]
    with columns[index % 3], st.container(border=True):
        st.metric(headline.label, shown, help=f"{first.citation} — {first.locator}. {first.note}")
        st.caption(headline.caption)
        ui.source_page_link(first.source_id, first.source_short, first.locator)

st.subheader("Explore")
st.page_link("pages/map.py", label="Adoption map: where IPS is and since when, world, Europe and US states")
st.page_link("pages/growth.py", label="Growth: trends, adoption curves, learning community vs outside")
st.page_link("pages/outcomes.py", label="Outcomes: employment rates by what they measure, and every trial")
st.page_link("pages/fidelity.py", label="Fidelity: how closely programmes follow the model, and employment")
st.page_link("pages/sources.py", label="Sources and data: every value, its citation, and downloads")
st.page_link("pages/present.py", label="Present: the talk track for the annual meeting, stepped with a clicker")
st.caption(
    "US programme counts measure different things (all programmes, learning-community programmes, "
    "learning-community teams, an estimate including veterans' services) and are never joined into one series."
)

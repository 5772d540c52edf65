"""Sources: every source and how many values cite it; every value, filterable and downloadable."""

import streamlit as st

from ipsdash.i18n import _, ngettext
from ipsdash.i18n.formats import number
from ipsdash.store import queries
from ipsdash.ui import boot, captions, sources_panels, url_state
from ipsdash.views import settings

st.title(_("Sources and data"))
st.markdown(
    _(
        "Every number in ipsdash comes from a cited document and names the section it stands in. "
        "Filter the values, check them against their sources, and download exactly what you see."
    )
)
captions.as_written_caption()

options = boot.query(queries.get_filter_options)
labels = {
    name: dict(zip(frame["value"], frame["label"], strict=True)) for name, frame in options.items() if name != "years"
}
lo, hi = (int(v) for v in options["years"].iloc[0])
read = settings.Reader(url_state.params(["geo", "metric", "source", "qualifier", "from", "to"]))
asked = {name: read.choices(name, labels[name]) for name in labels}
start, end = read.span(lo, hi)
url_state.show_problems(read.problems)
values_tab, milestones_tab, sources_tab = st.tabs([_("Values"), _("Milestones"), _("Sources")])

with values_tab:
    text = url_state.text(_("Search"), "q", placeholder=_("e.g. Netherlands, EQOLISE, fidelity"))
    left, middle, right = st.columns(3)
    with left:
        geo_codes = url_state.choices(_("Geography"), labels["geo"], "geo", asked["geo"])
    with middle:
        metrics = url_state.choices(_("Measure"), labels["metric"], "metric", asked["metric"])
    with right:
        source_ids = url_state.choices(_("Source"), labels["source"], "source", asked["source"])
    left, right = st.columns([3, 1])
    with left:
        year_range = url_state.year_range(_("Years"), lo, hi, (start, end), key="sources_years")
    with right:
        qualifiers = url_state.choices(_("Qualifier"), labels["qualifier"], "qualifier", asked["qualifier"])
    include_undated = st.checkbox(_("Include values the source does not date"), value=True)
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
    shown = number(len(found))
    st.markdown(ngettext("**{count}** values match.", "**{count}** values match.", len(found)).format(count=shown))
    captions.values_table(found, height=480)
    captions.download_csv(
        found,
        "ipsdash-values.csv",
        ngettext("Download these {count} values (CSV)", "Download these {count} values (CSV)", len(found)).format(
            count=shown
        ),
    )

with milestones_tab:
    sources_panels.milestones_table(boot.query(queries.get_milestones))

with sources_tab:
    sources_panels.sources_table(boot.query(queries.get_sources))

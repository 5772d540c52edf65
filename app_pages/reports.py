"""Reports: the quarterly comparison report of a region or of a lead's programmes, on screen and as a pack."""

import streamlit as st

from ipsdash.i18n import _
from ipsdash.ui import report_panels, report_scope
from ipsdash.views import report

st.title(_("Quarterly comparison reports"))
access = report_scope.viewer_scope()
if access is None:
    st.stop()
st.markdown(
    _(
        "A report compares the chosen region's programmes with the IPS Employment Center's benchmark bands, the "
        "pooled learning community and the other programmes of the same places (unnamed unless they are in your "
        "scope), ranks them "
        "within the locality and across localities, follows fidelity over time and says what changed since the "
        "quarter before. Every number names the import it came from."
    )
)
data = report_panels.report_data()
chosen = report_panels.choose(data, access)
if chosen is not None:
    report_panels.show(report.build(data, *chosen))

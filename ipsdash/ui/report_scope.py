"""Who may see which comparison reports: the one seam between the Reports page and sign-in.

A signed-in viewer reports on their own scope (lc_staff: every region; region_lead: their region codes;
programme_lead: their programme ids); someone signed in without a scope is told so. On a laptop with no
identity provider the admin password (ui/admin.py) is the offline fallback, and its session acts as
learning-community staff.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ipsdash.i18n import _
from ipsdash.ui import admin, identity


@dataclass(frozen=True)
class ReportAccess:
    """What this viewer may report on: every region (`everything`), or these regions and programmes."""

    everything: bool
    geo_codes: frozenset[str] = frozenset()
    programme_ids: frozenset[str] = frozenset()


def viewer_scope() -> ReportAccess | None:
    """The current viewer's reporting scope, or None (after saying why) when there is none."""
    if not identity.sign_in_configured():
        return ReportAccess(everything=True) if admin.admin_unlocked() else None
    viewer = identity.current_viewer()
    if viewer.is_public:
        st.info(_("Reports are for signed-in leads and staff whose entry in the access file gives them a scope."))
        return None
    return ReportAccess(viewer.sees_everything, frozenset(viewer.geos), frozenset(viewer.programmes))

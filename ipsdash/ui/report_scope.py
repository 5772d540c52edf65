"""Who may see which comparison reports: the one seam between the Reports page and sign-in.

Until signing in (issue 21 part 1) lands, the only door is the offline fallback: the admin password
(ui/admin.py), whose session acts as learning-community staff and may report on every region. On merge,
`viewer_scope` reads the signed-in Viewer instead (lc_staff: everything; region_lead: their region
codes; programme_lead: their programme ids); nothing else on the page changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipsdash.ui import admin


@dataclass(frozen=True)
class ReportAccess:
    """What this viewer may report on: every region (`everything`), or these regions and programmes."""

    everything: bool
    geo_codes: frozenset[str] = frozenset()
    programme_ids: frozenset[str] = frozenset()


def viewer_scope() -> ReportAccess | None:
    """The current viewer's reporting scope, or None (after asking for the admin password) when there is none."""
    if not admin.admin_unlocked():
        return None
    return ReportAccess(everything=True)

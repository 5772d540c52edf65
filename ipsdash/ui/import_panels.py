"""The Import page's panels: a file's problems, and its quality report before it is confirmed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from ipsdash import i18n
from ipsdash.config import DATA_DIR
from ipsdash.domain import quality
from ipsdash.i18n import _, ngettext
from ipsdash.i18n.formats import number
from ipsdash.pipeline import importer, manifest
from ipsdash.ui.text import escape_markdown


def checked(path: Path, kind: str, name: str, viewer, in_scope=None) -> quality.QualityReport:
    """The file's quality report (or its ImportRejected / ImportFailed, raised), checked once per file, kind,
    viewer and state of the stored imports: a widget change does not check a large file again. `in_scope`:
    which programmes this viewer may import (importer.check_file)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    key = (kind, digest, viewer, manifest.digest(manifest.read_bytes(DATA_DIR)), i18n.current())  # words: a language
    kept = st.session_state.get("_import_check")
    if kept is None or kept[0] != key:
        try:
            outcome = importer.check_file(path, kind, original_name=name, in_scope=in_scope)
        except (importer.ImportRejected, importer.ImportFailed) as err:
            outcome = err
        kept = (key, outcome)
        st.session_state["_import_check"] = kept
    if isinstance(kept[1], Exception):
        raise kept[1]
    return kept[1]


def quality_report(report: quality.QualityReport) -> None:
    """Each check with how many findings, and the findings as a table (cell text shown as text)."""
    if report.quarter:
        what = ngettext(
            "Checked against the stored data ({count} rows, latest quarter {quarter}). Nothing has been imported yet.",
            "Checked against the stored data ({count} rows, latest quarter {quarter}). Nothing has been imported yet.",
            report.rows,
        )
    else:
        what = ngettext(
            "Checked against the stored data ({count} rows). Nothing has been imported yet.",
            "Checked against the stored data ({count} rows). Nothing has been imported yet.",
            report.rows,
        )
    st.subheader(_("Quality check"))
    st.markdown(what.format(count=number(report.rows), quarter=report.quarter))
    for check, found in report.by_check().items():
        label = escape_markdown(quality.check_label(check), limit=300)
        # TRANSLATORS: a quality check and how many findings it has, e.g. "Skipped quarters: 3".
        title = _("{check}: {count}").format(check=label, count=number(len(found)))
        with st.expander(title, expanded=bool(found) and len(found) <= 20):
            if found:
                rows = [(f.programme_id, f.when, f.message) for f in found[: quality.MAX_LISTED]]
                frame = pd.DataFrame(rows, columns=["Programme", "Quarter or date", "What to look at"])
                headers = {"Programme": _("Programme"), "Quarter or date": _("Quarter or date")}
                headers["What to look at"] = _("What to look at")
                st.dataframe(frame, hide_index=True, width="stretch", column_config=headers)
            else:
                st.markdown(_("Nothing found."))
    with st.expander(_("Thresholds and why")):
        reasons = pd.DataFrame(
            [(name, t.value, _(t.reason)) for name, t in quality.THRESHOLDS.items()],
            columns=["Threshold", "Value", "Why"],
        )
        headers = {"Threshold": _("Threshold"), "Value": _("Value"), "Why": _("Why")}
        st.dataframe(reasons, hide_index=True, width="stretch", column_config=headers)

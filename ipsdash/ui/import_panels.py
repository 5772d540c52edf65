"""The Import page's panels: a file's problems, and its quality report before it is confirmed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from ipsdash.config import DATA_DIR
from ipsdash.domain import quality
from ipsdash.pipeline import importer, manifest
from ipsdash.ui.text import escape_markdown


def checked(path: Path, kind: str, name: str, viewer, in_scope=None) -> quality.QualityReport:
    """The file's quality report (or its ImportRejected / ImportFailed, raised), checked once per file, kind,
    viewer and state of the stored imports: a widget change does not check a large file again. `in_scope`:
    which programmes this viewer may import (importer.check_file)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    key = (kind, digest, viewer, manifest.digest(manifest.read_bytes(DATA_DIR)))
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
    what = f"{report.rows:,} rows" + (f", latest quarter {report.quarter}" if report.quarter else "")
    st.subheader("Quality check")
    st.markdown(f"Checked against the stored data ({what}). Nothing has been imported yet.")
    for check, found in report.by_check().items():
        label = escape_markdown(quality.check_label(check), limit=300)
        with st.expander(f"{label}: {len(found):,}", expanded=bool(found) and len(found) <= 20):
            if found:
                rows = [(f.programme_id, f.when, f.message) for f in found[: quality.MAX_LISTED]]
                frame = pd.DataFrame(rows, columns=["Programme", "Quarter or date", "What to look at"])
                st.dataframe(frame, hide_index=True, width="stretch")
            else:
                st.markdown("Nothing found.")
    with st.expander("Thresholds and why"):
        reasons = pd.DataFrame(
            [(name, t.value, t.reason) for name, t in quality.THRESHOLDS.items()], columns=["Threshold", "Value", "Why"]
        )
        st.dataframe(reasons, hide_index=True, width="stretch")

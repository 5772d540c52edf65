"""Import (admins only): a coordinator loads real programme outcomes or fidelity reviews, safely."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from ipsdash.intake import contract
from ipsdash.pipeline import importer
from ipsdash.ui import admin
from ipsdash.ui.text import escape_markdown

st.title("Import programme data")
if not admin.admin_unlocked():
    st.stop()

st.markdown(
    "Fill in a template in a spreadsheet, save it as CSV (UTF-8) or XLSX, and import it here. The whole file is "
    "checked first: if any row has a problem, nothing is imported and every problem is listed by row and column. "
    "Imported files are kept under `data/imports/` so the store can always be rebuilt; importing the same file "
    "twice adds nothing. Real programme data replaces the demonstration set. Programme data is confidential: "
    "the public pages show programmes only when the file is marked public, otherwise groups of programmes."
)
kinds = {"outcomes": "Quarterly outcomes (clients served and employed)", "fidelity": "Fidelity reviews"}
kind = st.radio("What are you importing?", list(kinds), format_func=kinds.get, horizontal=True)
st.download_button(
    f"Download the {kind} template (CSV)", contract.template(kind), f"ipsdash-{kind}-template.csv", mime="text/csv"
)
uploaded = st.file_uploader("File to import", type=["csv", "xlsx"])
replace = st.checkbox("Let rows in this file replace stored rows with the same programme and quarter or review")
public = st.checkbox("These programmes may be shown publicly (names and per-programme points)")
if uploaded is not None and st.button("Import", type="primary"):
    bar = st.progress(0.0, "Starting")
    shown_name = escape_markdown(uploaded.name, limit=80)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        path.write_bytes(uploaded.getvalue())
        try:
            result = importer.import_file(
                path,
                kind,
                replace=replace,
                public=public,
                original_name=uploaded.name,
                progress=lambda fraction, step: bar.progress(fraction, escape_markdown(step.capitalize())),
            )
        except importer.ImportFailed as err:
            bar.empty()
            st.error(f"Nothing was imported: {escape_markdown(err, limit=500)}")
        except importer.ImportRejected as err:
            bar.empty()
            shown = f" (the first {len(err.problems):,} are listed)" if err.total > len(err.problems) else ""
            st.error(f"{err.total:,} problem(s) in {shown_name}{shown}; nothing was imported. Fix these rows:")
            rows = [(p.row or None, p.column, p.message) for p in err.problems]
            st.dataframe(pd.DataFrame(rows, columns=["Row", "Column", "Problem"]), hide_index=True, width="stretch")
        else:
            (st.success if result.added else st.info)(escape_markdown(result.message, limit=300))

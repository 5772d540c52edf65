"""Import (admins only): a coordinator checks a file against the stored data, then confirms the import."""

import tempfile
from pathlib import Path

import streamlit as st

from ipsdash import errors
from ipsdash.i18n import _, ngettext
from ipsdash.i18n.formats import number
from ipsdash.intake import contract
from ipsdash.pipeline import importer
from ipsdash.ui import identity, import_panels, problems
from ipsdash.ui.text import escape_markdown

st.title(_("Import programme data"))
viewer = identity.current_viewer()
if not identity.may_import(viewer):
    st.stop()

st.markdown(
    _(
        "Fill in a template in a spreadsheet, save it as CSV (UTF-8) or XLSX, and check it here. The whole file is "
        "checked first: if any row has a problem, nothing can be imported and every problem is listed by row and "
        "column. A file without problems gets a quality report against the stored data (missing and new programmes, "
        "big changes, implausible rates, skipped quarters, conflicts) before you confirm the import. Imported files "
        "are kept under `data/imports/` so the store can always be rebuilt; importing the same file twice adds "
        "nothing. Real programme data replaces the demonstration set. Programme data is confidential: the public "
        "pages show programmes only when the file is marked public, otherwise groups of programmes."
    )
)
kinds = {"outcomes": _("Quarterly outcomes (clients served and employed)"), "fidelity": _("Fidelity reviews")}
kind = st.radio(_("What are you importing?"), list(kinds), format_func=kinds.get, horizontal=True)
templates = {
    "outcomes": _("Download the outcomes template (CSV)"),
    "fidelity": _("Download the fidelity template (CSV)"),
}
st.download_button(templates[kind], contract.template(kind), f"ipsdash-{kind}-template.csv", mime="text/csv")
uploaded = st.file_uploader(_("File to import"), type=["csv", "xlsx"])
replace = st.checkbox(_("Let rows in this file replace stored rows with the same programme and quarter or review"))
public = st.checkbox(_("These programmes may be shown publicly (names and per-programme points)"))
if uploaded is not None:
    shown_name = escape_markdown(uploaded.name, limit=80)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        path.write_bytes(uploaded.getvalue())
        try:
            report = import_panels.checked(path, kind, uploaded.name, viewer, identity.import_scope(viewer))
        except errors.UserError as err:  # refused rows, or a file that could not be read
            problems.show_error(err, _("Nothing can be imported"))
        else:
            import_panels.quality_report(report)
            confirm = ngettext(
                "Confirm: import {count} rows from {file}", "Confirm: import {count} rows from {file}", report.rows
            ).format(count=number(report.rows), file=shown_name)
            if st.button(confirm, type="primary"):
                bar = st.progress(0.0, _("Starting"))
                try:
                    result = importer.import_file(
                        path,
                        kind,
                        replace=replace,
                        public=public,
                        original_name=uploaded.name,
                        in_scope=identity.import_scope(viewer),
                        progress=lambda fraction, step: bar.progress(fraction, escape_markdown(step.capitalize())),
                    )
                except errors.UserError as err:
                    bar.empty()
                    problems.show_error(err, _("Nothing was imported"))
                else:
                    (st.success if result.added else st.info)(escape_markdown(result.message, limit=300))

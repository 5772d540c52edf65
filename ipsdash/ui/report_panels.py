"""The Reports page's pieces: the report data (cached until the store or the imports change), the choice of
scope and quarter within what the viewer may see, the report on screen, and its pack as downloads."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from ipsdash.config import DATA_DIR
from ipsdash.i18n import _
from ipsdash.outputs import report_pack
from ipsdash.pipeline import manifest
from ipsdash.pipeline.origins import row_origins
from ipsdash.ui import boot, captions
from ipsdash.ui.report_scope import ReportAccess
from ipsdash.ui.text import escape_markdown
from ipsdash.views import report


@st.cache_data(max_entries=4, show_spinner=False)
def _origins(manifest_digest: str) -> pd.DataFrame:
    return row_origins(DATA_DIR)


def report_data() -> report.ReportData:
    """The stored programme data with every row's import, read once per store and manifest."""
    origins = _origins(manifest.digest(manifest.read_bytes(DATA_DIR)))
    return boot.query(report.load, origins)


def choose(data: report.ReportData, access: ReportAccess) -> tuple[report.Scope, str] | None:
    """A region (or the viewer's programmes) and a quarter, offered only within the viewer's scope."""
    regions = [r for r in report.regions(data) if access.everything or r in access.geo_codes]
    mine = sorted(access.programme_ids & set(data.quarters["programme_id"]))
    if not regions and not mine:
        st.info(_("There is no programme data in your scope to report on."))
        return None
    left, right = st.columns([2, 1])
    with left:
        names = dict(zip(data.quarters["geo_code"], data.quarters["geo_name"], strict=True))
        # TRANSLATORS: a region's name and its code: "Connecticut (US-CT)".
        labels = {r: r if names.get(r, r) == r else _("{name} ({code})").format(name=names[r], code=r) for r in regions}
        labels["Your programmes"] = _("Your programmes")  # the option stays an English key
        choices = regions + (["Your programmes"] if mine else [])
        picked = st.selectbox(
            _("Report on"),
            choices,
            format_func=lambda c: labels.get(c, c),
            placeholder=_("Choose an option"),
            key="report_on",
        )  # options are plain text
    scope = (
        report.Scope(programme_ids=frozenset(mine))
        if picked == "Your programmes"
        else report.Scope(frozenset([picked]))
    )
    held = sorted(set(data.quarters.loc[report.in_scope(data.quarters, scope), "quarter"]), reverse=True)
    with right:
        quarter = st.selectbox(_("Quarter"), held, placeholder=_("Choose an option"), key="report_quarter")
    return scope, quarter


def show(built: report.Report) -> None:
    """Every section with its chart, notes, sources and data; then the pack as HTML and PDF downloads."""
    if built.synthetic:
        st.warning(_(report_pack.BANNER), icon=":material/science:")
    for text in built.notes:
        st.caption(escape_markdown(text, limit=2000))
    for i, view in enumerate(built.sections):
        st.subheader(escape_markdown(view.title))
        captions.render_view(view, f"report_{i}")
    name = "-".join(sorted(built.scope.geo_codes) or ["programmes"]) + f"-{built.quarter}"
    downloads = (
        (_("Download the report (HTML, opens offline)"), report_pack.report_html, "html", "text/html"),
        (_("Download the report (PDF)"), report_pack.report_pdf, "pdf", "application/pdf"),
    )
    for column, (label, write, extension, mime) in zip(st.columns(2), downloads, strict=True):
        column.download_button(
            label,
            functools.partial(write, built),
            file_name=f"ipsdash-report-{name}.{extension}",
            mime=mime,
            on_click="ignore",
        )

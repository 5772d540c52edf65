"""A comparison report as a pack: one HTML file that opens offline, and a PDF (one page a section)."""

from __future__ import annotations

import html
from pathlib import Path

from ipsdash.domain import provenance
from ipsdash.i18n import N_, _
from ipsdash.outputs import images
from ipsdash.outputs.talk_html import chart_html, page_html, source_html
from ipsdash.views.report import Report

STYLE = "section{min-height:0;page-break-after:auto}"  # a report reads down the page, unlike a talk's slides
BANNER = N_("Demonstration data: generated, not real programmes. Import real data to report on it.")


def _lead(report: Report) -> str:
    return (_(BANNER) + " " if report.synthetic else "") + " ".join(report.notes)


def report_html(report: Report, plotly_src: str | None = None) -> bytes:
    """The whole report as one HTML file that opens offline: each section's chart, notes, source line, and its
    data as a table whose rows each name the import they came from. Plotly is inlined (one self-contained
    file), or loaded from `plotly_src` beside it (a folder of packs shares one copy)."""
    parts = [f"<style>{STYLE}</style><h1>{html.escape(report.title)}</h1>"]
    if lead := _lead(report):
        parts.append(f"<p class='takeaway'>{html.escape(lead)}</p>")
    drawn = html.escape(_("The data drawn, with the import of every row"))
    for view in report.sections:
        table = view.data.to_html(index=False, border=0, escape=True, max_rows=500, na_rep="")
        notes = "".join(f"<p class='note'>{html.escape(n)}</p>" for n in view.notes)
        source = source_html(provenance.source_line(view.cited), view.cited)
        parts.append(
            f"<section aria-label='{html.escape(view.title, quote=True)}'><h2>{html.escape(view.title)}</h2>"
            f"{chart_html(view.figure, view.alt)}{notes}<p class='source'>{source}</p>"
            f"<details><summary>{drawn}</summary>"
            f"<div class='scroll'>{table}</div></details></section>"
        )
    everything = provenance.source_line(report.cited)
    line = html.escape(_("Everything above: {sources}")).format(sources=source_html(everything, report.cited))
    parts.append(f"<p class='source'>{line}</p>")
    return page_html(report.title, "".join(parts), plotly_src)


def report_pdf(report: Report) -> bytes:
    """The report as a PDF, one page a section: title, figure (tables drawn as tables), source line."""
    lead = _lead(report)
    return images.talk_pdf(
        [
            (
                view.title,
                (lead + " " if i == 0 and lead else "") + " ".join(view.notes),
                view.figure,
                (),  # the notes are in the line under the title
                provenance.source_line(view.cited, locators=False),
            )
            for i, view in enumerate(report.sections)
        ]
    )


PLOTLY_FILE = "plotly.min.js"


def write_plotly(folder: Path) -> Path:
    """Plotly's script, once, into a folder of packs written with plotly_src=PLOTLY_FILE."""
    from plotly.offline import get_plotlyjs

    path = folder / PLOTLY_FILE
    path.write_text(get_plotlyjs(), encoding="utf-8")
    return path


def write_pack(
    report: Report, html_path: Path | None, pdf_path: Path | None, plotly_src: str | None = None
) -> list[Path]:
    """Write the pack's files (either may be None); returns what was written."""
    written = []
    if html_path is not None:
        html_path.write_bytes(report_html(report, plotly_src))
        written.append(html_path)
    if pdf_path is not None:
        pdf_path.write_bytes(report_pdf(report))
        written.append(pdf_path)
    return written

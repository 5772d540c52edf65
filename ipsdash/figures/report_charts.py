"""The quarterly comparison report's charts: rates by quarter against the benchmark bands, one quarter's
programmes or localities side by side, fidelity over time, and tables drawn as figures (for the PDF).

Names come from coordinators' files, and Plotly reads tags in legend, axis and table text: every name
and cell is HTML-escaped here, so it is drawn as written."""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ipsdash.domain.formatting import format_fixed
from ipsdash.figures.evidence_charts import benchmark_bands
from ipsdash.figures.fidelity_charts import DEMONSTRATION
from ipsdash.figures.style import GREY, PALETTE, axis, frame, legend_below, source_hover
from ipsdash.i18n import _

DASHES = {"scope": "solid", "community": "dash", "programme": "dot"}
HIGHLIGHT, OTHER = PALETTE[0], "#9aa3ad"


def _demonstration(layout: dict, synthetic: bool) -> dict:
    if synthetic:  # the label travels with the chart into the PDF and the HTML pack
        layout.setdefault("annotations", []).append(
            dict(
                text=_(DEMONSTRATION),
                xref="paper",
                yref="paper",
                x=0.99,
                y=0.02,
                xanchor="right",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=15, color="#8a4b00"),
                bgcolor="rgba(255,244,214,0.9)",
            )
        )
    return layout


def make_rate_history(series: pd.DataFrame, benchmarks: pd.DataFrame, synthetic: bool) -> go.Figure:
    """Employment rate by quarter, one line a series (kind: scope, community or programme), over the bands."""
    shapes, notes = benchmark_bands(benchmarks)
    traces = []
    for i, (name, part) in enumerate(series.groupby("series", sort=False)):
        kind = part["kind"].iloc[0]
        colour = {"scope": HIGHLIGHT, "community": GREY}.get(kind, PALETTE[(i + 1) % len(PALETTE)])
        traces.append(
            dict(
                type="scatter",
                x=part["quarter"].tolist(),
                y=part["employment_rate_pct"].round(1).tolist(),
                mode="lines+markers",
                name=html.escape(name),
                line=dict(color=colour, width=4 if kind == "scope" else 2, dash=DASHES[kind]),
                customdata=np.column_stack([part["clients_served"], part["source_short"].map(html.escape)]).tolist(),
                hovertemplate="<b>%{fullData.name}</b> %{x}: "
                + _("{rate} of {served} served").format(rate="%{y:.1f}%", served="%{customdata[0]:,.0f}")
                + "<br>"
                + source_hover("%{customdata[1]}")
                + "<extra></extra>",
            )
        )
    layout = dict(
        **frame(460, top=30, bottom=40),
        shapes=shapes,
        annotations=notes,
        xaxis=axis(_("Quarter"), type="category"),
        yaxis=axis(_("Employed (% of clients served)"), range=[0, 100]),
        legend=legend_below(),
        hovermode="closest",
    )
    return go.Figure(data=traces, layout=_demonstration(layout, synthetic))


def make_rate_bars(rows: pd.DataFrame, title: str, reference: pd.DataFrame, synthetic: bool) -> go.Figure:
    """One quarter's rates as horizontal bars (highlighted: in the viewer's scope), with reference lines
    (the pooled learning community, a locality) and the benchmark band edges as their own lines."""
    rows = rows.sort_values("employment_rate_pct")
    colours = [HIGHLIGHT if s else OTHER for s in rows["in_scope"]]
    traces = [
        dict(
            type="bar",
            orientation="h",
            x=rows["employment_rate_pct"].round(1).tolist(),
            y=rows["label"].map(html.escape).tolist(),
            marker=dict(color=colours),
            name=title,
            customdata=rows[["source_short"]].map(html.escape).to_numpy().tolist(),
            hovertemplate="<b>%{y}</b>: %{x:.1f}%<br>" + source_hover("%{customdata[0]}") + "<extra></extra>",
            showlegend=False,
        )
    ]
    for i, ref in enumerate(reference.itertuples()):
        traces.append(
            dict(
                type="scatter",
                x=[ref.employment_rate_pct, ref.employment_rate_pct],
                y=[html.escape(rows["label"].iloc[0]), html.escape(rows["label"].iloc[-1])]
                if len(rows)
                else [None, None],
                mode="lines",
                name=html.escape(f"{ref.label}: {format_fixed(ref.employment_rate_pct, 1, 'percent')}"),
                line=dict(color=[GREY, PALETTE[1], PALETTE[2]][i % 3], width=3, dash=["dash", "dot", "dashdot"][i % 3]),
                hoverinfo="name",
            )
        )
    layout = dict(
        **frame(max(260, 28 * len(rows) + 140), top=20, bottom=40),
        xaxis=axis(_("Employed (% of clients served)"), range=[0, 100]),
        yaxis=dict(automargin=True, type="category"),
        legend=legend_below(),
        bargap=0.25,
    )
    return go.Figure(data=traces, layout=_demonstration(layout, synthetic))


def make_score_history(reviews: pd.DataFrame, synthetic: bool) -> go.Figure:
    """Each programme's fidelity reviews over time, one line a programme and scale."""
    traces = []
    for i, ((name, scale), part) in enumerate(reviews.groupby(["label", "scale"], sort=False)):
        traces.append(
            dict(
                type="scatter",
                x=part["review_date"].astype(str).tolist(),
                y=part["total_score"].tolist(),
                mode="lines+markers",
                name=html.escape(f"{name} ({scale})"),
                line=dict(color=PALETTE[i % len(PALETTE)], width=2),
                customdata=part[["source_short"]].map(html.escape).to_numpy().tolist(),
                hovertemplate="<b>%{fullData.name}</b> %{x}: %{y:g}<br>"
                + source_hover("%{customdata[0]}")
                + "<extra></extra>",
            )
        )
    layout = dict(
        **frame(420, top=20, bottom=40),
        xaxis=axis(_("Review date"), type="date"),
        yaxis=axis(_("Fidelity total score")),
        legend=legend_below(),
    )
    return go.Figure(data=traces, layout=_demonstration(layout, synthetic))


def make_table(rows: pd.DataFrame, headers: Mapping[str, str] | None = None) -> go.Figure:
    """A table as a figure (so the PDF pack can draw it like any chart); cells are plain text. `headers`: the
    column headers shown, by column (in the language in use; the columns themselves keep their names)."""
    height = min(900, 60 + 48 * (len(rows) + 1))  # a cell's text may wrap onto two lines; more rows scroll
    shown = [(headers or {}).get(c, c) for c in rows.columns]
    table = go.Table(
        header=dict(values=[f"<b>{html.escape(str(c))}</b>" for c in shown], fill_color="#e8ecf0", align="left"),
        cells=dict(
            values=[rows[c].astype(str).map(html.escape).tolist() for c in rows.columns], align="left", height=44
        ),
    )
    return go.Figure(data=[table], layout=dict(**frame(height, top=10, bottom=10)))

"""Fidelity against employment: programmes (or, for the public, groups of them), and one programme's story."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ipsdash.domain.formatting import format_fixed
from ipsdash.domain.vocabulary import FIDELITY_SCALES
from ipsdash.figures.style import AXIS_FONTS, PALETTE, axis, folded, frame, legend_below, note
from ipsdash.i18n import N_, _, formats

# TRANSLATORS: stamped on every chart of generated data (image exports and screenshots too).
DEMONSTRATION = N_("DEMONSTRATION DATA: generated, not real programmes")

BAND_COLOURS = ["#f6f6f6", "#eaf1f8", "#dbe8f3", "#c9ddef"]
FIT_COLOUR = "#d55e00"


def _bands(bands: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    """The benchmark bands: shaded behind the points and named, with their scores, in the legend (names
    written above the plot ran into each other on a phone)."""
    # TRANSLATORS: after a fidelity band's name whose cut-points no source gives: 'Good fidelity (uncited)'.
    uncited = _("{band} (uncited)")
    # TRANSLATORS: a fidelity band in the chart's legend, with its scores: 'Good fidelity: 100–114'.
    entry = _("{band}: {low}–{high}")
    shapes, keys = [], []
    for i, b in enumerate(bands.itertuples()):
        colour = BAND_COLOURS[i % 4]
        shapes.append(
            dict(
                type="rect",
                x0=b.lower,
                x1=b.upper + 1,
                yref="paper",
                y0=0,
                y1=1,
                layer="below",
                fillcolor=colour,
                line=dict(width=0),
            )
        )
        name = b.band if b.source_id else uncited.format(band=b.band)
        keys.append(
            dict(
                type="scatter",
                x=[None],
                y=[None],
                mode="markers",
                name=folded(entry.format(band=name, low=formats.number(b.lower), high=formats.number(b.upper))),
                marker=dict(symbol="square", size=16, color=colour, line=dict(color="#8a8a8a", width=1)),
                legendrank=2000 + i,  # after the data, in the bands' order
                hoverinfo="skip",
            )
        )
    return shapes, keys


def _fit_traces(fit) -> list[dict]:
    return [
        dict(
            type="scatter",
            x=list(fit.x) + list(fit.x[::-1]),
            y=list(fit.high) + list(fit.low[::-1]),
            fill="toself",
            fillcolor="rgba(213,94,0,0.15)",
            line=dict(width=0),
            # TRANSLATORS: the 95% confidence band around the fitted line.
            name=_("95% band"),
            hoverinfo="skip",
        ),
        dict(
            type="scatter",
            x=list(fit.x),
            y=list(fit.intercept + fit.slope * fit.x),
            mode="lines",
            name=_("Least-squares line"),
            line=dict(color=FIT_COLOUR, width=3),
            hoverinfo="skip",
        ),
    ]


def _point_trace(points: pd.DataFrame, symbol: str = "circle") -> dict:
    if "programmes" in points:  # groups of programmes (what the public sees of confidential data)
        hover = np.column_stack([points["label"], points["programmes"], points["served"]]).tolist()
        template = (
            "<b>%{customdata[0]}</b><br>"
            + _("{programmes} programmes, {served} served").format(
                programmes="%{customdata[1]}", served="%{customdata[2]:,.0f}"
            )
            + "<br>"
            + _("Mean fidelity {score}; employment {rate}").format(score="%{x:.0f}", rate="%{y:.1f}%")
            + "<extra></extra>"
        )
        name, size = _("Groups of programmes"), 16
    else:
        hover = np.column_stack(
            [
                points["name"],
                points["geo_name"],
                points["review_date"].astype(str),
                points["quarters"],
                points["served"],
            ]
        ).tolist()
        template = (
            "<b>%{customdata[0]}</b> (%{customdata[1]})<br>"
            + _("Review {date}: {score}").format(date="%{customdata[2]}", score="%{x:.0f}")
            + "<br>"
            + _("Employment over {quarters} quarters around it: {rate} of {served} served").format(
                quarters="%{customdata[3]}", rate="%{y:.1f}%", served="%{customdata[4]:,.0f}"
            )
            + "<extra></extra>"
        )
        name, size = _("Programmes"), 11
    return dict(
        type="scatter",
        x=points["total_score"].tolist(),
        y=points["employment_rate_pct"].tolist(),
        mode="markers",
        name=name,
        marker=dict(size=size, color=PALETTE[0], opacity=0.8, symbol=symbol),
        customdata=hover,
        hovertemplate=template,
    )


def make_fidelity_scatter(
    points: pd.DataFrame, bands: pd.DataFrame, fit, scale: str, synthetic: bool, groups: pd.DataFrame | None = None
) -> go.Figure:
    """Fidelity score vs employment around the review, with bands, the OLS line, its 95% band, r and n:
    programmes one by one (`points`) and/or groups of programmes (`groups`, diamonds when both are drawn).
    The x axis spans the scale's whole range (IPS-25 25–125, IPS-Y 35–175, IPS-15 15–75)."""
    shapes, keys = _bands(bands)
    notes = []
    both = groups is not None and len(groups) and len(points)
    traces = [_point_trace(groups, "diamond" if both else "circle")] if groups is not None else []
    if len(points) or not traces:
        traces.append(_point_trace(points))
    if fit is not None:
        traces += _fit_traces(fit)
        notes.append(
            note(
                f"<b>r = {format_fixed(fit.r, 2)}, n = {formats.number(fit.n)}</b>",
                0.01,
                0.98,
                xanchor="left",
                yanchor="top",
                font=dict(size=18),
                bgcolor="rgba(255,255,255,0.8)",
            )
        )
    if synthetic:  # the label travels with the chart, into image exports and screenshots
        notes.append(
            note(
                folded(_(DEMONSTRATION), 40),  # a phone shows it whole
                0.99,
                0.02,
                xanchor="right",
                align="right",
                yanchor="bottom",
                font=dict(size=16, color="#8a4b00"),
                bgcolor="rgba(255,244,214,0.9)",
            )
        )
    spec = FIDELITY_SCALES[scale]
    layout = dict(
        **frame(520, top=20, bottom=20),
        shapes=shapes,
        annotations=notes,
        hovermode="closest",
        # TRANSLATORS: an axis title; {scale} is a fidelity scale's name (IPS-25).
        xaxis=axis(_("{scale} fidelity score").format(scale=scale), range=[spec.low - 1, spec.high + 1]),
        yaxis=axis(_("Employment rate around the review (%)"), rangemode="tozero"),
        legend=legend_below(),
    )
    return go.Figure(data=traces + keys, layout=layout)


def make_programme_history(quarters: pd.DataFrame, reviews: pd.DataFrame) -> go.Figure:
    """One programme's quarterly employment rate and its fidelity reviews on one timeline (two axes)."""
    x_quarters = [pd.Period(q.replace("-", ""), freq="Q").start_time for q in quarters["quarter"]]
    traces = [
        dict(
            type="scatter",
            x=x_quarters,
            y=quarters["employment_rate_pct"].tolist(),
            mode="lines+markers",
            name=_("Quarterly employment rate (%), left axis"),
            line=dict(color=PALETTE[0], width=3),
        ),
        dict(
            type="scatter",
            x=pd.to_datetime(reviews["review_date"]).tolist(),
            y=reviews["total_score"].tolist(),
            mode="markers",
            yaxis="y2",
            name=_("Fidelity review score, right axis"),
            marker=dict(size=15, symbol="diamond", color=FIT_COLOUR),
            customdata=reviews["scale"].tolist(),
            hovertemplate="%{customdata}: %{y}<extra></extra>",
        ),
    ]
    layout = dict(
        **frame(380, top=20, bottom=20),
        xaxis=axis(""),
        # The axes are named in the legend, not beside the plot: two axis titles left a phone's plot 200 px.
        # Ticks of their own on the right (synchronised ticks fell on scores like 96.87).
        yaxis=axis("", rangemode="tozero"),
        yaxis2=dict(overlaying="y", side="right", tickmode="auto", showgrid=False, **AXIS_FONTS),
        legend=legend_below(),
    )
    return go.Figure(data=traces, layout=layout)

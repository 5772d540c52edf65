"""Growth charts: one line per honest series, adoption curves, and the learning-community comparison."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ipsdash.domain.vocabulary import EXACT_DATE_QUALIFIERS, event_label
from ipsdash.figures.style import (
    AXIS_FONTS,
    GREY,
    GRID,
    PALETTE,
    axis,
    fold_legend,
    frame,
    legend_below,
    marker_legend,
    qualifier_markers,
    source_hover,
    value_hover,
    vertical_lines,
)
from ipsdash.i18n import _, formats


def _line(part: pd.DataFrame, name: str, colour: str, dash: str, **extra) -> dict:
    data, template = value_hover(part)
    return dict(
        type="scatter",
        x=part["year"].tolist(),
        y=part["y"].tolist(),
        mode="lines+markers",
        name=name,
        line=dict(color=colour, width=3 if dash == "solid" else 2.5, dash=dash),
        marker=qualifier_markers(part["qualifier"], colour, size=13),
        customdata=data,
        hovertemplate=template,
        **extra,
    )


def _series_traces(frame_: pd.DataFrame) -> list[dict]:
    """A solid line of stated values per series, and a dashed one from its last value to each target."""
    traces = []
    for i, (key, part) in enumerate(frame_.groupby("series_key", sort=False)):
        colour = PALETTE[i % len(PALETTE)]
        actual, targets = part[part["qualifier"] != "target"], part[part["qualifier"] == "target"]
        if len(actual):
            traces.append(_line(actual, key, colour, "solid", legendgroup=key))
        if len(targets):
            path = pd.concat([actual.tail(1), targets])
            # TRANSLATORS: a legend entry: a series' targets, e.g. 'England · IPS access (target)'.
            name = _("{series} (target)").format(series=key)
            traces.append(_line(path, name, colour, "dash", legendgroup=key, showlegend=not len(actual)))
    return traces


def _milestone_trace(milestones: pd.DataFrame) -> dict:
    return dict(
        type="scatter",
        x=milestones["year"].tolist(),
        y=[1.0] * len(milestones),
        yaxis="y2",
        mode="markers",
        name=_("Policy milestones"),
        marker=dict(symbol="triangle-down", size=12, color="#6b6b6b"),
        customdata=np.column_stack(
            [
                milestones["geo_name"],
                milestones["event"].map(event_label),
                milestones["period"],
                milestones["source_short"],
            ]
        ).tolist(),
        hovertemplate="<b>%{customdata[1]}</b> · %{customdata[0]}<br>%{customdata[2]}<br>"
        + source_hover("%{customdata[3]}")
        + "<extra></extra>",
    )


def make_growth_chart(
    frame_: pd.DataFrame,
    *,
    y_title: str,
    log: bool,
    milestones: pd.DataFrame | None = None,
    fits: list[tuple[str, np.ndarray, np.ndarray]] | None = None,
) -> go.Figure:
    """One line per series (area · what is counted); targets dashed; marker shapes say what a value is.

    Traces and layout are built as plain dicts and validated once: a filter change reruns this, and
    adding traces one by one costs several times more.
    """
    traces = _series_traces(frame_)
    for fit_name, years, values in fits or []:
        traces.append(
            dict(
                type="scatter",
                x=list(years),
                y=list(values),
                mode="lines",
                name=fit_name,
                line=dict(color=GREY, dash="dot"),
                hoverinfo="skip",
            )
        )
    traces += marker_legend(frame_["qualifier"])
    shapes = []
    if milestones is not None and len(milestones):
        shapes = vertical_lines(milestones["year"], "#9a9a9a")
        traces.append(_milestone_trace(milestones))
    layout = dict(
        **frame(520, top=20, bottom=20),
        hovermode="closest",
        shapes=shapes,
        xaxis=axis(_("Year"), dtick=_year_step(frame_["year"])),
        yaxis=axis(y_title, type="log" if log else "linear", rangemode="normal" if log else "tozero"),
        yaxis2=dict(overlaying="y", range=[0, 1.05], visible=False),
        legend=legend_below(),
    )
    return go.Figure(data=fold_legend(traces), layout=layout)


def _year_step(years: pd.Series) -> int:
    """Year ticks every 1, 2 or 5 years, so that a short span still shows several labelled years."""
    span = (years.max() - years.min()) if len(years) else 0
    return 1 if span <= 6 else 2 if span <= 14 else 5


def make_adoption_curve(curves: dict[str, tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]) -> go.Figure:
    """Per group (countries, US states): the cumulative count of documented programme starts, a marker
    per start (hollow when the year is uncertain), and the totals the sources report as diamonds."""
    figure = go.Figure()
    for i, (label, (curve, starts, reported)) in enumerate(curves.items()):
        colour = PALETTE[i]
        figure.add_scatter(
            x=curve["year"],
            y=curve["areas"],
            mode="lines",
            line=dict(shape="hv", color=colour, width=3),
            # TRANSLATORS: a legend entry; {group} is 'Countries' or 'US states'.
            name=_("{group}: documented start years").format(group=label),
            hoverinfo="skip",
        )
        starts = starts.sort_values(["year", "geo_name"])  # the n-th start sits at height n
        exact = starts["qualifier"].isin(EXACT_DATE_QUALIFIERS)
        figure.add_scatter(
            x=starts["year"],
            y=np.arange(1, len(starts) + 1),
            mode="markers",
            name=_("{group}: each start").format(group=label),
            marker=dict(
                size=12,
                color=colour,
                symbol=["circle" if e else "circle-open" for e in exact],
                line=dict(width=2, color=colour),
            ),
            customdata=np.column_stack(
                [starts["geo_name"], starts["period"], starts["qualifier"], starts["source_short"]]
            ),
            hovertemplate="<b>%{customdata[0]}</b>: %{customdata[1]} (%{customdata[2]})<br>"
            + source_hover("%{customdata[3]}")
            + "<extra></extra>",
        )
        if len(reported):
            data, template = value_hover(reported.assign(series=reported["metric_label"]))
            figure.add_scatter(
                x=reported["year"],
                y=reported["value"],
                mode="markers",
                name=_("{group}: total reported by the sources").format(group=label),
                marker=dict(size=16, symbol="diamond", color=colour, line=dict(width=1, color="#000")),
                customdata=data,
                hovertemplate=template,
            )
    figure.update_layout(
        **frame(500, top=20, bottom=10),
        xaxis=dict(title="", dtick=5, **GRID, **AXIS_FONTS),
        yaxis=axis(_("Areas with IPS (cumulative)"), rangemode="tozero"),
        legend=legend_below(),
    )
    return _folded(figure)


def make_lc_comparison(frame_: pd.DataFrame) -> go.Figure:
    """Slope chart: programmes in learning-community vs other US jurisdictions, 2016 and 2019."""
    figure = go.Figure()
    first_year, last_year = int(frame_["year"].min()), int(frame_["year"].max())
    for i, (label, part) in enumerate(frame_.groupby("label", sort=False)):
        data, template = value_hover(part)
        figure.add_scatter(
            x=part["year"],
            y=part["value"],
            mode="lines+markers+text",
            name=label,
            text=[formats.number(v, decimals=0) for v in part["value"]],
            textposition=["middle left" if y == first_year else "middle right" for y in part["year"]],
            line=dict(color=PALETTE[i], width=4),
            marker=dict(size=14, color=PALETTE[i]),
            textfont=dict(size=18, color=PALETTE[i]),
            customdata=data,
            hovertemplate=template,
        )
    figure.update_layout(
        **frame(420, top=20, bottom=20),
        xaxis=axis(_("Survey year"), tickvals=[first_year, last_year], range=[first_year - 0.7, last_year + 0.7]),
        yaxis=axis(_("IPS programmes"), rangemode="tozero"),
        legend=legend_below(),
    )
    return _folded(figure)


def _folded(figure: go.Figure) -> go.Figure:
    """The figure with long legend entries folded (see style.fold_legend)."""
    return go.Figure(data=fold_legend([t.to_plotly_json() for t in figure.data]), layout=figure.layout)

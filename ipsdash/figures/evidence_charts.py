"""Employment outcomes over time, and the trial evidence as dumbbells."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ipsdash.figures.style import (
    PALETTE,
    axis,
    fold_legend,
    frame,
    legend_below,
    qualifier_markers,
    source_hover,
    value_hover,
    vertical_lines,
)
from ipsdash.i18n import _, formats

KIND_DASHES = ["solid", "dot", "dashdot", "longdash", "dash"]  # what is measured: colour and line pattern
ROW_HEIGHT = 44  # per trial: its name above, its dumbbell below
ROW_NAME_CHARACTERS = 46  # a longer trial name is cut to fit a phone (the hover gives it whole)
ROW_NAME = "trial name"  # the annotations naming rows (a slide with too many rows leaves them out)
IPS_COLOUR, CONTROL_COLOUR, CONTROL_TEXT = "#0072b2", "#e69f00", "#8a5d00"
BANDS = [  # the band's low and high metrics, its key (named by _band_label) and colour
    ("employment_benchmark_minimum_pct", "employment_benchmark_average_pct", "minimal_to_average", "#f3e9d2"),
    ("employment_benchmark_average_pct", "employment_benchmark_excellent_pct", "average_to_excellent", "#dcebdc"),
]


def _band_label(band: str, low: float, high: float) -> str:
    """'Benchmark minimal to average (31–41%)' in the language in use."""
    values = dict(low=formats.number(low, decimals=0), high=formats.percent(high, decimals=0))
    if band == "minimal_to_average":
        return _("Benchmark minimal to average ({low}–{high})").format(**values)
    return _("Benchmark average to excellent ({low}–{high})").format(**values)


def benchmark_bands(benchmarks: pd.DataFrame) -> tuple[list[dict], list[dict]]:
    values = benchmarks.set_index("metric")["value"] if len(benchmarks) else pd.Series(dtype=float)
    shapes, notes = [], []
    for low, high, label, colour in BANDS:
        if low in values and high in values:
            shapes.append(
                dict(
                    type="rect",
                    xref="paper",
                    x0=0,
                    x1=1,
                    y0=values[low],
                    y1=values[high],
                    fillcolor=colour,
                    line=dict(width=0),
                    layer="below",
                )
            )
            notes.append(
                dict(
                    xref="paper",
                    x=0.005,
                    y=(values[low] + values[high]) / 2,
                    xanchor="left",
                    showarrow=False,
                    text=_band_label(label, values[low], values[high]),
                    font=dict(size=13, color="#444"),
                )
            )
    return shapes, notes


def make_outcomes_chart(points: pd.DataFrame, benchmarks: pd.DataFrame) -> go.Figure:
    """Employment figures over time, coloured by what they measure, with the published benchmark bands."""
    kinds = list(dict.fromkeys(points["kind"]))
    traces = [_kind_trace(points[points["kind"] == kind], kind, n) for n, kind in enumerate(kinds)]
    shapes, notes = benchmark_bands(benchmarks)
    layout = dict(
        **frame(560, top=20, bottom=20),
        shapes=shapes,
        annotations=notes,
        hovermode="closest",
        xaxis=axis(_("Year the figure refers to"), dtick=5),
        yaxis=axis(_("% of clients"), range=[0, 100]),
        legend=legend_below(_("What is measured:") + " "),
    )
    return go.Figure(data=fold_legend(traces), layout=layout)


def _kind_trace(points: pd.DataFrame, kind: str, n: int) -> dict:
    """Every series of one kind of measure as one trace, each series its own line (a gap between them):
    one trace a kind draws faster than one a series, and the legend has one entry a kind as before."""
    colour = PALETTE[n % len(PALETTE)]
    x, y, data, symbols = [], [], [], []
    for _key, part in points.groupby("series_key", sort=False):
        rows, template = value_hover(part.assign(series=part["series_key"] + "<br><i>" + part["kind"] + "</i>"))
        x += [*part["year"].tolist(), None]
        y += [*part["y"].tolist(), None]
        data += [*rows, [""] * len(rows[0])]
        symbols += [*qualifier_markers(part["qualifier"], colour, size=12)["symbol"], "circle"]
    return dict(
        type="scatter",
        x=x[:-1],
        y=y[:-1],
        mode="lines+markers",
        name=kind,
        legendgroup=kind,
        line=dict(color=colour, width=2.5, dash=KIND_DASHES[n % len(KIND_DASHES)]),
        marker=qualifier_markers(points["qualifier"], colour, size=12) | {"symbol": symbols[:-1]},
        customdata=data[:-1],
        hovertemplate=template,
    )


def trial_labels(trials: pd.DataFrame) -> list[str]:
    """'Trial name · N=123' per trial (or 'N not given')."""
    # TRANSLATORS: after a trial's name where the trial does not give its number of participants (N).
    unknown = _("N not given")
    return [
        f"{s} · N={formats.number(p, decimals=0)}" if p == p else f"{s} · {unknown}"
        for s, p in zip(trials["subject"], trials["participants"], strict=True)
    ]


def _row_names(trials: pd.DataFrame, labels: list[str]) -> list[dict]:
    """Each trial's name and N just above its row, at the left of the plot (cut short to fit a phone)."""
    names = []
    for subject, label in zip(trials["subject"], labels, strict=True):
        n = label.removeprefix(subject)
        short = subject if len(subject) + len(n) <= ROW_NAME_CHARACTERS else subject[: ROW_NAME_CHARACTERS - len(n) - 1]
        names.append(
            dict(
                name=ROW_NAME,
                text=(short if short == subject else short.rstrip(" ;,(") + "…") + n,
                x=0,
                xref="paper",
                xanchor="left",
                y=label,
                yanchor="middle",
                yshift=ROW_HEIGHT // 2 - 7,  # nearer its own row than the one above
                showarrow=False,
                font=dict(size=13, color="#202830"),
            )
        )
    return names


ANY_COMPETITIVE_JOB = "Trial: IPS arm ever employed"


def _arm_traces(trials: pd.DataFrame, labels: list[str]) -> list[dict]:
    # Solid: any competitive job during follow-up, the measure of the pooled figures; hollow: the trial
    # reported something else (paid employment, work or school, employment or education, steady work).
    broad = trials["outcome"].fillna("") != ANY_COMPETITIVE_JOB
    outside = _("Outside the pooled trials' scope.")
    hover = np.column_stack(
        [
            trials["subject"],
            trials["outcome"].fillna("").str.replace("Trial: IPS arm ", "", regex=False),
            trials["follow_up"].fillna(""),
            trials["source_short"],
            trials["scope_note"].map(lambda why: f"<br><i>{outside}</i> {why}" if why else ""),
        ]
    ).tolist()
    template = (
        "<b>%{customdata[0]}</b><br>%{x:.1f}% %{customdata[1]}<br>"
        + _("Follow-up: {follow_up}").format(follow_up="%{customdata[2]}")
        + "<br>"
        + source_hover("%{customdata[3]}")
        + "%{customdata[4]}<extra>%{fullData.name}</extra>"
    )
    # Every trial's bar from control to IPS in one trace, the bars apart (None): one trace draws faster
    # than one a trial.
    pairs = zip(trials["control_pct"], trials["ips_pct"], labels, strict=True)
    traces = [
        dict(
            type="scatter",
            x=[x for c, i, _label in pairs for x in (c, i, None)],
            y=[y for label in labels for y in (label, label, None)],
            mode="lines",
            line=dict(color="#b0b0b0", width=4),
            showlegend=False,
            hoverinfo="skip",
        )
    ]
    # The arms differ in shape as well as colour (a square for control, a circle for IPS).
    # TRANSLATORS: the trial arm that had other services than IPS.
    arms = ((_("Control"), "control_pct", CONTROL_COLOUR, "square"), ("IPS", "ips_pct", IPS_COLOUR, "circle"))
    for name, column, colour, shape in arms:
        traces.append(
            dict(
                type="scatter",
                x=trials[column].tolist(),
                y=labels,
                mode="markers",
                name=name,
                marker=dict(
                    size=12,
                    color=colour,
                    symbol=[f"{shape}-open" if b else shape for b in broad],
                    line=dict(width=2.5, color=colour),
                ),
                customdata=hover,
                hovertemplate=template,
            )
        )
    return traces


def make_trials_chart(trials: pd.DataFrame, pooled: tuple[float, float, str, str]) -> go.Figure:
    """Dumbbells: control and IPS employment per trial, with N; the pooled figure as dashed lines.
    `pooled` is (IPS %, control %, its label e.g. 'Pooled, 28 trials', its source)."""
    labels = trial_labels(trials)
    ips, control, label, source = pooled
    # Two lines at the left above the plot (beside their dashed lines they ran off a phone's screen).
    notes = [
        dict(
            x=0,
            xref="paper",
            xanchor="left",
            yref="paper",
            y=1.0,
            yanchor="bottom",
            yshift=shift,
            showarrow=False,
            font=dict(size=13, color=c),
            text=text.format(label=label, value=formats.percent(v, decimals=0)),
        )
        for v, c, text, shift in (
            # TRANSLATORS: the pooled result's line for IPS: 'Pooled, 28 trials: IPS 55%'.
            (ips, IPS_COLOUR, _("{label}: IPS {value}"), 17),
            # TRANSLATORS: the pooled result's line for other services: 'Pooled, 28 trials: control 25%'.
            (control, CONTROL_TEXT, _("{label}: control {value}"), 0),
        )
    ]
    layout = dict(
        **frame(160 + ROW_HEIGHT * len(trials), top=64, bottom=20),
        shapes=vertical_lines([ips], IPS_COLOUR, "dash", 2) + vertical_lines([control], CONTROL_COLOUR, "dash", 2),
        annotations=notes + _row_names(trials, labels),
        hovermode="closest",
        xaxis=axis(
            _("% employed (hollow: another measure)")
            + "<br><span style='font-size:14px'>"
            + _("(pooled lines: {source})").format(source=source)
            + "</span>",
            range=[0, 100],
        ),
        # Category axis without tick labels: each trial's name is an annotation inside the plot, above its
        # dumbbell (beside it, the names took most of a phone's width and left the data a sliver).
        yaxis=dict(
            title=dict(text=""),
            tickmode="array",
            tickvals=labels,
            showticklabels=False,
            ticks="",
            range=[-0.6, len(labels) - 0.4],
        ),
        legend=dict(orientation="h", x=1, xanchor="right", y=1, yanchor="top", yref="container"),
    )
    return go.Figure(data=_arm_traces(trials, labels), layout=layout)

"""DataFrames in, Plotly figures out. No data access and no Streamlit here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ipsdash.adoption import EVENT_LABELS, Category, Measure, date_text

FONT = dict(size=16, color="#101418")  # family left to the Streamlit theme (its bundled font)
AXIS_FONTS = dict(tickfont=dict(size=15, color="#202830"), title_font=dict(size=17, color="#202830"))


def _frame(height: int, top: int, bottom: int) -> dict:
    """Layout shared by the charts: the theme's font at projector size, white plot, small margins."""
    return dict(font=FONT, height=height, margin=dict(l=10, r=10, t=top, b=bottom), plot_bgcolor="white")


def _legible(figure: go.Figure) -> go.Figure:
    """Axis text large enough to read from the back of a room (the theme's default is small)."""
    figure.update_xaxes(**AXIS_FONTS)
    figure.update_yaxes(**AXIS_FONTS)
    return figure


LAND = "#e4e6ea"


def make_adoption_map(
    measure: Measure,
    categories: pd.DataFrame,
    summaries: pd.Series,
    *,
    geojson_url: str,
    scope: str,
    area_noun: str,
    unknown_label: str,
    year: int,
) -> go.Figure:
    """An animated choropleth: one trace, one frame a year, frames carrying only colours and counts.

    The geometry is a URL the browser fetches once from the app's static folder, so neither the
    figure nor its frames repeat it over the websocket.
    """
    used = set(categories["category"])
    shown = [c for c in measure.categories if c.key.startswith("bin") or c.key in used]
    # Bottom to top: the base-map grey, then the categories in reverse so the earliest sits on top.
    legend = [Category("", unknown_label, LAND), *reversed(shown)]
    index = {c.key: i for i, c in enumerate(legend)}
    codes = sorted(categories["geo_code"].unique())
    wide = categories.pivot(index="geo_code", columns="year", values="category").loc[codes]
    years = list(wide.columns)
    label_of = {c.key: c.label for c in legend}

    def colour_values(y: int) -> list[int]:
        return [index[k] for k in wide[y]]  # '' is the grey "not documented" entry, and says so on hover

    def colour_labels(y: int) -> list[str]:
        return [label_of.get(k, unknown_label) for k in wide[y]]

    def count_note(y: int) -> dict:
        n = sum(measure.counts(k) for k in wide[y] if k)
        noun = area_noun if n != 1 else {"countries": "country", "states": "state"}.get(area_noun, area_noun)
        return dict(
            text=f"<b>{n} {noun} {measure.count_phrase} {y}</b>",
            x=0.01,
            y=0.99,
            xref="paper",
            yref="paper",
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font=dict(size=20),
            bgcolor="rgba(255,255,255,0.85)",
        )

    n = len(legend)
    colourscale = []
    for i, category in enumerate(legend):
        colourscale += [(i / n, category.colour), ((i + 1) / n, category.colour)]
    trace = go.Choropleth(
        geojson=geojson_url,
        featureidkey="id",
        locations=codes,
        z=colour_values(year),
        text=colour_labels(year),
        customdata=summaries.reindex(codes).fillna("").tolist(),
        zmin=-0.5,
        zmax=n - 0.5,
        colorscale=colourscale,
        marker=dict(line=dict(color="white", width=0.6)),
        colorbar=dict(
            tickvals=list(range(n)),
            ticktext=[c.label for c in legend],
            title=dict(text=""),
            len=min(0.95, 0.11 * n),
            thickness=20,
            x=0.76,
            xanchor="left",
            y=0.55,
            outlinewidth=0,
            tickfont=dict(size=15),
        ),
        hovertemplate="%{customdata}<br><i>Colour: %{text}</i><extra></extra>",
    )
    frames = [
        go.Frame(
            name=str(y),
            data=[go.Choropleth(z=colour_values(y), text=colour_labels(y))],
            traces=[0],
            layout=dict(annotations=[count_note(y)]),
        )
        for y in years
    ]
    play = dict(frame=dict(duration=450, redraw=True), transition=dict(duration=0), fromcurrent=False, mode="immediate")
    step = dict(frame=dict(duration=0, redraw=True), transition=dict(duration=0), mode="immediate")
    figure = go.Figure(data=[trace], frames=frames)
    buttons = [
        dict(label="▶ Play", method="animate", args=[None, play]),
        dict(label="❚❚ Pause", method="animate", args=[[None], step]),
    ]
    figure.update_layout(
        font=FONT,
        height=500,
        margin=dict(l=0, r=0, t=10, b=30),
        dragmode=False,
        annotations=[count_note(year)],
        # Play sits top right of the map so it is on screen at 1280x720; the year slider runs beneath.
        updatemenus=[
            dict(
                type="buttons",
                direction="left",
                x=0.74,
                y=1.0,
                xanchor="right",
                yanchor="top",
                showactive=False,
                font=dict(size=15),
                buttons=buttons,
            )
        ],
        sliders=[
            dict(
                active=years.index(year),
                x=0.0,
                len=0.74,
                y=0.0,
                yanchor="top",
                pad=dict(t=4),
                currentvalue=dict(visible=False),
                font=dict(size=13),
                steps=[
                    dict(label=str(y) if y % 5 == 0 else "", method="animate", args=[[str(y)], step], value=str(y))
                    for y in years
                ],
            )
        ],
    )
    geo = dict(
        domain=dict(x=[0, 0.74], y=[0.08, 1]),
        showframe=False,
        showcoastlines=False,
        showland=True,
        landcolor=LAND,
        showcountries=True,
        countrycolor="white",
        showocean=False,
        showlakes=False,
        bgcolor="rgba(0,0,0,0)",
    )
    if scope == "usa":
        geo.update(scope="usa", projection_type="albers usa", showsubunits=True, subunitcolor="white")
    elif scope == "europe":
        geo.update(scope="europe", lataxis_range=[35, 71], lonaxis_range=[-25, 40])
    else:
        geo.update(projection_type="natural earth", lataxis_range=[-57, 84], lonaxis_range=[-168, 190])
    figure.update_geos(**geo)
    return figure


def make_milestone_timeline(milestones: pd.DataFrame) -> go.Figure:
    """A dot per dated milestone on a time axis, one row per kind of event; hollow when the date is vague."""
    frame = milestones.assign(
        label=milestones["event"].map(EVENT_LABELS).fillna(milestones["event"]),
        when=[
            date_text(y, q, p)
            for y, q, p in zip(milestones["year"], milestones["qualifier"], milestones["period"], strict=True)
        ],
        exact=milestones["qualifier"].isin(["exact", "derived"]),
    )
    figure = go.Figure()
    for exact, part in frame.groupby("exact", sort=False):
        figure.add_scatter(
            x=part["year"],
            y=part["label"],
            mode="markers",
            name="Dated exactly" if exact else "Approximate or 'by' date",
            marker=dict(size=16, symbol="circle" if exact else "circle-open", line=dict(width=2.5), color="#0b4f8a"),
            customdata=part[["geo_name", "when", "source_short", "locator"]].to_numpy(),
            hovertemplate="<b>%{y}</b>: %{customdata[1]}<br>%{customdata[0]}<br>Source: %{customdata[2]}, "
            "%{customdata[3]}<extra></extra>",
        )
    figure.update_layout(
        font=FONT,
        height=110 + 42 * frame["label"].nunique(),
        margin=dict(l=10, r=10, t=10, b=40),
        xaxis=dict(title="Year", dtick=5, showgrid=True, gridcolor="#e6e6e6"),
        yaxis=dict(title="", automargin=True),
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
        plot_bgcolor="white",
    )
    return _legible(figure)


# What a marker's shape says about a value (explained in the legend).
MARKERS = {
    "exact": ("circle", "Stated value"),
    "derived": ("square", "Derived from stated values"),
    "at_least": ("triangle-up", "At least (a lower bound)"),
    "at_most": ("triangle-down", "At most (an upper bound)"),
    "approx": ("circle-open", "About / approximate"),
    "estimate": ("circle-open", "Estimate (hollow)"),
    "target": ("diamond-open", "Target (dashed line)"),
}
PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"]


def _qualifier_markers(qualifiers: pd.Series, colour: str, size: int) -> dict:
    """Markers whose shape says what each value is (MARKERS: exact, bound, approximate, target...)."""
    return dict(size=size, color=colour, symbol=[MARKERS[q][0] for q in qualifiers], line=dict(width=2, color=colour))


def _value_hover(frame: pd.DataFrame) -> tuple[np.ndarray, str]:
    from ipsdash.formatting import format_value

    text = [format_value(v, u, q) for v, u, q in zip(frame["value"], frame["unit"], frame["qualifier"], strict=True)]
    data = np.column_stack(
        [frame["geo_name"], frame["series"], frame["period"], text, frame["source_short"], frame["locator"]]
    )
    template = (
        "<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]}: <b>%{customdata[3]}</b><br>"
        "Source: %{customdata[4]}, %{customdata[5]}<extra></extra>"
    )
    return data, template


def make_growth_chart(
    frame: pd.DataFrame,
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
    traces: list[dict] = []

    def line(part: pd.DataFrame, name: str, colour: str, dash: str, **extra) -> dict:
        data, template = _value_hover(part)
        return dict(
            type="scatter",
            x=part["year"].tolist(),
            y=part["y"].tolist(),
            mode="lines+markers",
            name=name,
            line=dict(color=colour, width=3 if dash == "solid" else 2.5, dash=dash),
            marker=_qualifier_markers(part["qualifier"], colour, size=13),
            customdata=data.tolist(),
            hovertemplate=template,
            **extra,
        )

    for i, (key, part) in enumerate(frame.groupby("series_key", sort=False)):
        colour = PALETTE[i % len(PALETTE)]
        actual, targets = part[part["qualifier"] != "target"], part[part["qualifier"] == "target"]
        if len(actual):
            traces.append(line(actual, key, colour, "solid", legendgroup=key))
        if len(targets):
            path = pd.concat([actual.tail(1), targets])  # dashed from the last stated value to each target
            traces.append(line(path, f"{key} (target)", colour, "dash", legendgroup=key, showlegend=not len(actual)))
    for fit_name, years, values in fits or []:
        traces.append(
            dict(
                type="scatter",
                x=list(years),
                y=list(values),
                mode="lines",
                name=fit_name,
                line=dict(color="#555555", dash="dot"),
                hoverinfo="skip",
            )
        )
    for qualifier in dict.fromkeys(frame["qualifier"]):  # a legend entry per marker shape shown
        symbol, label = MARKERS[qualifier]
        traces.append(
            dict(
                type="scatter",
                x=[None],
                y=[None],
                mode="markers",
                name=label,
                legendgroup="markers",
                legendgrouptitle=dict(text="Markers"),
                marker=dict(size=12, symbol=symbol, color="#444"),
            )
        )
    shapes = []
    if milestones is not None and len(milestones):
        shapes = [
            dict(type="line", x0=y, x1=y, yref="paper", y0=0, y1=1, line=dict(color="#9a9a9a", width=1, dash="dot"))
            for y in milestones["year"]
        ]
        traces.append(
            dict(
                type="scatter",
                x=milestones["year"].tolist(),
                y=[1.0] * len(milestones),
                yaxis="y2",
                mode="markers",
                name="Policy milestones",
                marker=dict(symbol="triangle-down", size=12, color="#6b6b6b"),
                customdata=np.column_stack(
                    [
                        milestones["geo_name"],
                        milestones["event"].map(EVENT_LABELS),
                        milestones["period"],
                        milestones["source_short"],
                    ]
                ).tolist(),
                hovertemplate="<b>%{customdata[1]}</b> · %{customdata[0]}<br>%{customdata[2]}<br>"
                "Source: %{customdata[3]}<extra></extra>",
            )
        )
    layout = dict(
        **_frame(520, top=30, bottom=40),
        hovermode="closest",
        shapes=shapes,
        xaxis=dict(title=dict(text="Year"), showgrid=True, gridcolor="#e6e6e6", dtick=5, **AXIS_FONTS),
        yaxis=dict(
            title=dict(text=y_title),
            type="log" if log else "linear",
            showgrid=True,
            gridcolor="#e6e6e6",
            rangemode="normal" if log else "tozero",
            **AXIS_FONTS,
        ),
        yaxis2=dict(overlaying="y", range=[0, 1.05], visible=False),
        legend=dict(orientation="v", x=1.02, y=1, font=dict(size=14)),
    )
    return go.Figure(data=traces, layout=layout)


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
            name=f"{label}: documented start years",
            hoverinfo="skip",
        )
        starts = starts.sort_values(["year", "geo_name"])  # the n-th start sits at height n
        exact = starts["qualifier"].isin(["exact", "derived"])
        figure.add_scatter(
            x=starts["year"],
            y=np.arange(1, len(starts) + 1),
            mode="markers",
            name=f"{label}: each start",
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
            "Source: %{customdata[3]}<extra></extra>",
        )
        if len(reported):
            data, template = _value_hover(reported.assign(series=reported["metric_label"]))
            figure.add_scatter(
                x=reported["year"],
                y=reported["value"],
                mode="markers",
                name=f"{label}: total reported by the sources",
                marker=dict(size=16, symbol="diamond", color=colour, line=dict(width=1, color="#000")),
                customdata=data,
                hovertemplate=template,
            )
    figure.update_layout(
        **_frame(500, top=30, bottom=10),
        xaxis=dict(title="", dtick=5, showgrid=True, gridcolor="#e6e6e6"),
        yaxis=dict(title="Areas with IPS (cumulative)", rangemode="tozero", showgrid=True, gridcolor="#e6e6e6"),
        legend=dict(orientation="h", y=-0.12, font=dict(size=14)),
    )
    return _legible(figure)


def make_lc_comparison(frame: pd.DataFrame) -> go.Figure:
    """Slope chart: programmes in learning-community vs other US jurisdictions, 2016 and 2019."""
    figure = go.Figure()
    for i, (label, part) in enumerate(frame.groupby("label", sort=False)):
        data, template = _value_hover(part)
        figure.add_scatter(
            x=part["year"],
            y=part["value"],
            mode="lines+markers+text",
            name=label,
            text=[f"{v:,.0f}" for v in part["value"]],
            textposition=["middle left" if y == 2016 else "middle right" for y in part["year"]],
            line=dict(color=PALETTE[i], width=4),
            marker=dict(size=14, color=PALETTE[i]),
            textfont=dict(size=18, color=PALETTE[i]),
            customdata=data,
            hovertemplate=template,
        )
    figure.update_layout(
        **_frame(420, top=30, bottom=40),
        xaxis=dict(title="Survey year", tickvals=[2016, 2019], range=[2015.3, 2019.7]),
        yaxis=dict(title="IPS programmes", rangemode="tozero", showgrid=True, gridcolor="#e6e6e6"),
        legend=dict(orientation="h", y=-0.2, font=dict(size=15)),
    )
    return _legible(figure)


def make_outcomes_chart(points: pd.DataFrame, benchmarks: pd.DataFrame) -> go.Figure:
    """Employment figures over time, coloured by what they measure, with the published benchmark bands."""
    traces = []
    kinds = list(dict.fromkeys(points["kind"]))
    shown_kinds: set[str] = set()
    for _, part in points.groupby("series_key", sort=False):
        kind = part["kind"].iloc[0]
        first_of_kind = kind not in shown_kinds
        shown_kinds.add(kind)
        colour = PALETTE[kinds.index(kind) % len(PALETTE)]
        data, template = _value_hover(part.assign(series=part["series_key"] + "<br><i>" + part["kind"] + "</i>"))
        traces.append(
            dict(
                type="scatter",
                x=part["year"].tolist(),
                y=part["y"].tolist(),
                mode="lines+markers",
                name=kind,  # the legend lists what is measured; hover names the series
                legendgroup=kind,
                showlegend=first_of_kind,
                line=dict(color=colour, width=2.5),
                marker=_qualifier_markers(part["qualifier"], colour, size=12),
                customdata=data.tolist(),
                hovertemplate=template,
            )
        )
    shapes, notes = [], []
    values = benchmarks.set_index("metric")["value"] if len(benchmarks) else pd.Series(dtype=float)
    bands = [
        ("employment_benchmark_minimum_pct", "employment_benchmark_average_pct", "minimal to average", "#f3e9d2"),
        ("employment_benchmark_average_pct", "employment_benchmark_excellent_pct", "average to excellent", "#dcebdc"),
    ]
    for low, high, label, colour in bands:
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
                    text=f"Benchmark {label} ({values[low]:.0f}–{values[high]:.0f}%)",
                    showarrow=False,
                    font=dict(size=13, color="#555"),
                )
            )
    layout = dict(
        **_frame(560, top=20, bottom=40),
        shapes=shapes,
        annotations=notes,
        hovermode="closest",
        xaxis=dict(
            title=dict(text="Year the figure refers to"), dtick=5, showgrid=True, gridcolor="#e6e6e6", **AXIS_FONTS
        ),
        yaxis=dict(title=dict(text="% of clients"), range=[0, 100], showgrid=True, gridcolor="#e6e6e6", **AXIS_FONTS),
        legend=dict(orientation="h", y=-0.15, x=0, font=dict(size=14), title=dict(text="What is measured: ")),
    )
    return go.Figure(data=traces, layout=layout)


def make_trials_chart(trials: pd.DataFrame, pooled: tuple[float, float, str]) -> go.Figure:
    """Dumbbells: control and IPS employment per trial, with N, place and year; the pooled figure as lines."""
    labels = [
        f"{s} · N={p:,.0f}" if p == p else f"{s} · N not given"
        for s, p in zip(trials["subject"], trials["participants"], strict=True)
    ]
    broad = trials["outcome"].str.contains("education|steadily", case=False)
    traces = []
    for i, label in enumerate(labels):
        traces.append(
            dict(
                type="scatter",
                x=[trials["control_pct"].iloc[i], trials["ips_pct"].iloc[i]],
                y=[label, label],
                mode="lines",
                line=dict(color="#b0b0b0", width=4),
                showlegend=False,
                hoverinfo="skip",
            )
        )
    hover = np.column_stack(
        [
            trials["subject"],
            trials["outcome"].str.replace("Trial: IPS arm ", "", regex=False),
            trials["follow_up"],
            trials["source_short"],
        ]
    ).tolist()
    template = (
        "<b>%{customdata[0]}</b><br>%{x:.1f}% %{customdata[1]}<br>Follow-up: %{customdata[2]}<br>"
        "Source: %{customdata[3]}<extra>%{fullData.name}</extra>"
    )
    for name, column, colour in (("Control", "control_pct", "#e69f00"), ("IPS", "ips_pct", "#0072b2")):
        traces.append(
            dict(
                type="scatter",
                x=trials[column].tolist(),
                y=labels,
                mode="markers",
                name=name,
                marker=dict(
                    size=14,
                    color=colour,
                    symbol=["circle-open" if b else "circle" for b in broad],
                    line=dict(width=2.5, color=colour),
                ),
                customdata=hover,
                hovertemplate=template,
            )
        )
    ips, control, source = pooled
    shapes = [
        dict(type="line", x0=v, x1=v, yref="paper", y0=0, y1=1, line=dict(color=c, width=2, dash="dash"))
        for v, c in ((ips, "#0072b2"), (control, "#e69f00"))
    ]
    notes = [
        dict(
            x=v,
            yref="paper",
            y=1.0,
            yanchor="bottom",
            showarrow=False,
            font=dict(size=13, color=c),
            text=f"Pooled, 28 trials: {t} {v:.0f}%",
        )
        for v, c, t in ((ips, "#0072b2", "IPS"), (control, "#b07800", "control"))
    ]
    layout = dict(
        font=FONT,
        height=120 + 34 * len(trials),
        margin=dict(l=10, r=10, t=40, b=40),
        plot_bgcolor="white",
        shapes=shapes,
        annotations=notes,
        hovermode="closest",
        xaxis=dict(
            title=dict(text=f"% obtaining competitive employment (pooled lines: {source})"),
            range=[0, 100],
            showgrid=True,
            gridcolor="#e6e6e6",
            **AXIS_FONTS,
        ),
        yaxis=dict(
            title=dict(text=""),
            automargin=True,
            tickfont=dict(size=13),
            tickmode="array",
            tickvals=labels,
            ticktext=labels,
        ),
        legend=dict(orientation="h", y=1.0, yanchor="bottom", x=1, xanchor="right", font=dict(size=14)),
    )
    return go.Figure(data=traces, layout=layout)


def make_fidelity_scatter(points: pd.DataFrame, bands: pd.DataFrame, fit, scale: str, synthetic: bool) -> go.Figure:
    """Latest fidelity score vs employment around the review, with bands, the OLS line, its 95% band, r and n."""
    band_colours = ["#f6f6f6", "#eaf1f8", "#dbe8f3", "#c9ddef"]
    shapes = [
        dict(
            type="rect",
            x0=b.lower,
            x1=b.upper + 1,
            yref="paper",
            y0=0,
            y1=1,
            layer="below",
            fillcolor=band_colours[i % 4],
            line=dict(width=0),
        )
        for i, b in enumerate(bands.itertuples())
    ]
    notes = [
        dict(
            x=(b.lower + b.upper + 1) / 2,
            yref="paper",
            y=1.0,
            yanchor="bottom",
            showarrow=False,
            text=f"{b.band}{'' if b.source_id else ' (uncited)'}",
            font=dict(size=12, color="#444"),
        )
        for b in bands.itertuples()
    ]
    hover = np.column_stack(
        [points["name"], points["geo_name"], points["review_date"].astype(str), points["quarters"], points["served"]]
    ).tolist()
    traces = [
        dict(
            type="scatter",
            x=points["total_score"].tolist(),
            y=points["employment_rate_pct"].tolist(),
            mode="markers",
            name="Programmes",
            marker=dict(size=11, color="#0072b2", opacity=0.8),
            customdata=hover,
            hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>Review %{customdata[2]}: "
            "%{x:.0f}<br>Employment over %{customdata[3]} quarters around it: %{y:.1f}% "
            "of %{customdata[4]:,.0f} served<extra></extra>",
        )
    ]
    if fit is not None:
        traces.append(
            dict(
                type="scatter",
                x=list(fit.x) + list(fit.x[::-1]),
                y=list(fit.high) + list(fit.low[::-1]),
                fill="toself",
                fillcolor="rgba(213,94,0,0.15)",
                line=dict(width=0),
                name="95% band",
                hoverinfo="skip",
            )
        )
        traces.append(
            dict(
                type="scatter",
                x=list(fit.x),
                y=list(fit.intercept + fit.slope * fit.x),
                mode="lines",
                name="Least-squares line",
                line=dict(color="#d55e00", width=3),
                hoverinfo="skip",
            )
        )
        notes.append(
            dict(
                xref="paper",
                yref="paper",
                x=0.01,
                y=0.98,
                xanchor="left",
                yanchor="top",
                showarrow=False,
                text=f"<b>r = {fit.r:.2f}, n = {fit.n}</b>",
                font=dict(size=18),
                bgcolor="rgba(255,255,255,0.8)",
            )
        )
    if synthetic:  # the label travels with the chart, into PNG exports and screenshots
        notes.append(
            dict(
                xref="paper",
                yref="paper",
                x=0.99,
                y=0.02,
                xanchor="right",
                yanchor="bottom",
                showarrow=False,
                text="DEMONSTRATION DATA: generated, not real programmes",
                font=dict(size=16, color="#a05a00"),
                bgcolor="rgba(255,244,214,0.9)",
            )
        )
    layout = dict(
        **_frame(520, top=40, bottom=40),
        shapes=shapes,
        annotations=notes,
        hovermode="closest",
        xaxis=dict(
            title=dict(text=f"Latest {scale} fidelity score"),
            showgrid=True,
            gridcolor="#e6e6e6",
            range=[max(0, points["total_score"].min() - 5) if len(points) else 25, 126],
            **AXIS_FONTS,
        ),
        yaxis=dict(
            title=dict(text="Employment rate around the review (%)"),
            rangemode="tozero",
            showgrid=True,
            gridcolor="#e6e6e6",
            **AXIS_FONTS,
        ),
        legend=dict(orientation="h", y=-0.15, font=dict(size=14)),
    )
    return go.Figure(data=traces, layout=layout)


def make_programme_history(history: dict[str, pd.DataFrame]) -> go.Figure:
    """One programme's quarterly employment rate and its fidelity reviews on one timeline (two axes)."""
    quarters, reviews = history["quarters"], history["reviews"]
    x_quarters = [pd.Period(q.replace("-", ""), freq="Q").start_time for q in quarters["quarter"]]
    traces = [
        dict(
            type="scatter",
            x=x_quarters,
            y=quarters["employment_rate_pct"].tolist(),
            mode="lines+markers",
            name="Quarterly employment rate (%)",
            line=dict(color="#0072b2", width=3),
        ),
        dict(
            type="scatter",
            x=pd.to_datetime(reviews["review_date"]).tolist(),
            y=reviews["total_score"].tolist(),
            mode="markers",
            yaxis="y2",
            name="Fidelity review score",
            marker=dict(size=15, symbol="diamond", color="#d55e00"),
            customdata=reviews["scale"].tolist(),
            hovertemplate="%{customdata}: %{y}<extra></extra>",
        ),
    ]
    layout = dict(
        **_frame(380, top=20, bottom=40),
        xaxis=dict(title=dict(text=""), showgrid=True, gridcolor="#e6e6e6", **AXIS_FONTS),
        yaxis=dict(title=dict(text="Employment rate (%)"), rangemode="tozero", **AXIS_FONTS),
        yaxis2=dict(title=dict(text="Fidelity score"), overlaying="y", side="right", **AXIS_FONTS),
        legend=dict(orientation="h", y=-0.2, font=dict(size=14)),
    )
    return go.Figure(data=traces, layout=layout)

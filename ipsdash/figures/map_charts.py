"""The adoption map and an area's milestone timeline."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ipsdash.domain import adoption
from ipsdash.domain.adoption import Category, Measure
from ipsdash.domain.formatting import date_text
from ipsdash.domain.vocabulary import EXACT_DATE_QUALIFIERS, event_label
from ipsdash.figures.style import AXIS_FONTS, FONT, GRID, LAND, folded, legend_below, note, source_hover
from ipsdash.i18n import _, formats

STEP = dict(frame=dict(duration=0, redraw=True), transition=dict(duration=0), mode="immediate")
PLAY = dict(frame=dict(duration=450, redraw=True), transition=dict(duration=0), fromcurrent=False, mode="immediate")


def _legend(measure: Measure, categories: pd.DataFrame, unknown_label: str) -> list[Category]:
    """The categories drawn, the base-map grey first (bins always, others only where used); `unknown_label`
    in the language in use."""
    used = set(categories["category"])
    shown = [c for c in measure.categories if c.key.startswith("bin") or c.key in used]
    return [Category("", unknown_label, LAND), *shown]


def count_text(measure: Measure, column: pd.Series, year: int, area_noun: str) -> str:
    """The running count of a year's map: '23 countries with IPS documented by 2004'."""
    n = sum(measure.counts(k) for k in column if k)
    return adoption.count_text(measure.key, area_noun, n, year)


COUNT_CHARACTERS = 30  # the count folds onto lines a phone shows whole, in the longer languages too


def _count_note(measure: Measure, column: pd.Series, year: int, area_noun: str) -> dict:
    return note(
        f"<b>{folded(count_text(measure, column, year, area_noun), COUNT_CHARACTERS)}</b>",
        0.01,
        0.99,
        xanchor="left",
        yanchor="top",
        align="left",
        font=dict(size=18),
        bgcolor="rgba(255,255,255,0.85)",
    )


def _legend_traces(legend: list[Category]) -> list[go.Scattergeo]:
    """A legend entry per colour (a choropleth's colour bar cannot fold under the map on a phone)."""
    return [
        go.Scattergeo(
            lon=[None],
            lat=[None],
            mode="markers",
            name=folded(c.text()),  # a phone shows it whole
            marker=dict(size=14, symbol="square", color=c.colour, line=dict(color="#8a8f96", width=1)),
            showlegend=True,
            hoverinfo="skip",
        )
        for c in legend
    ]


BUTTONS_HEIGHT, SLIDER_HEIGHT = 34, 56
# The whole map, its controls and its legend fit under the page's title and settings on a 1280 x 720
# screen (a policymaker's laptop, most projectors): the legend is what makes the colours readable.
MAP_HEIGHT = 465
CONTROLS_HEIGHT = BUTTONS_HEIGHT + SLIDER_HEIGHT  # the top margin: Play and Pause, the year slider under them


def _controls(years: list[int], year: int) -> dict:
    """Play and pause, and under them the map's own year slider across the whole width (on a phone, a
    slider beside the buttons would run under them), in the top margin above the map. A margin of fixed
    height keeps them in place whatever height the chart is finally drawn at (a slide that fills its box
    is drawn twice, and Plotly leaves controls placed against the plot area where the first draw put them)."""
    buttons = [
        # TRANSLATORS: the map's animation buttons; keep the symbols.
        dict(label=_("▶ Play"), method="animate", args=[None, PLAY]),
        dict(label=_("❚❚ Pause"), method="animate", args=[[None], STEP]),
    ]
    steps = [
        dict(label=str(y) if y % 5 == 0 else "", method="animate", args=[[str(y)], STEP], value=str(y)) for y in years
    ]
    return dict(
        updatemenus=[
            dict(
                type="buttons",
                direction="left",
                x=0.0,
                y=1.0,
                xanchor="left",
                yanchor="bottom",
                showactive=False,
                pad=dict(b=SLIDER_HEIGHT),
                font=dict(size=15),
                buttons=buttons,
            )
        ],
        sliders=[
            dict(
                active=years.index(year),
                x=0.0,
                len=1.0,
                y=1.0,
                yanchor="bottom",
                pad=dict(t=0, b=2, l=10, r=10),
                currentvalue=dict(visible=False),
                font=dict(size=13),
                steps=steps,
            )
        ],
    )


def _geo(scope: str) -> dict:
    # No base map: every area is drawn from our own GeoJSON (the grey ones by _background), so the browser
    # neither parses nor draws a second copy of the world's shapes (about 150 ms of a map page's load).
    geo = dict(
        domain=dict(x=[0, 1], y=[0, 1]),
        showframe=False,
        showcoastlines=False,
        showland=False,
        showcountries=False,
        showocean=False,
        showlakes=False,
        bgcolor="rgba(0,0,0,0)",
    )
    if scope == "usa":
        geo.update(scope="usa", projection_type="albers usa", showsubunits=False)
    elif scope == "europe":
        # Mercator over Europe's box: Plotly's own Europe scope drew the continent a third of the map's height.
        west, east, south, north = VIEW_RANGES["europe"]
        geo.update(projection_type="mercator", lataxis_range=[south, north], lonaxis_range=[west, east])
    else:
        west, east, south, north = VIEW_RANGES["world"]
        geo.update(projection_type="natural earth", lataxis_range=[south, north], lonaxis_range=[west, east])
    return geo


# What each view shows (west, east, south, north); the US view's projection shows the states alone.
VIEW_RANGES = {"world": (-168, 190, -57, 84), "europe": (-25, 45, 34, 71)}


def _in_view(bounds: tuple[float, float, float, float], scope: str) -> bool:
    if scope not in VIEW_RANGES:
        return True
    west, east, south, north = VIEW_RANGES[scope]
    return bounds[0] <= east and bounds[2] >= west and bounds[1] <= north and bounds[3] >= south


def _background(geojson_url: str | dict, areas: Mapping[str, tuple], scope: str) -> list[go.Choropleth]:
    """The areas with no data that lie in the view, grey, as a base map would draw them: no hover, no click,
    never animated. (An area far outside a conic projection's view would be drawn across the whole map.)"""
    areas = sorted(code for code, bounds in areas.items() if _in_view(bounds, scope))
    if not areas:
        return []
    return [
        go.Choropleth(
            geojson=geojson_url,
            featureidkey="id",
            locations=list(areas),
            z=[0] * len(areas),
            colorscale=[(0, LAND), (1, LAND)],
            showscale=False,
            showlegend=False,
            marker=dict(line=dict(color="white", width=0.6)),
            hoverinfo="skip",
        )
    ]


def make_adoption_map(
    measure: Measure,
    categories: pd.DataFrame,
    summaries: pd.Series,
    *,
    geojson_url: str | dict,
    areas: Mapping[str, tuple] | None = None,
    scope: str,
    area_noun: str,
    unknown_label: str,
    year: int,
) -> go.Figure:
    """An animated choropleth: one trace, one frame a year, frames carrying only colours and counts.

    The geometry is a URL the browser fetches once from the app's static folder, so neither the
    figure nor its frames repeat it over the websocket (an export passes the GeoJSON itself). `areas`: every
    area the GeoJSON draws, with its bounding box; those without data are drawn grey beside the animated trace
    (trace 0).
    """
    legend = _legend(measure, categories, unknown_label)
    index = {c.key: i for i, c in enumerate(legend)}
    label_of = {c.key: c.text() for c in legend}
    codes = sorted(categories["geo_code"].unique())
    wide = categories.pivot(index="geo_code", columns="year", values="category").loc[codes]
    years = list(wide.columns)
    n = len(legend)
    colourscale = [step for i, c in enumerate(legend) for step in ((i / n, c.colour), ((i + 1) / n, c.colour))]

    def colours(y: int) -> dict:
        return dict(z=[index[k] for k in wide[y]], text=[label_of.get(k, unknown_label) for k in wide[y]])

    choropleth = go.Choropleth(
        geojson=geojson_url,
        featureidkey="id",
        locations=codes,
        customdata=summaries.reindex(codes).fillna("").tolist(),
        zmin=-0.5,
        zmax=n - 0.5,
        colorscale=colourscale,
        showscale=False,
        showlegend=False,
        marker=dict(line=dict(color="white", width=0.6)),
        # TRANSLATORS: in a map's hover: the legend entry of the area's colour.
        hovertemplate="%{customdata}<br><i>" + _("Colour: {colour}").format(colour="%{text}") + "</i><extra></extra>",
        **colours(year),
    )
    frames = [
        go.Frame(
            name=str(y),
            data=[go.Choropleth(**colours(y))],
            traces=[0],
            layout=dict(annotations=[_count_note(measure, wide[y], y, area_noun)]),
        )
        for y in years
    ]
    without_data = {code: bounds for code, bounds in (areas or {}).items() if code not in set(codes)}
    background = _background(geojson_url, without_data, scope)
    figure = go.Figure(data=[choropleth, *background, *_legend_traces(legend)], frames=frames)
    figure.update_layout(
        font=FONT,
        separators=formats.plotly_separators(),
        height=MAP_HEIGHT,
        margin=dict(l=0, r=0, t=CONTROLS_HEIGHT, b=10),
        dragmode=False,
        annotations=[_count_note(measure, wide[year], year, area_noun)],
        legend=legend_below(),  # under the map, the controls being above it
        **_controls(years, year),
    )
    figure.update_geos(**_geo(scope))
    return figure


def make_milestone_timeline(milestones: pd.DataFrame) -> go.Figure:
    """A dot per dated milestone on a time axis, one row per kind of event; hollow when the date is vague."""
    frame = milestones.assign(
        label=milestones["event"].map(event_label),
        when=[
            date_text(y, q, p)
            for y, q, p in zip(milestones["year"], milestones["qualifier"], milestones["period"], strict=True)
        ],
        exact=milestones["qualifier"].isin(EXACT_DATE_QUALIFIERS),
    )
    figure = go.Figure()
    for exact, part in frame.groupby("exact", sort=False):
        figure.add_scatter(
            x=part["year"],
            y=part["label"],
            mode="markers",
            name=_("Dated exactly") if exact else _("Approximate or 'by' date"),
            marker=dict(size=16, symbol="circle" if exact else "circle-open", line=dict(width=2.5), color="#0b4f8a"),
            customdata=np.column_stack([part["geo_name"], part["when"], part["source_short"], part["locator"]]),
            hovertemplate="<b>%{y}</b>: %{customdata[1]}<br>%{customdata[0]}<br>"
            + source_hover("%{customdata[2]}", "%{customdata[3]}")
            + "<extra></extra>",
        )
    figure.update_layout(
        font=FONT,
        separators=formats.plotly_separators(),
        height=150 + 56 * frame["label"].nunique(),
        margin=dict(l=10, r=10, t=10, b=10),
        xaxis=dict(title=_("Year"), dtick=5, **GRID, **AXIS_FONTS),
        # Each kind of event is named above its row, inside the plot: names beside the axis took half of a
        # phone's width from the time axis.
        yaxis=dict(title="", ticklabelposition="inside top", ticklabelstandoff=14, **AXIS_FONTS),
        legend=legend_below(),
        plot_bgcolor="white",
    )
    return figure

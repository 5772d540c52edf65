"""DataFrames in, Plotly figures out. No data access and no Streamlit here."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ipsdash.adoption import EVENT_LABELS, Category, Measure, date_text

FONT = dict(size=16, color="#101418")  # family left to the Streamlit theme (its bundled font)
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
        return dict(
            text=f"<b>{n} {area_noun} {measure.count_phrase} {y}</b>",
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
    return figure

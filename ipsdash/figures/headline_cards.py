"""Key figures as a picture, for image and PDF exports of a 'figures' view (the page shows metric cards)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ipsdash.figures.style import FONT


def make_figure_cards(cards: pd.DataFrame) -> go.Figure:
    """One big number per key figure, side by side, each with its label underneath."""
    n = max(len(cards), 1)
    figure = go.Figure()
    for i, card in enumerate(cards.itertuples()):
        x0, x1 = i / n, (i + 1) / n
        figure.add_annotation(
            text=f"<b>{card.text}</b>",
            x=(x0 + x1) / 2,
            y=0.62,
            xref="paper",
            yref="paper",
            showarrow=False,
            font=dict(size=64, color="#0b4f8a"),
        )
        figure.add_annotation(
            text=card.label,
            x=(x0 + x1) / 2,
            y=0.3,
            xref="paper",
            yref="paper",
            showarrow=False,
            font=dict(size=18),
            width=max(120, int(1100 / n)),
        )
    figure.update_layout(
        font=FONT,
        height=360,
        margin=dict(l=10, r=10, t=10, b=10),
        plot_bgcolor="white",
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
    )
    return figure

"""The look shared by every chart: projector-size type, a colour-blind-safe palette, legends below the
plot (so a phone keeps the full width for the data), and markers whose shape says what a value is."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from ipsdash.domain.formatting import value_texts
from ipsdash.domain.vocabulary import QUALIFIERS, qualifier_legend
from ipsdash.i18n import _, formats

FONT = dict(size=16, color="#101418")  # family left to the Streamlit theme (its bundled font)
AXIS_FONTS = dict(tickfont=dict(size=15, color="#202830"), title_font=dict(size=17, color="#202830"))
GRID = dict(showgrid=True, gridcolor="#e6e6e6")
# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"]
GREY = "#555555"
LAND = "#e4e6ea"


def legend_below(title: str = "", y: float = 0) -> dict:
    """A horizontal legend at the foot of the figure, under the axis title (the margin grows to fit it):
    on a phone it wraps instead of covering the data, whatever height the chart is drawn at."""
    legend = dict(orientation="h", x=0, xanchor="left", yref="container", y=y, yanchor="bottom", font=dict(size=14))
    if title:
        legend["title"] = dict(text=title)
    return legend


LEGEND_CHARACTERS = 40  # a legend entry longer than this folds onto more lines (a phone shows about 44)


def folded(text: str, width: int = LEGEND_CHARACTERS) -> str:
    """`text` on lines of at most `width` characters, for a legend entry or a note a phone must show whole."""
    return "<br>".join(textwrap.wrap(text, width))


def fold_legend(traces: list[dict], width: int = LEGEND_CHARACTERS) -> list[dict]:
    """Traces whose legend entry would run off a phone's screen keep their name (hover, tests and links
    read it) but hide their own entry; a legend-only stand-in right after it shows the name folded onto
    lines. The stand-in shares the trace's legend group, so clicking it still hides or shows the trace."""
    traces_out = []
    for trace in traces:
        name = trace.get("name") or ""
        traces_out.append(trace)
        if len(name) <= width or trace.get("showlegend") is False or "<br>" in name:
            continue
        group = trace.get("legendgroup") or name
        trace.update(legendgroup=group, showlegend=False)
        marker = {k: v for k, v in (trace.get("marker") or {}).items() if k in ("color", "size", "line")}
        symbols = (trace.get("marker") or {}).get("symbol")
        if symbols is not None:
            marker["symbol"] = symbols if isinstance(symbols, str) else (list(symbols) or ["circle"])[0]
        traces_out.append(
            dict(
                type="scatter",
                x=[None],
                y=[None],
                mode=trace.get("mode") or "lines",
                name=folded(name, width),
                legendgroup=group,
                showlegend=True,
                line=trace.get("line") or {},
                marker=marker,
                fill=trace.get("fill") or "none",
                fillcolor=trace.get("fillcolor"),
                hoverinfo="skip",
            )
        )
    return traces_out


def frame(height: int, top: int = 30, bottom: int = 40) -> dict:
    """Layout shared by the charts: the theme's font at projector size, white plot, small margins, and the
    language's decimal and group marks."""
    return dict(
        font=FONT,
        height=height,
        margin=dict(l=10, r=10, t=top, b=bottom),
        plot_bgcolor="white",
        autosize=True,
        separators=formats.plotly_separators(),  # axes and hover numbers as the language writes them
    )


AXIS_TITLE_CHARACTERS = 24  # a longer axis title folds onto two lines: a phone's plot is about 200 px tall


def axis(title: str, **extra) -> dict:
    """An axis with a title (folded when long: in Spanish or Italian a y title ran off a phone's chart), the
    grid and legible type."""
    if "<br>" not in title:  # a title laid out on lines already is left as it is
        title = folded(title, max(AXIS_TITLE_CHARACTERS, len(title) // 2 + 4))  # two lines of about half each
    return dict(title=dict(text=title), **GRID, **AXIS_FONTS, **extra)


def qualifier_markers(qualifiers: pd.Series, colour: str, size: int) -> dict:
    """Markers whose shape says what each value is (exact, bound, approximate, target...)."""
    symbols = [QUALIFIERS[q].symbol if q in QUALIFIERS else "circle" for q in qualifiers]
    return dict(size=size, color=colour, symbol=symbols, line=dict(width=2, color=colour))


def marker_legend(qualifiers: pd.Series) -> list[dict]:
    """One legend entry per marker shape shown, so the shapes explain themselves."""
    return [
        dict(
            type="scatter",
            x=[None],
            y=[None],
            mode="markers",
            name=qualifier_legend(q),
            marker=dict(size=12, symbol=QUALIFIERS[q].symbol, color="#444"),
        )
        for q in dict.fromkeys(qualifiers)
        if q in QUALIFIERS
    ]


def value_hover(frame: pd.DataFrame) -> tuple[list, str]:
    """Hover data and template: area · series, the value with its qualifier, and its source."""
    data = np.column_stack(
        [
            frame["geo_name"],
            frame["series"],
            frame["period"],
            value_texts(frame),
            frame["source_short"],
            frame["locator"],
        ]
    )
    template = (
        "<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[2]}: <b>%{customdata[3]}</b><br>"
        + source_hover("%{customdata[4]}", "%{customdata[5]}")
        + "<extra></extra>"
    )
    return data.tolist(), template


def source_hover(source: str, locator: str | None = None) -> str:
    """'Source: …, …' in a hover template, in the language in use; `source` and `locator` are Plotly's
    placeholders ('%{customdata[4]}')."""
    if locator is None:
        # TRANSLATORS: in a chart's hover; {source} is the source's short name.
        return _("Source: {source}").format(source=source)
    # TRANSLATORS: in a chart's hover; {source} is the source's short name, {locator} where in it (a table, a page).
    return _("Source: {source}, {locator}").format(source=source, locator=locator)


def vertical_lines(xs, colour: str, dash: str = "dot", width: int = 1) -> list[dict]:
    """Full-height vertical lines at the given x values."""
    return [
        dict(type="line", x0=x, x1=x, yref="paper", y0=0, y1=1, line=dict(color=colour, width=width, dash=dash))
        for x in xs
    ]


def note(text: str, x: float, y: float, **extra) -> dict:
    """A text annotation placed in paper coordinates."""
    return dict(text=text, x=x, y=y, xref="paper", yref="paper", showarrow=False, **extra)

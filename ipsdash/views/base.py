"""What every view returns: one object that the page, the slide, the offline talk, the image export and
the CSV download all render, so they cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from ipsdash.domain import provenance
from ipsdash.domain.formatting import format_number


@dataclass
class View:
    """A built view: its title, figure, the data it draws, the sources behind that data, and words."""

    title: str
    figure: go.Figure | None
    data: pd.DataFrame  # exactly what is drawn, one row per mark, with its source columns
    cited: pd.DataFrame  # provenance.cite() of what is drawn (and of the numbers in `notes`)
    notes: tuple[str, ...] = ()  # plain-text sentences shown under the chart (Markdown-escaped there)
    alt: str = ""  # the text alternative: what is shown, its extremes, the latest value, the source
    name: str = "view"  # file-name stem for downloads
    synthetic: bool = False  # draws the generated demonstration set
    extra: dict = field(default_factory=dict)  # view-specific results a page may show (e.g. a table)

    @property
    def source_line(self) -> str:
        """'Source: ...' in plain text, as burnt into images and slides."""
        return provenance.source_line(self.cited)


def describe_extremes(frame: pd.DataFrame, value: str, label: str, unit: str = "", where: str = "year") -> str:
    """'lowest 3 (2001), highest 857 (2019), latest 857 (2019)' for a text alternative."""
    rows = frame.dropna(subset=[value])
    if rows.empty:
        return "no values"
    low, high = rows.loc[rows[value].idxmin()], rows.loc[rows[value].idxmax()]
    last = rows.sort_values(where).iloc[-1]

    def text(row) -> str:
        place = f"{row[label]}, " if label and label in row else ""
        return f"{format_number(row[value], unit)} ({place}{row[where]:.0f})"

    return f"lowest {text(low)}, highest {text(high)}, latest {text(last)}"


def alt_text(what: str, detail: str, cited: pd.DataFrame) -> str:
    """One or two sentences for screen readers: what is shown, the figures, and the source."""
    return f"{what}. {detail[0].upper() + detail[1:] if detail else ''}. {provenance.source_line(cited)}.".replace(
        ". .", "."
    )

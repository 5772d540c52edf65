"""What every view returns: one object that the page, the slide, the offline talk, the image export and
the CSV download all render, so they cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ipsdash.domain import provenance
from ipsdash.domain.formatting import format_number
from ipsdash.i18n import _


@dataclass(frozen=True)
class Withheld:
    """What a view leaves out so that confidential data stays confidential, and why. Decided once, in the
    view's build (the same decision the page uses for its filters), and said in the view's notes."""

    what: str  # e.g. "programme names and points, and the area and year filters" (in the language in use)
    why: str  # e.g. "the imported programme data is confidential" (in the language in use)
    suppressed: int = 0  # groups left out for being too small to show without singling one out


@dataclass
class View:
    """A built view: its title, figure, the data it draws, the sources behind that data, and every word said
    about it. The page, the slide, the offline talk, the published copy and the image export show the same
    `notes` and `credits`; none of them adds words of its own about the chart."""

    title: str
    figure: go.Figure | None
    data: pd.DataFrame  # exactly what is drawn, one row per mark, with its source columns
    cited: pd.DataFrame  # provenance.cite() of what is drawn (and of the numbers in `notes`)
    notes: tuple[str, ...] = ()  # plain-text sentences shown with the chart (how to read it, what it leaves out)
    alt: str = ""  # the text alternative: what is shown, its extremes, the latest value, the source
    name: str = "view"  # file-name stem for downloads
    synthetic: bool = False  # draws the generated demonstration set
    year: int | None = None  # the year actually drawn, where the view is of one year (may differ from the asked)
    withheld: Withheld | None = None  # None: nothing was left out for confidentiality
    credits: tuple[tuple[str, pd.DataFrame], ...] = ()  # a labelled source line for part of what is drawn
    table: pd.DataFrame | None = None  # a summary of the data drawn, shown as a table beside the chart

    @property
    def source_line(self) -> str:
        """'Source: ...' in plain text, as burnt into images and slides."""
        return provenance.source_line(self.cited)

    def credit_lines(self) -> list[str]:
        """Each labelled source line in plain text, e.g. 'Benchmark bands: Bond et al. 2012 (Table 2)'."""
        return [provenance.source_line(rows, prefix=label) for label, rows in self.credits]


def describe_extremes(frame: pd.DataFrame, value: str, label: str, unit: str = "", where: str = "year") -> str:
    """'lowest 3 (2001), highest 857 (2019), latest 857 (2019)' for a text alternative."""
    rows = frame.dropna(subset=[value])
    if rows.empty:
        return _("no values")
    low, high = rows.loc[rows[value].idxmin()], rows.loc[rows[value].idxmax()]
    last = rows.sort_values(where).iloc[-1]

    def text(row) -> str:
        place = f"{row[label]}, " if label and label in row else ""
        return f"{format_number(row[value], unit)} ({place}{row[where]:.0f})"

    # TRANSLATORS: in a chart's text alternative: 'lowest 3 (2001), highest 857 (2019), latest 857 (2019)'.
    return _("lowest {lowest}, highest {highest}, latest {latest}").format(
        lowest=text(low), highest=text(high), latest=text(last)
    )


def alt_text(what: str, detail: str, cited: pd.DataFrame) -> str:
    """One or two sentences for screen readers: what is shown, the figures, and the source."""
    return f"{what}. {detail[0].upper() + detail[1:] if detail else ''}. {provenance.source_line(cited)}.".replace(
        ". .", "."
    )

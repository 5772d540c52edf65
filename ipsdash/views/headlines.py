"""Key figures side by side: the home page's cards and a talk's 'figures' slides."""

from __future__ import annotations

import duckdb
import pandas as pd

from ipsdash.domain import provenance
from ipsdash.figures.headline_cards import make_figure_cards
from ipsdash.i18n import N_, _
from ipsdash.store import key_figures
from ipsdash.views.base import View, alt_text
from ipsdash.views.settings import FiguresSettings

# US programme counts that count different things: side by side, a note says they are not one series.
US_COUNTS = ("us_programmes_2019", "us_lc_programmes_2019", "us_lc_teams_2020", "us_programmes_2020_estimate")
US_COUNTS_NOTE = N_(
    "US programme counts measure different things (all programmes, learning-community programmes, "
    "learning-community teams, an estimate including veterans' services) and are never joined into one series."
)


def options(con: duckdb.DuckDBPyConnection | None = None) -> dict[str, str]:
    """Every key figure a slide may name, with its label (in the language in use)."""
    return {name: _(spec.label) for name, spec in key_figures.REGISTRY.items()}


def build(con: duckdb.DuckDBPyConnection, settings: FiguresSettings) -> View:
    """The named figures as cards: label, value with its qualifier, a caption from the store, the source."""
    resolved = key_figures.resolve(con, settings.keys)
    rows, captions_cited = [], []
    for name in settings.keys:
        figure = resolved[name]
        caption, caption_cited = key_figures.fill(con, figure.caption)
        captions_cited.append(caption_cited)
        first = figure.rows.iloc[0]
        rows.append(
            dict(
                name=name,
                label=figure.label,
                text=figure.text,
                value=figure.value,
                unit=figure.unit,
                qualifier=figure.qualifier,
                caption=caption,
                source_id=first["source_id"],
                source_short=first["source_short"],
                locator=first["locator"],
                citation=first.get("citation", ""),
                note=first.get("note", ""),
            )
        )
    cards = pd.DataFrame(rows)
    cited = provenance.cite(*(resolved[n].rows for n in settings.keys), *captions_cited)
    detail = "; ".join(f"{c.label}: {c.text}" for c in cards.itertuples())
    return View(
        title=_("Key figures"),
        figure=make_figure_cards(cards),
        data=cards,
        cited=cited,
        alt=alt_text(_("Key figures"), detail, cited),
        notes=(_(US_COUNTS_NOTE),) if len(set(settings.keys) & set(US_COUNTS)) > 1 else (),
        name="key-figures",
    )

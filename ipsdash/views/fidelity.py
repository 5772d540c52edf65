"""Fidelity against employment, with the published correlations; one programme's story.

Imported programme data is confidential. Unless the session is unlocked by an admin or every programme
drawn was imported as public (the demonstration set is public: it is generated), the public sees
groups of programmes by fidelity band only, groups of fewer than MIN_GROUP suppressed and said so.
A correlation line needs at least MIN_FIT programmes.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from ipsdash.domain import provenance, stats
from ipsdash.domain.vocabulary import FIDELITY_SCALES
from ipsdash.figures.fidelity_charts import make_fidelity_scatter, make_programme_history
from ipsdash.store import queries
from ipsdash.views.base import View, Withheld, alt_text
from ipsdash.views.settings import FidelityOptions, FidelitySettings

MIN_GROUP = 5
MIN_FIT = 10
GROUP_WIDTH = 10  # score points per group when a scale has no bands


def options(con: duckdb.DuckDBPyConnection) -> FidelityOptions:
    """Scales, areas and review years the programme data has."""
    found = queries.get_fidelity_filters(con)
    scales = {s: s for s in found["scales"]["scale"] if s in FIDELITY_SCALES}
    return FidelityOptions(
        scales,
        dict(zip(found["geo"]["value"], found["geo"]["label"], strict=True)),
        [int(y) for y in found["years"]["year"]],
    )


def _groups(points: pd.DataFrame, bands: pd.DataFrame, scale: str) -> tuple[pd.DataFrame, int]:
    """Programmes pooled by fidelity band (or by score range): n, mean score, pooled employment rate.
    Groups of fewer than MIN_GROUP programmes are dropped; returns the groups and how many were."""
    if len(bands):
        edges = [*bands["lower"], bands["upper"].iloc[-1] + 1]
        labels = list(bands["band"])
    else:
        spec = FIDELITY_SCALES[scale]
        edges = list(range(spec.low, spec.high + GROUP_WIDTH + 1, GROUP_WIDTH))
        labels = [f"{a}–{b - 1}" for a, b in itertools.pairwise(edges)]
    band = pd.cut(points["total_score"], edges, labels=labels, right=False)
    employed = points["employment_rate_pct"] * points["served"] / 100
    grouped = (
        points.assign(label=band, employed=employed)
        .groupby("label", observed=True)
        .agg(
            programmes=("programme_id", "size"),
            total_score=("total_score", "mean"),
            served=("served", "sum"),
            employed=("employed", "sum"),
        )
        .reset_index()
    )
    grouped["employment_rate_pct"] = grouped["employed"] / grouped["served"] * 100
    kept = grouped[grouped["programmes"] >= MIN_GROUP]
    return kept.drop(columns="employed").assign(label=kept["label"].astype(str)), int(
        (grouped["programmes"] < MIN_GROUP).sum()
    )


def is_confidential(con: duckdb.DuckDBPyConnection) -> bool:
    """True when any programme was imported without being marked public (the demonstration set is public)."""
    return bool(queries.get_fidelity_filters(con)["confidential"]["any"].iloc[0])


def reveals(con: duckdb.DuckDBPyConnection, unlocked: bool) -> bool:
    """Whether programmes may be shown one by one (with the area and year filters): to an unlocked admin
    session, or when no programme is confidential. The page asks this to offer its filters; the build asks
    the same, and says in `View.withheld` what it left out when the answer is no."""
    return unlocked or not is_confidential(con)


READING_NOTE = (
    "Each dot is a programme (or, for confidential data, a group of programmes): its latest review on this scale, "
    "and the share of its clients working over the review's quarter and two quarters either side. Shaded: fidelity "
    "bands (uncited cut-points say so)."
)


def _withheld_note(withheld: Withheld) -> str:
    small = f" {withheld.suppressed} group(s) of fewer than {MIN_GROUP} programmes are not shown."
    return (
        "Programme data is confidential: groups of programmes by fidelity band are shown, not programmes, "
        "and not by area or year." + (small if withheld.suppressed else "")
    )


@dataclass
class FidelityView(View):
    """The fidelity scatter, with its fitted line (None when there is none) and the published findings."""

    fit: stats.LineFit | None = None
    published: pd.DataFrame = field(default_factory=pd.DataFrame)


def build(con: duckdb.DuckDBPyConnection, settings: FidelitySettings) -> FidelityView:
    """Fidelity score against employment around the review, with bands, line, r and n where allowed.

    For the public, confidential data is shown as groups of all programmes: no area or year filter, whose
    differences could single one programme out, and the line drawn only across the groups' means."""
    reveal = reveals(con, settings.reveal)
    geo, year = (settings.geo, settings.year) if reveal else ((), None)
    points = queries.get_fidelity_points(con, settings.scale, list(geo), year)
    bands = queries.get_fidelity_bands(con, settings.scale)
    synthetic = bool(points["is_synthetic"].any())
    notes, withheld = [], None
    if reveal:
        drawn, span = (
            points.assign(name=points["name"].map(html.escape), geo_name=points["geo_name"].map(html.escape)),
            None,
        )
        detail = f"{len(points)} programmes"
    else:
        drawn, suppressed = _groups(points, bands, settings.scale)
        span = (drawn["total_score"].min(), drawn["total_score"].max()) if len(drawn) > 1 else None
        withheld = Withheld(
            "programme names and points, and the area and year filters",
            "the imported programme data is confidential",
            suppressed,
        )
        notes.append(_withheld_note(withheld))
        detail = f"{int(drawn['programmes'].sum())} programmes in {len(drawn)} groups"
    fit = None
    if len(points) >= MIN_FIT and (reveal or span):
        fit = stats.fit_line(points["total_score"], points["employment_rate_pct"], span=span)
    if fit is not None:
        detail += f"; least-squares line r = {fit.r:.2f}, n = {fit.n}"
    else:
        notes.append(
            f"No correlation line: it needs at least {MIN_FIT} programmes and these settings give {len(points)}."
        )
    cited = provenance.cite(bands, programme_sources(con, synthetic, points["import_ids"]))
    return FidelityView(
        title=f"{settings.scale} fidelity and employment",
        figure=make_fidelity_scatter(drawn, bands, fit, settings.scale, synthetic),
        data=drawn if not reveal else points,
        cited=cited,
        notes=(*notes, READING_NOTE),
        alt=alt_text(f"Scatter of {settings.scale} fidelity score against employment rate", detail, cited),
        name=f"fidelity-{settings.scale}",
        synthetic=synthetic,
        withheld=withheld,
        fit=fit,
        published=queries.get_published_correlations(con),
    )


def programme_sources(con: duckdb.DuckDBPyConnection, synthetic: bool, import_ids: pd.Series) -> pd.DataFrame:
    """What programme points rest on: the demonstration set's parameters, or each import behind them (its
    file, when public, the day it was imported and its rows; a confidential import is named by its id)."""
    if synthetic:
        return pd.DataFrame(
            [("data:demo", "Demonstration set (data/demo.yml)", "generated")], columns=provenance.COLUMNS
        )
    ids = sorted({i for text in import_ids.dropna() for i in str(text).split("; ") if i})
    return queries.get_import_sources(con, ids)


def published_lines(published: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Each published fidelity-employment finding as a sentence, with the row it cites."""
    lines = []
    for i, row in enumerate(published.itertuples()):
        if row.metric == "fidelity_employment_r":
            text = f"r = {row.value:.2f}, {row.subject} ({row.period})"
        elif row.metric == "months_to_largest_improvement":
            text = f"{row.subject}: employment improved most after {row.value:.0f} months"
        else:
            text = f"{row.subject}: {row.note.rstrip('.')}"
        lines.append((text, published.iloc[[i]]))
    return lines


def build_programme(con: duckdb.DuckDBPyConnection, programme_id: str, label: str) -> View:
    """One programme's quarterly employment rate and fidelity reviews (for unlocked sessions only)."""
    history = queries.get_programme_history(con, programme_id)
    quarters, reviews = history["quarters"], history["reviews"]
    rates = quarters["employment_rate_pct"].dropna()
    detail = (
        f"{len(quarters)} quarters, employment {rates.min():.0f}–{rates.max():.0f}%" if len(rates) else "no quarters"
    )
    detail += f"; {len(reviews)} reviews" + (
        f", scores {np.min(reviews['total_score']):.0f}–{np.max(reviews['total_score']):.0f}" if len(reviews) else ""
    )
    synthetic = quarters["import_id"].isna().all() and reviews["import_id"].isna().all()
    cited = provenance.cite(
        programme_sources(con, bool(synthetic), pd.concat([quarters["import_id"], reviews["import_id"]]))
    )
    return View(
        title=f"{label} over time",
        figure=make_programme_history(quarters, reviews),
        data=quarters,
        cited=cited,
        alt=alt_text(f"Timeline of {label}'s quarterly employment rate and fidelity reviews", detail, cited),
        name=f"programme-{programme_id}",
    )

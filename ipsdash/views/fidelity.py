"""Fidelity against employment, with the published correlations; one programme's story.

Imported programme data is confidential. The viewer (settings.viewer) sees the programmes inside their
scope one by one (staff: all; a region or programme lead: theirs; everyone, when every programme was
imported as public; the demonstration set is public: it is generated); the rest, for the public all of
them, only as groups of programmes by fidelity band, groups of fewer than MIN_GROUP suppressed, and as many more
as it takes that none can be worked out from the number of programmes drawn (domain/disclosure), said so.
The store hands out programmes outside the scope without id, name, area or date (queries.get_fidelity_pool).
A correlation line needs at least MIN_FIT programmes.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from ipsdash.access.viewer import PUBLIC, Viewer
from ipsdash.domain import disclosure, provenance, stats
from ipsdash.domain.formatting import format_fixed
from ipsdash.domain.vocabulary import FIDELITY_SCALES
from ipsdash.figures.fidelity_charts import make_fidelity_scatter, make_programme_history
from ipsdash.i18n import N_, _, formats
from ipsdash.store import queries
from ipsdash.views.base import View, Withheld, alt_text
from ipsdash.views.settings import FidelityOptions, FidelitySettings

MIN_GROUP = disclosure.MIN_GROUP
MIN_FIT = 10
GROUP_WIDTH = 10  # score points per group when a scale has no bands


def options(con: duckdb.DuckDBPyConnection, viewer: Viewer = PUBLIC) -> FidelityOptions:
    """Scales, areas (a signed-in viewer's own) and review years the programme data has."""
    found = queries.get_fidelity_filters(con, viewer)
    scales = {s: s for s in found["scales"]["scale"] if s in FIDELITY_SCALES}
    return FidelityOptions(
        scales,
        dict(zip(found["geo"]["value"], found["geo"]["label"], strict=True)),
        [int(y) for y in found["years"]["year"]],
    )


def public_groups(
    points: pd.DataFrame, bands: pd.DataFrame, scale: str, hidden_elsewhere: frozenset = frozenset()
) -> tuple[pd.DataFrame, disclosure.Protection]:
    """Programmes pooled by fidelity band (or by score range): n, mean score, clients served, pooled employment
    rate. Groups of fewer than MIN_GROUP programmes are left out, and the complements that keep them from
    being worked out from the number of programmes drawn (stated with the line); returns the groups shown
    and what was left out."""
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
            programmes=("total_score", "size"),
            total_score=("total_score", "mean"),
            served=("served", "sum"),
            employed=("employed", "sum"),
        )
        .reset_index()
    )
    grouped["employment_rate_pct"] = grouped["employed"] / grouped["served"] * 100
    cells = grouped.set_index("label")[["programmes", "served", "employed"]].to_dict("index")
    protection = disclosure.protect(cells, [list(cells)], hidden_elsewhere=hidden_elsewhere)
    kept = grouped[~grouped["label"].isin(protection.suppressed)]
    return kept.drop(columns="employed").assign(label=kept["label"].astype(str)), protection


def is_confidential(con: duckdb.DuckDBPyConnection) -> bool:
    """True when any programme was imported without being marked public (the demonstration set is public)."""
    return bool(queries.get_fidelity_filters(con, PUBLIC)["confidential"]["any"].iloc[0])


def reveals(con: duckdb.DuckDBPyConnection, viewer: Viewer) -> bool:
    """Whether programmes may be shown one by one (with the area and year filters): to a viewer with a
    scope, or when no programme is confidential. The page asks this to offer its filters; the build pools
    what is outside the scope and says in `View.withheld` what it left out."""
    return not viewer.is_public or not is_confidential(con)


READING_NOTE = N_(
    "Each dot is a programme (or, for confidential data, a group of programmes): its latest review on this scale, "
    "and the share of its clients working over the review's quarter and two quarters either side. Shaded: fidelity "
    "bands (uncited cut-points say so)."
)


@dataclass
class FidelityView(View):
    """The fidelity scatter, with its fitted line (None when there is none) and the published findings."""

    fit: stats.LineFit | None = None
    published: pd.DataFrame = field(default_factory=pd.DataFrame)


def _pooled(con, settings: FidelitySettings, points: pd.DataFrame, pool: pd.DataFrame, bands: pd.DataFrame):
    """The groups the programmes outside the viewer's scope are pooled into, the span drawn, what is withheld,
    the note saying so, the alternative text's count, and whether the number of programmes may be said."""
    viewer = settings.viewer
    # Whatever the public table hides stays hidden here: the two side by side must not give a group away.
    hidden = frozenset()
    if not viewer.is_public:
        public = queries.get_fidelity_pool(con, settings.scale, PUBLIC)
        hidden = public_groups(public, bands, settings.scale)[1].suppressed
    groups, protection = public_groups(pool, bands, settings.scale, hidden)
    xs = pd.concat([groups["total_score"], points["total_score"]])
    span = (xs.min(), xs.max()) if len(xs) > 1 else None
    withheld = Withheld(
        _("programme names and points, and the area and year filters")
        if viewer.is_public
        else _("programme names and points, and the area and year filters, for programmes outside your access"),
        _("the imported programme data is confidential"),
        len(protection.suppressed),
    )
    if viewer.is_public:
        note = _(
            "Programme data is confidential: groups of programmes by fidelity band are shown, not programmes, "
            "and not by area or year."
        )
    else:
        note = _(
            "Programmes outside your access: groups of programmes by fidelity band are shown, not programmes, "
            "and not by area or year."
        )
    note += f" {disclosure.note(protection)}" if protection.suppressed else ""
    pooled = _("{count} programmes in {groups} groups").format(
        count=formats.number(int(groups["programmes"].sum())), groups=formats.number(len(groups))
    )
    if len(points):
        pooled = _("{count} programmes one by one and {pooled}").format(
            count=formats.number(len(points)), pooled=pooled
        )
    return groups, span, withheld, note, pooled, not protection.withheld


def _no_line(count: int | None) -> str:
    """Why no correlation line is drawn (`count`: the programmes the settings give, None when it may not be said)."""
    if count is None:
        return _("No correlation line: it needs at least {min_fit} programmes.").format(min_fit=formats.number(MIN_FIT))
    return _("No correlation line: it needs at least {min_fit} programmes and these settings give {count}.").format(
        min_fit=formats.number(MIN_FIT), count=formats.number(count)
    )


def build(con: duckdb.DuckDBPyConnection, settings: FidelitySettings) -> FidelityView:
    """Fidelity score against employment around the review, with bands, line, r and n where allowed.

    Programmes outside the viewer's scope are pooled into groups of all of them: no area or year filter,
    whose differences could single one programme out, and the line drawn only across what is drawn."""
    viewer = settings.viewer
    points = queries.get_fidelity_points(con, settings.scale, list(settings.geo), settings.year, viewer)
    pool = queries.get_fidelity_pool(con, settings.scale, viewer)
    bands = queries.get_fidelity_bands(con, settings.scale)
    synthetic = bool(points["is_synthetic"].any() or pool["is_synthetic"].any())
    shown = points.assign(name=points["name"].map(html.escape), geo_name=points["geo_name"].map(html.escape))
    notes, span, groups, withheld = [], None, None, None
    total_shown = True  # whether the number of programmes drawn may be said (a line's n says it too)
    detail = _("{count} programmes").format(count=formats.number(len(points)))
    if len(pool):
        groups, span, withheld, note, detail, total_shown = _pooled(con, settings, points, pool, bands)
        notes.append(note)
    every = pd.concat([points[["total_score", "employment_rate_pct"]], pool[["total_score", "employment_rate_pct"]]])
    fit = None
    if len(every) >= MIN_FIT and (groups is None or span) and total_shown:
        fit = stats.fit_line(every["total_score"], every["employment_rate_pct"], span=span)
    if fit is not None:
        detail = _("{detail}; least-squares line r = {r}, n = {n}").format(
            detail=detail, r=format_fixed(fit.r, 2), n=formats.number(fit.n)
        )
    else:
        notes.append(_no_line(len(every) if total_shown else None))
    drawn = points if groups is None else pd.concat([points, groups], ignore_index=True) if len(points) else groups
    imports = pd.concat([points["import_ids"], pool["import_ids"]])
    cited = provenance.cite(bands, programme_sources(con, synthetic, imports))
    return FidelityView(
        # TRANSLATORS: a chart's title; {scale} is a fidelity scale's name (IPS-25).
        title=_("{scale} fidelity and employment").format(scale=settings.scale),
        figure=make_fidelity_scatter(shown, bands, fit, settings.scale, synthetic, groups=groups),
        data=drawn,
        cited=cited,
        notes=(*notes, _(READING_NOTE)),
        alt=alt_text(
            _("Scatter of {scale} fidelity score against employment rate").format(scale=settings.scale), detail, cited
        ),
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
            text = f"r = {format_fixed(row.value, 2)}, {row.subject} ({row.period})"
        elif row.metric == "months_to_largest_improvement":
            text = _("{study}: employment improved most after {months} months").format(
                study=row.subject, months=formats.number(row.value, decimals=0)
            )
        else:
            text = f"{row.subject}: {row.note.rstrip('.')}"
        lines.append((text, published.iloc[[i]]))
    return lines


def build_programme(con: duckdb.DuckDBPyConnection, programme_id: str, label: str, viewer: Viewer) -> View:
    """One programme's quarterly employment rate and fidelity reviews (empty outside the viewer's scope)."""
    history = queries.get_programme_history(con, programme_id, viewer)
    quarters, reviews = history["quarters"], history["reviews"]
    rates = quarters["employment_rate_pct"].dropna()
    detail = (
        _("{count} quarters, employment {low}–{high}").format(
            count=formats.number(len(quarters)),
            low=formats.number(rates.min(), decimals=0),
            high=formats.percent(rates.max(), decimals=0),
        )
        if len(rates)
        else _("no quarters")
    )
    if len(reviews):
        detail = _("{detail}; {count} reviews, scores {low}–{high}").format(
            detail=detail,
            count=formats.number(len(reviews)),
            low=formats.number(np.min(reviews["total_score"]), decimals=0),
            high=formats.number(np.max(reviews["total_score"]), decimals=0),
        )
    else:
        detail = _("{detail}; {count} reviews").format(detail=detail, count=formats.number(len(reviews)))
    synthetic = quarters["import_id"].isna().all() and reviews["import_id"].isna().all()
    cited = provenance.cite(
        programme_sources(con, bool(synthetic), pd.concat([quarters["import_id"], reviews["import_id"]]))
    )
    return View(
        # TRANSLATORS: a chart's title; {programme} is a programme's name.
        title=_("{programme} over time").format(programme=label),
        figure=make_programme_history(quarters, reviews),
        data=quarters,
        cited=cited,
        alt=alt_text(
            _("Timeline of {programme}'s quarterly employment rate and fidelity reviews").format(programme=label),
            detail,
            cited,
        ),
        name=f"programme-{programme_id}",
    )

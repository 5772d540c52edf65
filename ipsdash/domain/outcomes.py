"""What each documented employment figure measures, so different measures are never read as one."""

from __future__ import annotations

import pandas as pd

from ipsdash.domain.vocabulary import outcome_kind_label
from ipsdash.i18n import N_, _


def measure_kind(metric: str, series: str) -> str:
    """Classify an outcome value by what it measures (a key of vocab.OUTCOME_KINDS)."""
    text = series.lower()
    if metric == "employment_or_education_pct" or "education" in text or "study" in text:
        return "education"
    if "quarterly" in text or metric == "lc_employment_rate_floor_pct":
        return "quarterly"
    if "given date" in text or "point" in text or "working" in text:
        return "point"
    if "cumulative" in text or "ever" in text or "served" in text:
        return "cumulative"
    return "other"


def label_outcomes(points: pd.DataFrame) -> pd.DataFrame:
    """Add `kind` (what is measured, in the language in use) and `series_key` (area · series · sub-group) to
    outcome values."""
    kinds = [outcome_kind_label(measure_kind(m, s)) for m, s in zip(points["metric"], points["series"], strict=True)]
    keys = points["geo_name"] + " · " + points["series"] + points["subject"].map(lambda s: f" ({s})" if s else "")
    return points.assign(kind=kinds, series_key=keys, y=points["value"])


# The population of the trials the pooled result counts: the data's own word (compared with the trials'
# `population`), translated with `pooled_population()` where shown.
POOLED_POPULATION = N_("serious mental illness")


def pooled_population() -> str:
    """The pooled trials' population in the language in use."""
    return _(POOLED_POPULATION)


def mark_scope(trials: pd.DataFrame) -> pd.DataFrame:
    """Whether a trial studied another population than the pooled result's (`outside_pooled_scope`; a trial
    whose population the data does not state is not marked) and why (`scope_note`: the participants
    note's own 'Population: ...' sentence, or the population the data names)."""
    population = trials["population"].fillna("")
    outside = (population != "") & (population != POOLED_POPULATION)
    stated = trials["participants_note"].fillna("").str.extract(r"(Population: .*)$", expand=False)
    template = _("Population: {population}; the pooled trials are of people with {pooled}.")
    named = population.map(lambda who: template.format(population=who, pooled=pooled_population()))
    return trials.assign(outside_pooled_scope=outside, scope_note=stated.fillna(named).where(outside, ""))


def sort_trials(trials: pd.DataFrame, by: str) -> pd.DataFrame:
    """Trials in the order chosen; the largest or newest at the top of the chart."""
    column = {
        "difference": trials["ips_pct"] - trials["control_pct"],
        "year": trials["year"],
        "size": trials["participants"].fillna(0),
    }[by]
    return trials.assign(_order=column).sort_values("_order", kind="stable").drop(columns="_order")

"""What each documented employment figure measures, so different measures are never read as one."""

from __future__ import annotations

import pandas as pd

from ipsdash.domain.vocabulary import OUTCOME_KINDS


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
    """Add `kind` (what is measured) and `series_key` (area · series · sub-group) to outcome values."""
    kinds = [OUTCOME_KINDS[measure_kind(m, s)] for m, s in zip(points["metric"], points["series"], strict=True)]
    keys = points["geo_name"] + " · " + points["series"] + points["subject"].map(lambda s: f" ({s})" if s else "")
    return points.assign(kind=kinds, series_key=keys, y=points["value"])


POOLED_POPULATION = "serious mental illness"  # the population of the trials the pooled result counts


def mark_scope(trials: pd.DataFrame) -> pd.DataFrame:
    """Whether a trial studied another population than the pooled result's (`outside_pooled_scope`; a trial
    whose population the data does not state is not marked) and why (`scope_note`: the participants
    note's own 'Population: ...' sentence, or the population the data names)."""
    population = trials["population"].fillna("")
    outside = (population != "") & (population != POOLED_POPULATION)
    stated = trials["participants_note"].fillna("").str.extract(r"(Population: .*)$", expand=False)
    named = "Population: " + population + "; the pooled trials are of people with " + POOLED_POPULATION + "."
    return trials.assign(outside_pooled_scope=outside, scope_note=stated.fillna(named).where(outside, ""))


def sort_trials(trials: pd.DataFrame, by: str) -> pd.DataFrame:
    """Trials in the order chosen; the largest or newest at the top of the chart."""
    column = {
        "difference": trials["ips_pct"] - trials["control_pct"],
        "year": trials["year"],
        "size": trials["participants"].fillna(0),
    }[by]
    return trials.assign(_order=column).sort_values("_order", kind="stable").drop(columns="_order")

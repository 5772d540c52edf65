"""One definition of each controlled word the app draws or writes: qualifiers, outcome measures,
fidelity scales and milestone events. Validation, figures and captions all read them from here;
a data test holds them against the vocabularies of data/schema.yml."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Qualifier:
    """What a stored number is, and how each part of the app shows it."""

    key: str
    rank: int  # lower is more exact: where sources give several values for one year, the lowest wins
    symbol: str  # Plotly marker symbol
    legend: str  # what the marker means, in the legend
    template: str  # the number with its qualifier, e.g. "{}+" for a lower bound
    is_count: bool  # may stand as an area's latest count (estimates and targets are other series)
    exact_date: bool  # as a date: drawn solid (otherwise hollow: approximate or a bound)


QUALIFIERS = {
    q.key: q
    for q in (
        Qualifier("exact", 0, "circle", "Stated value", "{}", True, True),
        Qualifier("derived", 1, "square", "Derived from stated values", "{}", True, True),
        Qualifier("approx", 2, "circle-open", "About / approximate", "~{}", True, False),
        Qualifier("at_least", 3, "triangle-up", "At least (a lower bound)", "{}+", True, False),
        Qualifier("at_most", 3, "triangle-down", "At most (an upper bound)", "≤{}", True, False),
        Qualifier("estimate", 4, "circle-open", "Estimate (hollow)", "≈{} (est.)", False, False),
        Qualifier("target", 5, "diamond-open", "Target (dashed line)", "{} (target)", False, False),
    )
}
COUNT_QUALIFIERS = tuple(k for k, q in QUALIFIERS.items() if q.is_count)
EXACT_DATE_QUALIFIERS = tuple(k for k, q in QUALIFIERS.items() if q.exact_date)


def qualifier_rank(key: str) -> int:
    """Rank of a qualifier (unknown ones last)."""
    return QUALIFIERS[key].rank if key in QUALIFIERS else 9


@dataclass(frozen=True)
class FidelityScale:
    """A fidelity scale's possible totals."""

    key: str
    low: int
    high: int
    unit: str  # the unit of published values on this scale in observations.csv ("" when none)


FIDELITY_SCALES = {
    s.key: s
    for s in (
        FidelityScale("IPS-25", 25, 125, "ips25_score"),
        FidelityScale("IPS-Y", 35, 175, ""),
        FidelityScale("IPS-15", 15, 75, "ips15_score"),
    )
}

# What an employment figure measures: values of different kinds are never drawn as one series.
OUTCOME_KINDS = {
    "quarterly": "Quarterly point rate (learning community)",
    "point": "Share working at a point in time",
    "cumulative": "Ever employed over follow-up or cumulative",
    "education": "Employment or education",
    "other": "Employment rate as reported",
}

EVENT_LABELS = {
    "first_programme": "First programme",
    "first_trial": "First trial",
    "joined_learning_community": "Joined learning community",
    "jj_dartmouth_pilot": "J&J–Dartmouth pilot",
    "national_policy": "National policy",
    "regional_policy": "Regional policy",
    "national_funding": "National funding",
    "technical_assistance_centre": "Technical assistance centre",
    "learning_community_founded": "Learning community founded",
    "model_developed": "IPS model developed",
    "full_regional_coverage": "IPS in every regional centre",
    "national_network": "National network",
    "legal_decision": "Court decision",
    "young_adult_learning_community": "Young adult learning community",
    "research_project": "Research project",
    "inquiry_recommendation": "Inquiry recommendation",
}
POLICY_EVENTS = (
    "national_policy",
    "regional_policy",
    "joined_learning_community",
    "first_trial",
    "national_funding",
    "technical_assistance_centre",
    "learning_community_founded",
)
START_EVENTS = ("first_programme", "jj_dartmouth_pilot")  # a J&J pilot was a programme

SOURCE_STATUS_LABELS = {
    "read": "Read in full",
    "checked": "Checked: the cited passage was read",
    "lead_unconfirmed": "Lead: not checked against the original",
    "lead_weak": "Weak lead: do not rely on it",
    "imported": "Imported programme data",
}

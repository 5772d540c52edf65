"""One definition of each controlled word the app draws or writes: qualifiers, outcome measures,
fidelity scales and milestone events. Validation, figures and captions all read them from here;
a data test holds them against the vocabularies of data/schema.yml."""

from __future__ import annotations

from dataclasses import dataclass

from ipsdash.i18n import N_, _


@dataclass(frozen=True)
class Qualifier:
    """What a stored number is, and how each part of the app shows it."""

    key: str
    rank: int  # lower is more exact: where sources give several values for one year, the lowest wins
    symbol: str  # Plotly marker symbol
    legend: str  # what the marker means, in the legend (marked for translation: show it with `_()`)
    template: str  # the number with its qualifier, e.g. "{value}+" for a lower bound (translated where shown)
    is_count: bool  # may stand as an area's latest count (estimates and targets are other series)
    exact_date: bool  # as a date: drawn solid (otherwise hollow: approximate or a bound)


QUALIFIERS = {
    q.key: q
    for q in (
        Qualifier("exact", 0, "circle", N_("Stated value"), "{value}", True, True),
        Qualifier("derived", 1, "square", N_("Derived from stated values"), "{value}", True, True),
        Qualifier("approx", 2, "circle-open", N_("About / approximate"), "~{value}", True, False),
        Qualifier("at_least", 3, "triangle-up", N_("At least (a lower bound)"), "{value}+", True, False),
        Qualifier("at_most", 3, "triangle-down", N_("At most (an upper bound)"), "≤{value}", True, False),
        # TRANSLATORS: a value that is an estimate, e.g. '≈1,200 (est.)'; keep it short.
        Qualifier("estimate", 4, "circle-open", N_("Estimate (hollow)"), N_("≈{value} (est.)"), False, False),
        # TRANSLATORS: a value that is a target, e.g. '20,000 (target)'.
        Qualifier("target", 5, "diamond-open", N_("Target (dashed line)"), N_("{value} (target)"), False, False),
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
    "quarterly": N_("Quarterly point rate (learning community)"),
    "point": N_("Share working at a point in time"),
    "cumulative": N_("Ever employed over follow-up or cumulative"),
    "education": N_("Employment or education"),
    "other": N_("Employment rate as reported"),
}

EVENT_LABELS = {
    "first_programme": N_("First programme"),
    "first_trial": N_("First trial"),
    "joined_learning_community": N_("Joined learning community"),
    "jj_dartmouth_pilot": N_("J&J–Dartmouth pilot"),
    "national_policy": N_("National policy"),
    "regional_policy": N_("Regional policy"),
    "national_funding": N_("National funding"),
    "technical_assistance_centre": N_("Technical assistance centre"),
    "learning_community_founded": N_("Learning community founded"),
    "model_developed": N_("IPS model developed"),
    "full_regional_coverage": N_("IPS in every regional centre"),
    "national_network": N_("National network"),
    "legal_decision": N_("Court decision"),
    "young_adult_learning_community": N_("Young adult learning community"),
    "research_project": N_("Research project"),
    "inquiry_recommendation": N_("Inquiry recommendation"),
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
    "read": N_("Read in full"),
    "checked": N_("Checked: the cited passage was read"),
    "lead_unconfirmed": N_("Lead: not checked against the original"),
    "lead_weak": N_("Weak lead: do not rely on it"),
    "imported": N_("Imported programme data"),
}


def qualifier_legend(key: str) -> str:
    """What a qualifier's marker means, in the language in use (the key itself when unknown)."""
    return _(QUALIFIERS[key].legend) if key in QUALIFIERS else key


def with_qualifier(number: str, key: str) -> str:
    """A formatted number with its qualifier in symbols, in the language in use: '1,000+', '≈45% (est.)'."""
    return _(QUALIFIERS[key].template).format(value=number) if key in QUALIFIERS else number


def outcome_kind_label(key: str) -> str:
    """What an employment figure of this kind (a key of OUTCOME_KINDS) measures, in the language in use."""
    return _(OUTCOME_KINDS[key]) if key in OUTCOME_KINDS else key


def event_label(event: str) -> str:
    """A milestone event's label in the language in use (the event key itself when it has none)."""
    return _(EVENT_LABELS[event]) if event in EVENT_LABELS else event


def source_status_label(status: str) -> str:
    """A source status's label in the language in use (the status key itself when it has none)."""
    return _(SOURCE_STATUS_LABELS[status]) if status in SOURCE_STATUS_LABELS else status

"""Who had IPS when: each area's map category for every year, with the story behind it for hovers.

Pure pandas, no Streamlit and no Plotly: queries give the inputs, figures draw the outputs.
Unknown is never drawn as "no": an area the sources name as having IPS but do not date gets its own
category, from the first year anything about it is documented (or the last year of the animation).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ipsdash.domain.formatting import date_text, format_value
from ipsdash.domain.vocabulary import COUNT_QUALIFIERS, START_EVENTS, event_label, qualifier_rank
from ipsdash.i18n import N_, _, formats, ngettext

# Okabe-Ito and viridis colours and a dark red: distinguishable with the common colour-vision deficiencies
# (tests/unit/test_palettes.py simulates them).
VIRIDIS = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
PRESENT_COLOUR = "#cc79a7"
TRIAL_COLOUR = "#e69f00"
PLANNED_COLOUR = "#b2182b"  # sky blue was too near the 2010-14 green for tritanopes


@dataclass(frozen=True)
class Category:
    """One colour of the map legend."""

    key: str
    label: str  # marked for translation: shown with `text()`
    colour: str

    def text(self) -> str:
        """The label in the language in use."""
        return _(self.label)


@dataclass(frozen=True)
class Measure:
    """What the map colours areas by."""

    key: str
    label: str  # marked for translation: shown with `_()`
    title: str  # "{areas} by ...": completed with the level's plural ("Countries", "US states")
    categories: tuple[Category, ...]
    counted: tuple[str, ...] = ()  # categories counted besides the bins

    def counts(self, key: str) -> bool:
        """Whether an area in this category counts towards the running total."""
        return key.startswith("bin") or key in self.counted

    def heading(self, areas: str) -> str:
        """'Countries by year of first IPS programme' for areas 'Countries', in the language in use."""
        return _(self.title).format(areas=areas)


def _bins(labels: list[str], colours: list[str]) -> list[Category]:
    return [Category(f"bin{i}", label, colour) for i, (label, colour) in enumerate(zip(labels, colours, strict=True))]


STATUS_CATEGORIES = [
    Category("trial", N_("IPS trial only"), TRIAL_COLOUR),
    Category("planned", N_("IPS planned"), PLANNED_COLOUR),
]
YEAR_BINS = (1990, 2000, 2005, 2010, 2015)
LC_BINS = (2001, 2010, 2015)
PROGRAMME_BINS = (1, 10, 50, 500)
CLIENT_BINS = (0, 1000, 10000)

MEASURES = {
    m.key: m
    for m in (
        Measure(
            "first_programme",
            N_("Year of first programme"),
            # TRANSLATORS: a map's heading; {areas} is 'Countries', 'European countries' or 'US states'.
            N_("{areas} by year of first IPS programme"),
            (
                *_bins([N_("1990s"), N_("2000–2004"), N_("2005–2009"), N_("2010–2014"), N_("2015 or later")], VIRIDIS),
                Category("present", N_("IPS present, start year not documented"), PRESENT_COLOUR),
                *STATUS_CATEGORIES,
            ),
            counted=("present",),
        ),
        Measure(
            "learning_community",
            N_("Learning-community membership"),
            # TRANSLATORS: a map's heading; {areas} is 'Countries', 'European countries' or 'US states'.
            N_("{areas} by IPS Learning Community membership"),
            (
                *_bins(
                    [N_("Joined 2001–2009"), N_("Joined 2010–2014"), N_("Joined 2015 or later")],
                    [VIRIDIS[0], VIRIDIS[2], VIRIDIS[4]],
                ),
                Category("member", N_("Member, join year not documented"), VIRIDIS[1]),
                Category("present", N_("IPS outside the learning community"), PRESENT_COLOUR),
                Category("unknown", N_("IPS, membership not documented"), TRIAL_COLOUR),
            ),
            counted=("member",),
        ),
        Measure(
            "programmes",
            N_("Latest programme count"),
            # TRANSLATORS: a map's heading; {areas} is 'Countries', 'European countries' or 'US states'.
            N_("{areas} by latest documented number of IPS programmes"),
            (
                *_bins([N_("1–9 programmes"), N_("10–49"), N_("50–499"), N_("500 or more")], VIRIDIS[1:]),
                Category("present", N_("IPS present, count not documented"), PRESENT_COLOUR),
            ),
        ),
        Measure(
            "clients_served",
            N_("Clients served (latest)"),
            # TRANSLATORS: a map's heading; {areas} is 'Countries', 'European countries' or 'US states'.
            N_("{areas} by latest documented number of clients served"),
            (
                *_bins(
                    # TRANSLATORS: map legend entries; write the numbers with your language's digit grouping.
                    [N_("Under 1,000 clients"), N_("1,000–9,999"), N_("10,000 or more")],
                    [VIRIDIS[1], VIRIDIS[2], VIRIDIS[4]],
                ),
                Category("present", N_("IPS present, clients not documented"), PRESENT_COLOUR),
            ),
        ),
    )
}


def count_text(measure: str, area_noun: str, n: int, year: int) -> str:
    """The running count of a year's map in the language in use: '23 countries with IPS documented by 2004'
    (`area_noun`: 'countries' or 'states')."""
    states = area_noun == "states"
    if measure == "learning_community":
        text = (
            ngettext(
                "{n} state in the learning community by {year}", "{n} states in the learning community by {year}", n
            )
            if states
            else ngettext(
                "{n} country in the learning community by {year}",
                "{n} countries in the learning community by {year}",
                n,
            )
        )
    elif measure == "programmes":
        text = (
            ngettext("{n} state with a programme count by {year}", "{n} states with a programme count by {year}", n)
            if states
            else ngettext(
                "{n} country with a programme count by {year}", "{n} countries with a programme count by {year}", n
            )
        )
    elif measure == "clients_served":
        text = (
            ngettext(
                "{n} state with clients served documented by {year}",
                "{n} states with clients served documented by {year}",
                n,
            )
            if states
            else ngettext(
                "{n} country with clients served documented by {year}",
                "{n} countries with clients served documented by {year}",
                n,
            )
        )
    else:
        text = (
            ngettext("{n} state with IPS documented by {year}", "{n} states with IPS documented by {year}", n)
            if states
            else ngettext("{n} country with IPS documented by {year}", "{n} countries with IPS documented by {year}", n)
        )
    return text.format(n=formats.number(n), year=year)


VALUE_MEASURES = ("programmes", "clients_served")
SUMMARY_METRICS = ("programmes", "clients_served", "employment_rate_pct", "employment_specialists_fte")


def earliest_events(milestones: pd.DataFrame, *events: str) -> pd.DataFrame:
    """Per area, the earliest milestone of the given kinds (the area's own row wins a tie with a sub-area's)."""
    rows = milestones[milestones["event"].isin(events)].assign(own=lambda f: f["geo_code"] == f["area_code"])
    rows = rows.sort_values(["year", "own"], ascending=[True, False])
    return rows.drop_duplicates("area_code").set_index("area_code")


def latest_values(values: pd.DataFrame, metric: str, year: int) -> pd.DataFrame:
    """Per area, the latest count of a metric up to `year`; estimates and targets are other series."""
    rows = values[(values["metric"] == metric) & (values["year"] <= year) & values["qualifier"].isin(COUNT_QUALIFIERS)]
    rows = rows.assign(rank=rows["qualifier"].map(qualifier_rank)).sort_values(
        ["year", "rank"], ascending=[False, True]
    )
    return rows.drop_duplicates("geo_code").set_index("geo_code")


def _bin_index(value: float, edges: tuple[float, ...]) -> int:
    return max(i for i, edge in enumerate(edges) if value >= edge) if value >= edges[0] else 0


EVIDENCE = ["source_id", "source_short", "locator"]


def presence(areas: pd.DataFrame, milestones: pd.DataFrame, values: pd.DataFrame, end: int) -> pd.DataFrame:
    """Per area: the first year its IPS is documented by anything, and the row that documents it (`end`
    and no source when nothing about the area is dated)."""
    dated = pd.concat(
        [milestones.rename(columns={"area_code": "code"}), values.assign(code=values["geo_code"])], ignore_index=True
    ).reindex(columns=["code", "year", *EVIDENCE])
    first = dated.dropna(subset=["year"]).sort_values("year").drop_duplicates("code").set_index("code")
    table = first.reindex(areas["geo_code"])
    table["year"] = table["year"].fillna(end).clip(upper=end).astype(int)
    return table


def categories_by_year(
    measure: Measure, areas: pd.DataFrame, milestones: pd.DataFrame, values: pd.DataFrame, years: list[int]
) -> pd.DataFrame:
    """Long table: geo_code, year, category key ('' when the area is not shown that year), and the
    source, source label and locator of the row that decided the category (blank when not shown)."""
    keys = {c.key for c in measure.categories}
    # Plain dicts of the deciding rows (year, value, evidence...): the loop below runs areas x years times.
    facts = {
        "present": _rows_by_area(presence(areas, milestones, values, years[-1])),
        "first": _rows_by_area(earliest_events(milestones, *START_EVENTS)),
        "joined": _rows_by_area(earliest_events(milestones, "joined_learning_community")),
        "trials": _rows_by_area(earliest_events(milestones, "first_trial")),
    }
    latest_by_year = (
        {y: _rows_by_area(latest_values(values, measure.key, y)) for y in years}
        if measure.key in VALUE_MEASURES
        else {}
    )
    rows = []
    for area in areas.itertuples():
        for year in years:
            category, row = _category(measure, area, year, facts, latest_by_year)
            evidence = [row.get(c, "") for c in EVIDENCE] if row is not None else ["", "", ""]
            rows.append((area.geo_code, year, category, *evidence))
    table = pd.DataFrame(rows, columns=["geo_code", "year", "category", *EVIDENCE])
    assert set(table["category"]) - {""} <= keys
    return table.fillna("")


def _rows_by_area(frame: pd.DataFrame) -> dict[str, dict]:
    """An area-indexed frame as {area: {column: value}}."""
    return frame.to_dict("index")


def _category(measure: Measure, area, year: int, facts: dict, latest_by_year: dict) -> tuple[str, dict | None]:
    """The category of one area in one year, and the row (milestone or value) that decides it."""
    code = area.geo_code
    seen = facts["present"][code]
    present = year >= seen["year"]
    first, joined, trials = facts["first"], facts["joined"], facts["trials"]
    if measure.key == "first_programme":
        if code in first:
            row = first[code]
            return (f"bin{_bin_index(row['year'], YEAR_BINS)}", row) if year >= row["year"] else ("", None)
        if area.ips_status == "ips" and present:
            return "present", seen
        if area.ips_status == "trials_only":
            row = trials.get(code, seen)
            return ("trial", row) if year >= row["year"] else ("", None)
        return ("planned", seen) if area.ips_status == "planned" and present else ("", None)
    if measure.key == "learning_community":
        if code in joined and year >= joined[code]["year"]:
            return f"bin{_bin_index(joined[code]['year'], LC_BINS)}", joined[code]
        if area.lc_status == "member" and code not in joined and present:
            return "member", seen
        if area.ips_status == "ips" and present:
            # A member before its join year was, then, outside the learning community.
            return ("unknown" if area.lc_status == "not_documented" else "present"), seen
        return "", None
    latest = latest_by_year[year]
    if code in latest:
        edges = PROGRAMME_BINS if measure.key == "programmes" else CLIENT_BINS
        return f"bin{_bin_index(latest[code]['value'], edges)}", latest[code]
    return ("present", seen) if area.ips_status == "ips" and present else ("", None)


def area_summaries(areas: pd.DataFrame, milestones: pd.DataFrame, values: pd.DataFrame) -> pd.Series:
    """Hover text per area: key dates and latest figures, each with its qualifier and source."""
    lines: dict[str, list[str]] = {}
    for event in ("first_programme", "first_trial", "joined_learning_community", "jj_dartmouth_pilot"):
        for code, row in earliest_events(milestones, event).iterrows():
            when = date_text(row.year, row.qualifier, row.period)
            if row.geo_code == code:
                line = _("{event}: {date} ({source})").format(
                    event=event_label(event), date=when, source=row.source_short
                )
            else:
                # TRANSLATORS: a milestone of a place within the area: 'First programme in Lombardy: 2003 (Source)'.
                line = _("{event} in {place}: {date} ({source})").format(
                    event=event_label(event), place=row.geo_name, date=when, source=row.source_short
                )
            lines.setdefault(code, []).append(line)
    for metric in SUMMARY_METRICS:
        for code, row in latest_values(values, metric, 9999).iterrows():
            lines.setdefault(code, []).append(
                f"{row.metric_label}: {format_value(row.value, row.unit, row.qualifier)} "
                f"({row.period}; {row.source_short})"
            )
    status = {"member": _("Learning-community member"), "not_member": _("Not a learning-community member")}
    undocumented, undated = _("Learning-community membership not documented"), _("No dated facts in the sources")
    text = {}
    for area in areas.itertuples():
        head = [f"<b>{area.name}</b>", status.get(area.lc_status, undocumented)]
        body = lines.get(area.geo_code) or [undated]
        text[area.geo_code] = "<br>".join(head + body)
    return pd.Series(text)


def animation_years(milestones: pd.DataFrame, start: int = 1990, snapshot_year: int = 2020) -> list[int]:
    """Every year from `start` to the later of the snapshot year and the last dated milestone."""
    last = int(milestones["year"].max()) if len(milestones) else snapshot_year
    return list(range(start, max(snapshot_year, min(last, snapshot_year + 5)) + 1))

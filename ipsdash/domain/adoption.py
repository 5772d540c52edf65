"""Who had IPS when: each area's map category for every year, with the story behind it for hovers.

Pure pandas, no Streamlit and no Plotly: queries give the inputs, figures draw the outputs.
Unknown is never drawn as "no": an area the sources name as having IPS but do not date gets its own
category, from the first year anything about it is documented (or the last year of the animation).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ipsdash.domain.formatting import date_text, format_value
from ipsdash.domain.vocabulary import COUNT_QUALIFIERS, EVENT_LABELS, START_EVENTS, qualifier_rank

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
    label: str
    colour: str


@dataclass(frozen=True)
class Measure:
    """What the map colours areas by."""

    key: str
    label: str
    title: str  # "Countries by ...": completed with the level's plural
    count_phrase: str  # "{n} {areas} {count_phrase} {year}"
    categories: tuple[Category, ...]
    counted: tuple[str, ...] = ()  # categories counted besides the bins

    def counts(self, key: str) -> bool:
        """Whether an area in this category counts towards the running total."""
        return key.startswith("bin") or key in self.counted


def _bins(labels: list[str], colours: list[str]) -> list[Category]:
    return [Category(f"bin{i}", label, colour) for i, (label, colour) in enumerate(zip(labels, colours, strict=True))]


STATUS_CATEGORIES = [
    Category("trial", "IPS trial only", TRIAL_COLOUR),
    Category("planned", "IPS planned", PLANNED_COLOUR),
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
            "Year of first programme",
            "by year of first IPS programme",
            "with IPS documented by",
            (
                *_bins(["1990s", "2000–2004", "2005–2009", "2010–2014", "2015 or later"], VIRIDIS),
                Category("present", "IPS present, start year not documented", PRESENT_COLOUR),
                *STATUS_CATEGORIES,
            ),
            counted=("present",),
        ),
        Measure(
            "learning_community",
            "Learning-community membership",
            "by IPS Learning Community membership",
            "in the learning community by",
            (
                *_bins(
                    ["Joined 2001–2009", "Joined 2010–2014", "Joined 2015 or later"],
                    [VIRIDIS[0], VIRIDIS[2], VIRIDIS[4]],
                ),
                Category("member", "Member, join year not documented", VIRIDIS[1]),
                Category("present", "IPS outside the learning community", PRESENT_COLOUR),
                Category("unknown", "IPS, membership not documented", TRIAL_COLOUR),
            ),
            counted=("member",),
        ),
        Measure(
            "programmes",
            "Latest programme count",
            "by latest documented number of IPS programmes",
            "with a programme count by",
            (
                *_bins(["1–9 programmes", "10–49", "50–499", "500 or more"], VIRIDIS[1:]),
                Category("present", "IPS present, count not documented", PRESENT_COLOUR),
            ),
        ),
        Measure(
            "clients_served",
            "Clients served (latest)",
            "by latest documented number of clients served",
            "with clients served documented by",
            (
                *_bins(["Under 1,000 clients", "1,000–9,999", "10,000 or more"], [VIRIDIS[1], VIRIDIS[2], VIRIDIS[4]]),
                Category("present", "IPS present, clients not documented", PRESENT_COLOUR),
            ),
        ),
    )
}
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
            where = "" if row.geo_code == code else f" in {row.geo_name}"
            lines.setdefault(code, []).append(
                f"{EVENT_LABELS[event]}{where}: {date_text(row.year, row.qualifier, row.period)} ({row.source_short})"
            )
    for metric in SUMMARY_METRICS:
        for code, row in latest_values(values, metric, 9999).iterrows():
            lines.setdefault(code, []).append(
                f"{row.metric_label}: {format_value(row.value, row.unit, row.qualifier)} "
                f"({row.period}; {row.source_short})"
            )
    status = {"member": "Learning-community member", "not_member": "Not a learning-community member"}
    text = {}
    for area in areas.itertuples():
        head = [f"<b>{area.name}</b>", status.get(area.lc_status, "Learning-community membership not documented")]
        body = lines.get(area.geo_code) or ["No dated facts in the sources"]
        text[area.geo_code] = "<br>".join(head + body)
    return pd.Series(text)


def animation_years(milestones: pd.DataFrame, start: int = 1990, snapshot_year: int = 2020) -> list[int]:
    """Every year from `start` to the later of the snapshot year and the last dated milestone."""
    last = int(milestones["year"].max()) if len(milestones) else snapshot_year
    return list(range(start, max(snapshot_year, min(last, snapshot_year + 5)) + 1))

"""Quality checks on a programme file before it is pooled: what a coordinator should look at twice.

A check never refuses a file (validation does that); it lists what is surprising against the
programme's own history and the published benchmarks, so a coordinator can confirm or fix the file
first. Every threshold lives in THRESHOLDS, each with its reason: a cited figure where the documents
give one, otherwise said to be the project's own choice.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ipsdash.i18n import N_, _, formats


@dataclass(frozen=True)
class Threshold:
    """One number a check compares against, and why it is that number."""

    value: float
    reason: str  # marked for translation: shown with `_()`


# The benchmarks are the IPS Employment Center's (source ipsec_faq_benchmarks, data/observations.csv,
# metrics employment_benchmark_*_pct); tests/data checks these equal the stored values.
BENCHMARK_MINIMAL_PCT = 31.0
BENCHMARK_AVERAGE_PCT = 41.0
BENCHMARK_EXCELLENT_PCT = 50.0

THRESHOLDS = {
    "rate_low_pct": Threshold(
        BENCHMARK_MINIMAL_PCT / 2,
        N_(
            "half the 31% minimal-standard quarterly employment rate (IPS Employment Center FAQ, "
            "ipsec_faq_benchmarks); taking half is the project's choice: no document gives a floor"
        ),
    ),
    "rate_high_pct": Threshold(
        BENCHMARK_EXCELLENT_PCT * 1.5,
        N_(
            "one and a half times the 50% excellent-performance rate (IPS Employment Center FAQ, "
            "ipsec_faq_benchmarks); the factor is the project's choice: no document gives a ceiling"
        ),
    ),
    "rate_change_points": Threshold(
        15.0,
        N_(
            "the project's choice: no document gives one; the whole US learning community's rate moved "
            "2.5 points in the first pandemic quarter (43.1% to 40.6%, 2020-Q1 to Q2, research lead O035/O036), "
            "so a single programme moving 15 points in a quarter is worth a second look"
        ),
    ),
    "served_change_pct": Threshold(50.0, N_("the project's choice: no document gives one")),
    "min_served_for_rates": Threshold(
        10.0, N_("the project's choice: a rate over fewer clients moves by 10 points or more with one person")
    ),
    "score_change_share": Threshold(
        0.15, N_("the project's choice: a change of more than 15% of the scale's range since the last review")
    ),
}

# Each check's heading; its thresholds are filled in by check_label, formatted for the language in use.
CHECKS = {
    "missing": N_("reported last quarter, not this quarter"),
    "new": N_("new programmes"),
    "rate_change": N_(
        "employment rate changed by more than {rate_change_points} points from the programme's last quarter"
    ),
    "served_change": N_("clients served changed by more than {served_change_pct} from the programme's last quarter"),
    "implausible": N_("employment rate under {rate_low_pct} or over {rate_high_pct}"),
    "skipped": N_("quarters skipped"),
    "conflict": N_("already stored with different numbers"),
    "score_change": N_("fidelity score changed by more than {score_change_share} of its scale since the last review"),
}


@dataclass(frozen=True)
class Finding:
    """One thing worth a second look."""

    check: str  # a key of CHECKS
    programme_id: str
    when: str  # the quarter or review date it is about ('' for the whole programme)
    message: str  # in the language in use when the check ran


@dataclass(frozen=True)
class QualityReport:
    """What a file would change, and every finding, in the order of CHECKS."""

    kind: str
    rows: int
    quarter: str  # the file's latest quarter ('' for a fidelity file)
    findings: tuple[Finding, ...]

    def by_check(self) -> dict[str, list[Finding]]:
        """Findings grouped by check, every check present (an empty list: nothing found)."""
        checks = CHECKS_BY_KIND[self.kind]
        grouped: dict[str, list[Finding]] = {c: [] for c in checks}
        for finding in self.findings:
            grouped[finding.check].append(finding)
        return grouped


CHECKS_BY_KIND = {
    "outcomes": ["missing", "new", "rate_change", "served_change", "implausible", "skipped", "conflict"],
    "fidelity": ["new", "score_change", "conflict"],
}


def check_label(check: str) -> str:
    """The heading of a check, with its thresholds filled in, in the language in use."""
    return _(CHECKS[check]).format(**_threshold_texts())


def _threshold_texts() -> dict[str, str]:
    """Each threshold as the language writes it: a percentage ('50%', '15%' of a share 0.15) or a number."""
    texts = {}
    for name, threshold in THRESHOLDS.items():
        if name.endswith("_pct"):
            texts[name] = formats.percent(threshold.value)
        elif name.endswith("_share"):
            texts[name] = formats.percent(threshold.value * 100)
        else:
            texts[name] = formats.number(threshold.value)
    return texts


def _percent(value: float) -> str:
    return formats.percent(value, decimals=0)


def _count(value: float) -> str:
    return formats.number(value, decimals=0)


def quarter_number(quarter: pd.Series) -> pd.Series:
    """'2019-Q3' -> a running quarter count (year * 4 + quarter - 1), so neighbours differ by one."""
    return quarter.str.slice(0, 4).astype("int64") * 4 + quarter.str.slice(6, 7).astype("int64") - 1


def quarter_label(number: int) -> str:
    """The inverse of quarter_number."""
    return f"{number // 4}-Q{number % 4 + 1}"


def _rate(employed: pd.Series, served: pd.Series) -> pd.Series:
    return (employed * 100.0 / served.where(served > 0)).astype("float64")


def check_outcomes(new: dict[str, pd.DataFrame], stored: dict[str, pd.DataFrame] | None) -> QualityReport:
    """Findings for an outcomes file's tables (`new`) against the stored programme tables (None: nothing stored)."""
    quarters = new["programme_quarters"].copy()
    stored_quarters = _table(stored, "programme_quarters", quarters.columns)
    stored_programmes = _table(stored, "programmes", new["programmes"].columns)
    latest = quarters["quarter"].max()
    merged = _merged(stored_quarters, quarters)
    findings = _missing(new["programmes"], stored_programmes, merged, latest)
    findings += _new_programmes(new["programmes"], stored_programmes)

    # Each file row against the programme's own previous quarter (from the file or the store).
    merged = merged.assign(n=quarter_number(merged["quarter"])).sort_values(["programme_id", "n"])
    merged["rate"] = _rate(merged["clients_employed"], merged["clients_served"])
    previous = merged.groupby("programme_id")[["n", "quarter", "rate", "clients_served"]].shift(1)
    merged = merged.join(previous.add_prefix("prev_"))
    in_file = merged.merge(quarters[["programme_id", "quarter"]], on=["programme_id", "quarter"])
    findings += _changes(in_file[in_file["prev_n"].notna()])  # against the last reported quarter, however long ago
    findings += _implausible(in_file)
    findings += _skipped(in_file)
    counts = ["clients_served", "clients_employed"]
    findings += _conflicts(quarters, stored_quarters, ["programme_id", "quarter"], counts)
    return QualityReport("outcomes", len(quarters), latest, _ordered(findings, "outcomes"))


def _missing(programmes: pd.DataFrame, stored_programmes: pd.DataFrame, merged: pd.DataFrame, latest: str):
    """Programmes of the same places that reported the quarter before this file's latest, and not this one."""
    before = quarter_label(int(quarter_number(pd.Series([latest])).iloc[0]) - 1)
    places = set(programmes["geo_code"])
    local = set(stored_programmes.loc[stored_programmes["geo_code"].isin(places), "programme_id"])
    local |= set(programmes["programme_id"])
    had = set(merged.loc[merged["quarter"] == before, "programme_id"]) & local
    has = set(merged.loc[merged["quarter"] == latest, "programme_id"])
    gone = _("reported {before}, nothing for {latest}").format(before=before, latest=latest)
    return [Finding("missing", p, latest, gone) for p in sorted(had - has)]


def _new_programmes(programmes: pd.DataFrame, stored_programmes: pd.DataFrame) -> list[Finding]:
    fresh = programmes.loc[~programmes["programme_id"].isin(set(stored_programmes["programme_id"]))]
    return [
        Finding(
            "new",
            r.programme_id,
            "",
            _("{name} ({place}, started {year})").format(name=r.name, place=r.geo_code, year=r.start_year),
        )
        for r in fresh.itertuples()
    ]


def _changes(adjacent: pd.DataFrame) -> list[Finding]:
    """A rate or a number served that moved more than its threshold since the programme's previous quarter."""
    t = {k: v.value for k, v in THRESHOLDS.items()}
    big = t["min_served_for_rates"]
    rated = adjacent[(adjacent["clients_served"] >= big) & (adjacent["prev_clients_served"] >= big)]
    findings = [
        Finding(
            "rate_change",
            r.programme_id,
            r.quarter,
            _("{before} in {quarter}, now {now}").format(
                before=_percent(r.prev_rate), quarter=r.prev_quarter, now=_percent(r.rate)
            ),
        )
        for r in rated[(rated["rate"] - rated["prev_rate"]).abs() > t["rate_change_points"]].itertuples()
    ]
    served_change = (adjacent["clients_served"] - adjacent["prev_clients_served"]).abs() * 100.0
    moved = adjacent[served_change > t["served_change_pct"] * adjacent["prev_clients_served"].clip(lower=1)]
    findings += [
        Finding(
            "served_change",
            r.programme_id,
            r.quarter,
            _("{before} served in {quarter}, now {now}").format(
                before=_count(r.prev_clients_served), quarter=r.prev_quarter, now=_count(r.clients_served)
            ),
        )
        for r in moved.itertuples()
    ]
    return findings


def _implausible(in_file: pd.DataFrame) -> list[Finding]:
    """A rate outside what programmes report, among programmes big enough for a rate to mean something."""
    t = {k: v.value for k, v in THRESHOLDS.items()}
    own = in_file[in_file["clients_served"] >= t["min_served_for_rates"]]
    odd = own[(own["rate"] < t["rate_low_pct"]) | (own["rate"] > t["rate_high_pct"])]
    return [
        Finding(
            "implausible",
            r.programme_id,
            r.quarter,
            _("{rate} ({employed} of {served})").format(
                rate=_percent(r.rate), employed=_count(r.clients_employed), served=_count(r.clients_served)
            ),
        )
        for r in odd.itertuples()
    ]


def _skipped(in_file: pd.DataFrame) -> list[Finding]:
    """Quarters a programme skipped between its previous report and this one."""
    findings = []
    gaps = in_file[in_file["prev_n"].notna() & (in_file["prev_n"] < in_file["n"] - 1)]
    for r in gaps.itertuples():
        missing = [quarter_label(n) for n in range(int(r.prev_n) + 1, int(r.n))]
        if len(missing) > 4:
            text = _("no data for {quarters} and {more} more before {quarter}").format(
                quarters=", ".join(missing[:4]), more=_count(len(missing) - 4), quarter=r.quarter
            )
        else:
            text = _("no data for {quarters} before {quarter}").format(quarters=", ".join(missing), quarter=r.quarter)
        findings.append(Finding("skipped", r.programme_id, r.quarter, text))
    return findings


def check_fidelity(
    new: dict[str, pd.DataFrame], stored: dict[str, pd.DataFrame] | None, scale_ranges: dict[str, tuple[int, int]]
) -> QualityReport:
    """Findings for a fidelity file's reviews against the stored reviews."""
    reviews = new["fidelity_reviews"].copy()
    stored_reviews = _table(stored, "fidelity_reviews", reviews.columns)
    findings = [
        Finding("new", p, "", _("first fidelity review stored for this programme"))
        for p in sorted(set(reviews["programme_id"]) - set(stored_reviews["programme_id"]))
    ]
    key = ["programme_id", "review_date", "scale"]
    merged = _merged(stored_reviews, reviews, key).sort_values(key)
    previous = merged.groupby(["programme_id", "scale"])[["review_date", "total_score"]].shift(1)
    merged = merged.join(previous.add_prefix("prev_")).merge(reviews[key], on=key)
    span = merged["scale"].map(lambda s: scale_ranges[s][1] - scale_ranges[s][0]).astype("float64")
    share = THRESHOLDS["score_change_share"].value
    for r in merged[(merged["total_score"] - merged["prev_total_score"]).abs() > share * span].itertuples():
        findings.append(
            Finding(
                "score_change",
                r.programme_id,
                str(r.review_date),
                _("{scale} {before} on {date}, now {now}").format(
                    scale=r.scale,
                    before=formats.number(r.prev_total_score),
                    date=r.prev_review_date,
                    now=formats.number(r.total_score),
                ),
            )
        )
    findings += _conflicts(reviews, stored_reviews, key, ["total_score"])
    return QualityReport("fidelity", len(reviews), "", _ordered(findings, "fidelity"))


def _table(tables: dict[str, pd.DataFrame] | None, name: str, columns) -> pd.DataFrame:
    frame = (tables or {}).get(name)
    return frame if frame is not None else pd.DataFrame(columns=list(columns))


def _merged(stored: pd.DataFrame, new: pd.DataFrame, key: list[str] | None = None) -> pd.DataFrame:
    """Stored rows with the file's rows in place of those of the same key (as an import with --replace would)."""
    key = key or ["programme_id", "quarter"]
    columns = list(new.columns.drop("is_synthetic", errors="ignore"))
    kept = stored.reindex(columns=columns).merge(new[key], on=key, how="left", indicator=True)
    kept = kept[kept["_merge"] == "left_only"].drop(columns="_merge")
    return pd.concat([kept.astype(new[columns].dtypes.to_dict()), new[columns]], ignore_index=True)


def _column_label(column: str) -> str:
    """A compared column as the quality report names it."""
    labels = {
        "clients_served": _("clients served"),
        "clients_employed": _("clients employed"),
        "total_score": _("total score"),
    }
    return labels.get(column, column.replace("_", " "))


def _conflicts(new: pd.DataFrame, stored: pd.DataFrame, key: list[str], values: list[str]) -> list[Finding]:
    both = new.merge(stored[key + values], on=key, suffixes=("", "_stored"))
    differs = pd.Series(False, index=both.index)
    for column in values:
        differs |= both[column].astype("float64") != both[f"{column}_stored"].astype("float64")
    template = _("file {new}; stored {stored} (imported only with --replace)")
    return [
        Finding(
            "conflict",
            r["programme_id"],
            str(r[key[1]]),
            template.format(
                new=", ".join(f"{_column_label(c)} {formats.number(r[c])}" for c in values),
                stored=", ".join(formats.number(r[c + "_stored"]) for c in values),
            ),
        )
        for _row, r in both[differs].iterrows()
    ]


def _ordered(findings: list[Finding], kind: str) -> tuple[Finding, ...]:
    order = {c: i for i, c in enumerate(CHECKS_BY_KIND[kind])}
    return tuple(sorted(findings, key=lambda f: (order[f.check], f.programme_id, f.when)))


MAX_LISTED = 200  # findings listed per check; the count of all of them is always given


def report_lines(report: QualityReport) -> list[str]:
    """The report as plain text lines: a summary, then each check with its count and findings."""
    rows = formats.number(report.rows)
    if report.kind == "fidelity":
        head = _("Quality check of this fidelity file ({rows} rows); nothing was imported or changed.")
    elif report.quarter:
        head = _(
            "Quality check of this outcomes file ({rows} rows, latest quarter {quarter}); nothing was imported or "
            "changed."
        )
    else:
        head = _("Quality check of this outcomes file ({rows} rows); nothing was imported or changed.")
    lines = [head.format(rows=rows, quarter=report.quarter)]
    for check, found in report.by_check().items():
        lines.append(f"{check_label(check)}: {formats.number(len(found))}")
        lines += [f"  {f.programme_id}{' ' + f.when if f.when else ''}: {f.message}" for f in found[:MAX_LISTED]]
        if len(found) > MAX_LISTED:
            lines.append("  " + _("... and {count} more").format(count=formats.number(len(found) - MAX_LISTED)))
    lines.append(_("Thresholds (ipsdash/domain/quality.py):"))
    lines += [f"  {name} = {t.value:g}: {_(t.reason)}" for name, t in THRESHOLDS.items()]
    return lines

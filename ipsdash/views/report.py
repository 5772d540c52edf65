"""The quarterly comparison report sent back to a state, country or region: a pure function of the stored
programme data, a scope (region codes and/or programme ids) and a quarter.

It holds the scope's employment rate by quarter against the 31/41/50% benchmark bands and the pooled
learning community; one quarter's programmes of the same places (other programmes unnamed); the
localities side by side; ranks within the locality and across localities; fidelity over time; and what
changed since the quarter before. Every row cites the import it came from (file as imported, date), and
a pooled figure cites the union of its rows' imports. Figures about programmes outside the scope are
pooled and protected by domain/disclosure: a locality whose other programmes number fewer than
MIN_GROUP is left out, with complements, so that nothing outside the scope can be worked out by
subtraction; a locality's other programmes are shown one by one (unnamed, rates only) only when there
are at least MIN_GROUP of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from ipsdash.domain import disclosure, provenance
from ipsdash.domain.formatting import format_fixed
from ipsdash.domain.quality import quarter_label, quarter_number
from ipsdash.figures.report_charts import make_rate_bars, make_rate_history, make_score_history, make_table
from ipsdash.i18n import _, formats
from ipsdash.store import queries
from ipsdash.views.base import View, alt_text

QUARTER = re.compile(r"(19|20)[0-9]{2}-Q[1-4]")
MAX_LINES = 12  # programmes drawn one by one in the history; more are summed into the scope's line
MIN_GROUP = disclosure.MIN_GROUP
# The demonstration set's source, named as the store names it (a source's name stays as written).
DEMO_SOURCE = ("data:demo", "Demonstration set (data/demo.yml)")


class ReportError(ValueError):
    """The scope or quarter cannot be reported on; the message (in the language in use) says why and what is
    available."""


@dataclass(frozen=True)
class Scope:
    """What a report is about: region codes (a US state, a country, a region) and/or programme ids."""

    geo_codes: frozenset[str] = frozenset()
    programme_ids: frozenset[str] = frozenset()

    def label(self) -> str:
        """'US-CT', 'programmes P1, P2', or both."""
        parts = sorted(self.geo_codes) + (
            [_("programmes {ids}").format(ids=", ".join(sorted(self.programme_ids)))] if self.programme_ids else []
        )
        # TRANSLATORS: a report's scope when it names no region and no programme.
        return "; ".join(parts) or _("nothing")


@dataclass(frozen=True)
class ReportData:
    """The stored programme data a report reads, loaded once (a run of every region's report shares it)."""

    quarters: pd.DataFrame  # one row per programme quarter, with its place, rate and source columns
    reviews: pd.DataFrame  # one row per fidelity review, with its source columns
    benchmarks: pd.DataFrame
    synthetic: bool


@dataclass
class Report:
    """A built report: its sections (each a View), what it covers, and the union of what it cites."""

    title: str
    scope: Scope
    quarter: str
    sections: list[View]
    cited: pd.DataFrame
    synthetic: bool
    notes: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


def load(con: duckdb.DuckDBPyConnection, origins: pd.DataFrame) -> ReportData:
    """The store's programme quarters and reviews, each row with the import it came from (`origins`, from
    pipeline.origins.row_origins; empty for the demonstration set, which cites data/demo.yml)."""
    found = queries.get_report_data(con)
    quarters, reviews = found["quarters"], found["reviews"]
    synthetic = bool(quarters["is_synthetic"].any()) if len(quarters) else False
    quarters = quarters.assign(
        employment_rate_pct=quarters["clients_employed"]
        * 100.0
        / quarters["clients_served"].where(quarters["clients_served"] > 0),
        n=quarter_number(quarters["quarter"]) if len(quarters) else pd.Series(dtype="int64"),
    )
    quarters = _with_sources(quarters, origins, "programme_quarters", quarters["quarter"].astype(str))
    keys = reviews["review_date"].astype(str) + " " + reviews["scale"]
    reviews = _with_sources(reviews, origins, "fidelity_reviews", keys)
    return ReportData(quarters, reviews, queries.get_benchmarks(con), synthetic)


def _with_sources(frame: pd.DataFrame, origins: pd.DataFrame, table: str, keys: pd.Series) -> pd.DataFrame:
    """source_id (the import id), source_short ('file as imported, date') and locator for every row."""
    mine = origins[origins["table"] == table] if len(origins) else origins
    if len(mine) == 0:
        return frame.assign(source_id=DEMO_SOURCE[0], source_short=DEMO_SOURCE[1], locator="")
    joined = frame.assign(key=keys.to_numpy()).merge(
        mine[["programme_id", "key", "import_id", "original_name", "imported_at"]],
        on=["programme_id", "key"],
        how="left",
    )
    return joined.assign(
        source_id=("data:import:" + joined["import_id"]).fillna("data:imports"),
        source_short=(joined["original_name"] + " (imported " + joined["imported_at"].str.slice(0, 10) + ")").fillna(
            "Imported programme data"
        ),
        locator="",  # the row itself (programme, quarter) is the locator; citing the file is enough
    ).drop(columns=["key", "import_id", "original_name", "imported_at"])


def regions(data: ReportData) -> list[str]:
    """Every region code with programmes in the data, in order."""
    return sorted(data.quarters["geo_code"].unique())


def parse_scope(data: ReportData, geo_codes: list[str], programme_ids: list[str], quarter: str) -> Scope:
    """A checked scope; ReportError names a bad region, programme or quarter and what the data has."""
    known = set(data.quarters["geo_code"])
    for code in geo_codes:
        if code not in known:
            shown = ", ".join(regions(data)[:40]) or _("none")
            raise ReportError(
                _("no programmes in region '{region}'; regions in the data: {regions}").format(
                    region=_show(code), regions=shown
                )
            )
    ids = set(data.quarters["programme_id"])
    for pid in programme_ids:
        if pid not in ids:
            raise ReportError(_("no programme '{programme}' in the data").format(programme=_show(pid)))
    if not QUARTER.fullmatch(quarter or ""):
        # TRANSLATORS: keep '2025-Q2' as it is: quarters are given in this form.
        raise ReportError(_("'{quarter}' is not a quarter like 2025-Q2").format(quarter=_show(quarter)))
    scope = Scope(frozenset(geo_codes), frozenset(programme_ids))
    held = set(data.quarters.loc[in_scope(data.quarters, scope), "quarter"])
    if not held:
        raise ReportError(_("nothing to report: {scope} is empty").format(scope=scope.label()))
    if quarter not in held:
        raise ReportError(
            _("no data for {quarter} in {scope}; its quarters run {first} to {last}").format(
                quarter=quarter, scope=scope.label(), first=min(held), last=max(held)
            )
        )
    return scope


def _show(value: object) -> str:
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", str(value))
    return text if len(text) <= 60 else text[:59] + "…"


def in_scope(frame: pd.DataFrame, scope: Scope) -> pd.Series:
    return frame["geo_code"].isin(scope.geo_codes) | frame["programme_id"].isin(scope.programme_ids)


def _pooled(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Served, employed, rate and programmes per group; each group keeps its rows for citing."""
    grouped = rows.groupby(by, sort=True).agg(
        clients_served=("clients_served", "sum"),
        clients_employed=("clients_employed", "sum"),
        programmes=("programme_id", "nunique"),
    )
    grouped["employment_rate_pct"] = (
        grouped["clients_employed"] * 100.0 / grouped["clients_served"].where(grouped["clients_served"] > 0)
    )
    return grouped.reset_index()


def _pooled_citation(rows: pd.DataFrame) -> pd.DataFrame:
    """What a pooled figure over programmes outside the scope cites: its imports, counted (see _pooled_source)."""
    if rows.empty:
        return provenance.cite()
    source_id = DEMO_SOURCE[0] if set(rows["source_id"]) == {DEMO_SOURCE[0]} else "data:imports"
    return pd.DataFrame([(source_id, _pooled_source(rows["source_short"]), "")], columns=provenance.COLUMNS)


def _sources_of(sources: pd.Series) -> str:
    """The imports behind some of the scope's rows, as one short text (a pooled value's hover and cell)."""
    names = list(dict.fromkeys(sources))
    if len(names) > 3:
        return _("{sources} and {count} more").format(
            sources="; ".join(names[:3]), count=formats.number(len(names) - 3)
        )
    return "; ".join(names)


def _pooled_source(sources: pd.Series) -> str:
    """The imports behind a figure pooled over programmes outside the scope, counted, not named: a file
    name can name a programme."""
    names = set(sources)
    if names == {DEMO_SOURCE[1]}:
        return DEMO_SOURCE[1]
    dates = sorted(re.findall(r"imported (\d{4}-\d{2}-\d{2})", " ".join(names)))  # the import's source name
    count = formats.number(len(names))
    if dates:
        return _("{count} imported file(s), the latest imported {date}").format(count=count, date=dates[-1])
    return _("{count} imported file(s)").format(count=count)


def build(data: ReportData, scope: Scope, quarter: str) -> Report:
    """The report for `scope` in `quarter` (checked by parse_scope), from data up to that quarter."""
    now = int(quarter_number(pd.Series([quarter])).iloc[0])
    rows = data.quarters[data.quarters["n"] <= now]
    mine = in_scope(rows, scope)
    places = sorted(set(rows.loc[mine, "geo_code"]))
    protection, localities = _protected_localities(rows[rows["n"] == now], mine[rows["n"] == now])
    sections = [
        _history(rows, mine, scope, data, quarter if protection.withheld else None),
        _this_quarter(rows[rows["n"] == now], mine[rows["n"] == now], places, localities, protection, quarter, data),
        _across(localities, protection, places, quarter, data, rows[rows["n"] == now]),
        _ranks(rows[rows["n"] == now], mine[rows["n"] == now], localities, protection, places, quarter),
        _changes(rows, mine, now),
        _fidelity(data.reviews, scope, quarter, data.synthetic),
    ]
    cited = provenance.cite(*(s.cited for s in sections))
    notes = (disclosure.note(protection, "localities"),) if protection.suppressed else ()
    title = _("IPS quarterly comparison report: {scope}, {quarter}").format(scope=scope.label(), quarter=quarter)
    return Report(title, scope, quarter, sections, cited, data.synthetic, notes)


def _protected_localities(now_rows: pd.DataFrame, mine: pd.Series) -> tuple[disclosure.Protection, pd.DataFrame]:
    """Every locality's pooled figure this quarter, and which to leave out: the cells are each locality's
    programmes outside the scope (the viewer knows the rest); the line is the whole learning community."""
    others = _pooled(now_rows[~mine], ["geo_code"]).set_index("geo_code")
    everyone = _pooled(now_rows, ["geo_code", "geo_name"]).set_index("geo_code")
    cells = {
        code: {
            "programmes": int(others["programmes"].get(code, 0)),
            "served": float(others["clients_served"].get(code, 0)),
            "employed": float(others["clients_employed"].get(code, 0)),
        }
        for code in everyone.index
    }
    known = [code for code, cell in cells.items() if cell["programmes"] == 0]
    protection = disclosure.protect(cells, [list(cells)], known)
    return protection, everyone.reset_index()


def _history(rows: pd.DataFrame, mine: pd.Series, scope: Scope, data: ReportData, withheld: str | None) -> View:
    """The scope's rate by quarter (and each programme's, when few), and the pooled learning community's,
    withheld in any quarter where it would give away fewer than MIN_GROUP programmes outside the scope (and in
    the `withheld` quarter, whose total the localities' protection withholds)."""
    own = rows[mine]
    parts = [_pooled(own, ["quarter"]).assign(series=_pooled_name(scope.label()), kind="scope")]
    community = _pooled(rows, ["quarter"])
    outside = _pooled(rows[~mine], ["quarter"]).set_index("quarter")["programmes"]
    safe = community["quarter"].map(outside).fillna(0).pipe(lambda n: (n == 0) | (n >= MIN_GROUP))
    safe &= community["quarter"] != withheld
    parts.append(community[safe].assign(series=_("Learning community (pooled)"), kind="community"))
    if own["programme_id"].nunique() <= MAX_LINES:
        for (pid, name), part in own.groupby(["programme_id", "name"]):
            parts.append(part.assign(series=f"{name} ({pid})", kind="programme", programmes=1))
    series = pd.concat(parts, ignore_index=True)
    pooled = {
        "scope": own.groupby("quarter")["source_short"].agg(_sources_of),
        "community": rows.groupby("quarter")["source_short"].agg(_pooled_source),
    }
    for kind, sources in pooled.items():
        here = series["kind"] == kind
        series.loc[here, "source_short"] = series.loc[here, "quarter"].map(sources)
    cited = provenance.cite(data.benchmarks, own, _pooled_citation(rows[~mine]))
    table = series[["series", "quarter", "clients_served", "clients_employed", "employment_rate_pct", "source_short"]]
    notes = (
        []
        if safe.all()
        else [
            _(
                "The pooled learning community is left out of {count} quarter(s): it would give away the figures "
                "of fewer than {min_group} programmes outside the report's scope."
            ).format(count=formats.number(int((~safe).sum())), min_group=formats.number(MIN_GROUP))
        ]
    )
    last = series[series["kind"] == "scope"].tail(1)
    detail = (
        _("latest {rate} in {quarter}").format(
            rate=format_fixed(last["employment_rate_pct"].iloc[0], 1, "percent"), quarter=last["quarter"].iloc[0]
        )
        if len(last)
        else _("no quarters")
    )
    return View(
        title=_("Employment rate by quarter, against the benchmarks and the learning community"),
        figure=make_rate_history(series, data.benchmarks, data.synthetic),
        data=table,
        cited=cited,
        notes=tuple(notes),
        alt=alt_text(
            _("Line chart of the employment rate by quarter for {scope}").format(scope=scope.label()), detail, cited
        ),
        name="rates-by-quarter",
        synthetic=data.synthetic,
    )


def _this_quarter(now_rows, mine, places, localities, protection, quarter, data: ReportData) -> View:
    """This quarter's programmes of the scope's places: the scope's named, the others unnamed (rates only),
    shown one by one only where a place has at least MIN_GROUP others."""
    shown, notes = [], []
    for code in places:
        here = now_rows[now_rows["geo_code"] == code]
        theirs = here[~mine[here.index]]
        ours = here[mine[here.index]]
        shown.append(ours.assign(label=ours["name"] + " (" + ours["programme_id"] + ")", in_scope=True))
        if len(theirs) >= MIN_GROUP:
            ordered = theirs.sort_values("employment_rate_pct").reset_index(drop=True)
            shown.append(
                ordered.assign(
                    # TRANSLATORS: an unnamed programme outside the report's scope: 'Another US-CT programme 3'.
                    label=[_("Another {area} programme {n}").format(area=code, n=i + 1) for i in range(len(ordered))],
                    in_scope=False,
                ).assign(
                    clients_served=pd.NA, clients_employed=pd.NA, source_short=_pooled_source(theirs["source_short"])
                )
            )
        elif len(theirs):
            notes.append(
                _("{area}: {count} other programme(s), fewer than {min_group}, are not shown one by one.").format(
                    area=code, count=formats.number(len(theirs)), min_group=formats.number(MIN_GROUP)
                )
            )
    bars = (
        pd.concat(shown, ignore_index=True)
        if shown
        else pd.DataFrame(columns=["label", "employment_rate_pct", "in_scope", "source_short"])
    )
    reference = localities[localities["geo_code"].isin(places) & ~localities["geo_code"].isin(protection.suppressed)]
    reference = reference.assign(label=reference["geo_name"].map(_pooled_name))
    cited = provenance.cite(now_rows[mine], _pooled_citation(now_rows[~mine]))
    table = bars[["label", "employment_rate_pct", "clients_served", "clients_employed", "source_short"]]
    ours = int(bars["in_scope"].astype(bool).sum())
    detail = _("{ours} programmes in the scope and {others} others").format(
        ours=formats.number(ours), others=formats.number(len(bars) - ours)
    )
    return View(
        title=_("{quarter}: the programmes of the same places").format(quarter=quarter),
        figure=make_rate_bars(bars, quarter, reference[["label", "employment_rate_pct"]], data.synthetic),
        data=table,
        cited=cited,
        notes=tuple(notes),
        alt=alt_text(
            _("Bar chart of {quarter} employment rates of the programmes in {places}").format(
                quarter=quarter, places=", ".join(places)
            ),
            detail,
            cited,
        ),
        name="this-quarter",
        synthetic=data.synthetic,
    )


def _across(localities, protection, places, quarter, data: ReportData, now_rows: pd.DataFrame) -> View:
    """Every locality's pooled rate this quarter (those that would give a small group away left out)."""
    shown = localities[~localities["geo_code"].isin(protection.suppressed)]
    bars = shown.assign(
        label=_place_label(shown),
        in_scope=shown["geo_code"].isin(places),
        source_short=_pooled_source(data.quarters["source_short"]),
    )
    community = pd.DataFrame(
        [
            {
                "label": _("Learning community"),
                "employment_rate_pct": localities["clients_employed"].sum()
                * 100.0
                / max(localities["clients_served"].sum(), 1),
            }
        ]
    )
    reference = community if not protection.withheld else community.iloc[0:0]
    cited = _pooled_citation(now_rows)
    notes = (disclosure.note(protection, "localities"),) if protection.suppressed else ()
    return View(
        title=_("{quarter}: localities side by side (pooled)").format(quarter=quarter),
        figure=make_rate_bars(bars, quarter, reference, data.synthetic),
        data=bars[["label", "programmes", "clients_served", "clients_employed", "employment_rate_pct"]],
        cited=cited,
        notes=notes,
        alt=alt_text(
            _("Bar chart of {quarter} pooled employment rates by locality").format(quarter=quarter),
            _("{count} localities").format(count=formats.number(len(bars))),
            cited,
        ),
        name="localities",
        synthetic=data.synthetic,
    )


def _place_label(places: pd.DataFrame) -> pd.Series:
    """'Connecticut (US-CT)', or the code alone where the place has no other name."""
    named = places["geo_name"] + " (" + places["geo_code"] + ")"
    return named.where(places["geo_name"] != places["geo_code"], places["geo_code"])


def _rank(values: pd.Series, value: float) -> int:
    return int((values > value).sum()) + 1


def _ranks(now_rows, mine, localities, protection, places, quarter) -> View:
    """Each programme of the scope ranked within its locality, and each of the scope's localities ranked
    across the localities shown."""
    rows = []
    shown = localities[~localities["geo_code"].isin(protection.suppressed)].dropna(subset=["employment_rate_pct"])
    for r in now_rows[mine].dropna(subset=["employment_rate_pct"]).itertuples():
        peers = now_rows.loc[now_rows["geo_code"] == r.geo_code, "employment_rate_pct"].dropna()
        rows.append(
            {
                "who": f"{r.name} ({r.programme_id})",
                "rate %": round(r.employment_rate_pct, 1),
                "rank": _("{rank} of {count} in {area}").format(
                    rank=_rank(peers, r.employment_rate_pct), count=formats.number(len(peers)), area=r.geo_code
                ),
                "source": r.source_short,
            }
        )
    for place in places:
        here = shown[shown["geo_code"] == place]
        if len(here):
            rate = float(here["employment_rate_pct"].iloc[0])
            rows.append(
                {
                    "who": _pooled_name(place),
                    "rate %": round(rate, 1),
                    "rank": _("{rank} of {count} localities shown").format(
                        rank=_rank(shown["employment_rate_pct"], rate), count=formats.number(len(shown))
                    ),
                    "source": _("pooled: see the localities section"),
                }
            )
    table = pd.DataFrame(rows, columns=["who", "rate %", "rank", "source"])
    cited = provenance.cite(now_rows[mine])
    headers = {"who": _("who"), "rate %": _("rate %"), "rank": _("rank"), "source": _("source")}
    return View(
        title=_("{quarter}: ranks within the locality and across localities").format(quarter=quarter),
        figure=make_table(table, headers),
        data=table,
        cited=cited,
        alt=alt_text(
            _("Table of {quarter} ranks").format(quarter=quarter),
            _("{count} rows").format(count=formats.number(len(table))),
            cited,
        ),
        name="ranks",
    )


def _changes(rows, mine, now: int) -> View:
    """Each programme of the scope this quarter against the quarter before, and who is new or missing."""
    own = rows[mine]
    this, before = own[own["n"] == now].set_index("programme_id"), own[own["n"] == now - 1].set_index("programme_id")
    out = []
    for pid in sorted(set(this.index) | set(before.index)):
        a, b = (before.loc[pid] if pid in before.index else None), (this.loc[pid] if pid in this.index else None)
        name = (b if b is not None else a)["name"]
        change = (
            _("new this quarter")
            if a is None
            else _("did not report this quarter")
            if b is None
            else _points(b["employment_rate_pct"] - a["employment_rate_pct"])
            if pd.notna(a["employment_rate_pct"]) and pd.notna(b["employment_rate_pct"])
            else ""
        )
        out.append(
            {
                "programme": f"{name} ({pid})",
                quarter_label(now - 1): "" if a is None else _rate_of(a),
                quarter_label(now): "" if b is None else _rate_of(b),
                "change": change,
                "source": "; ".join(x["source_short"] for x in (a, b) if x is not None),
            }
        )
    table = pd.DataFrame(out, columns=["programme", quarter_label(now - 1), quarter_label(now), "change", "source"])
    cited = provenance.cite(own[own["n"].isin([now, now - 1])])
    headers = {"programme": _("programme"), "change": _("change"), "source": _("source")}
    return View(
        title=_("What changed since {quarter}").format(quarter=quarter_label(now - 1)),
        figure=make_table(table, headers),
        data=table,
        cited=cited,
        alt=alt_text(
            _("Table of changes since {quarter}").format(quarter=quarter_label(now - 1)),
            _("{count} programmes").format(count=formats.number(len(table))),
            cited,
        ),
        name="changes",
    )


def _points(change: float) -> str:
    """'+2.5 points', '-1.0 points' (one decimal, signed), in the language in use."""
    sign = f"{change:+.1f}"[0]
    # TRANSLATORS: a change in an employment rate in percentage points, with its sign: '+2.5 points'.
    return _("{change} points").format(change=sign + format_fixed(abs(change), 1))


def _rate_of(row) -> str:
    """'42.5% of 40': a programme quarter's employment rate and clients served."""
    # TRANSLATORS: a programme quarter's employment rate and the clients served it is of: '42.5% of 40'.
    return _("{rate} of {served}").format(
        rate=format_fixed(row["employment_rate_pct"], 1, "percent"), served=formats.number(row["clients_served"])
    )


def _pooled_name(name: str) -> str:
    """'US-CT (pooled)', 'Connecticut (pooled)': a figure pooled over a scope or place's programmes."""
    return _("{name} (pooled)").format(name=name)


def _fidelity(reviews: pd.DataFrame, scope: Scope, quarter: str, synthetic: bool) -> View:
    """The scope's fidelity reviews up to the end of the quarter."""
    year, q = int(quarter[:4]), int(quarter[-1])
    end = pd.Timestamp(year, 3 * q, 1) + pd.offsets.MonthEnd(0)
    own = reviews[in_scope(reviews, scope) & (pd.to_datetime(reviews["review_date"]) <= end)]
    own = own.assign(label=own["name"] + " (" + own["programme_id"] + ")")
    cited = provenance.cite(own)
    notes = () if len(own) else (_("No fidelity reviews are stored for these programmes."),)
    return View(
        title=_("Fidelity over time"),
        figure=make_score_history(own, synthetic),
        data=own[["label", "review_date", "scale", "total_score", "source_short"]],
        cited=cited,
        notes=notes,
        alt=alt_text(
            _("Line chart of fidelity review scores over time"),
            _("{count} reviews").format(count=formats.number(len(own))),
            cited,
        ),
        name="fidelity",
        synthetic=synthetic,
    )

"""Parameters in, DataFrames out. Bound parameters only: no value is ever formatted into SQL.

Programme-level rows (a programme's name, area, quarters, reviews) leave this module only for the
programmes inside the viewer's scope (ipsdash.access.viewer): every query that reads them takes the
Viewer and filters in SQL. What lies outside the scope is handed out without any identity, for pooling.

Place names leave this module in the language in use (ipsdash.i18n.places): the store holds the data's
English names, and every query that returns a name or a label made of one localises it here, once, so the
area picker, hovers, titles and legends name places alike. So do the measures' names (data/metrics.csv,
whose labels are messages of the catalogs)."""

from __future__ import annotations

import unicodedata

import duckdb
import pandas as pd

from ipsdash import i18n
from ipsdash.access.viewer import Viewer
from ipsdash.domain.vocabulary import POLICY_EVENTS, START_EVENTS
from ipsdash.i18n import _, places

OBSERVATION_COLUMNS = (
    "obs_id, geo_code, geo_name, level, metric, metric_label, year, period, value, unit, qualifier, "
    "series, subject, source_id, source_short, citation, locator, note"
)


def _named(frame: pd.DataFrame, code: str = "geo_code", label: str = "geo_name") -> pd.DataFrame:
    """The frame with its place names, and its measures' names, in the language in use."""
    frame = places.localise(frame, code, label)
    if "metric_label" in frame.columns:
        frame = frame.assign(metric_label=frame["metric_label"].map(_measure))
    return frame


def _measure(label):
    """A name from a data file (a measure's, data/metrics.csv; a fidelity band's) in the language in use:
    each is a message of the catalogs (babel.cfg)."""
    return _(label) if isinstance(label, str) else label


def _labelled(frame: pd.DataFrame, code: str, name: str, label: str) -> pd.DataFrame:
    """The frame with `label` = 'Name (CODE)', the name in the language in use (its `name` column dropped),
    sorted by label."""
    named = _named(frame, code, name)
    labelled = named.assign(**{label: named[name] + " (" + named[code] + ")"}).drop(columns=name)
    return labelled.sort_values(label, kind="stable").reset_index(drop=True)


def get_values_by_key(con: duckdb.DuckDBPyConnection, keys: list[tuple]) -> pd.DataFrame:
    """Observations matching (geo_code, metric, year, source_id[, subject]) keys; without a subject, the
    whole-area value; with subject '*', the value about any one trial or sample. Each row carries its key
    columns, so callers match rows to keys by value."""
    wanted = [(*key, "")[:5] if len(key) == 4 else tuple(key) for key in keys]
    frame = pd.DataFrame(wanted, columns=["geo_code", "metric", "year", "source_id", "subject"])
    con.register("wanted", frame.rename(columns={"subject": "wanted_subject"}).reset_index(names="position"))
    try:
        return _named(
            con.execute(
                f"SELECT {OBSERVATION_COLUMNS} FROM observations o "
                "JOIN wanted w USING (geo_code, metric, year, source_id) "
                "WHERE w.wanted_subject IN (o.subject, '*') ORDER BY w.position, o.series"
            ).df()
        )
    finally:
        con.unregister("wanted")


def get_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source with how many values cite it, most-cited first."""
    return con.execute(
        "SELECT source_id, short, citation, year, kind, status, url, n_values, licence, accessed FROM sources "
        "ORDER BY status = 'read' DESC, n_values DESC, source_id"
    ).df()


def get_filter_options(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """The choices the observation filters offer, each with a label."""
    return {
        "geo": _labelled(
            con.execute("SELECT DISTINCT geo_code AS value, geo_name FROM observations").df(),
            "value",
            "geo_name",
            "label",
        ),
        "metric": (lambda frame: frame.assign(label=frame["label"].map(_measure)).sort_values("label", kind="stable"))(
            con.execute("SELECT DISTINCT metric AS value, metric_label AS label FROM observations").df()
        ),
        "source": con.execute("SELECT source_id AS value, short AS label FROM sources ORDER BY label").df(),
        "qualifier": con.execute(
            "SELECT DISTINCT qualifier AS value, qualifier AS label FROM observations ORDER BY 1"
        ).df(),
        "years": con.execute("SELECT min(year) AS lo, max(year) AS hi FROM observations").df(),
    }


def get_observations(
    con: duckdb.DuckDBPyConnection,
    geo_codes: list[str] | None = None,
    metrics: list[str] | None = None,
    source_ids: list[str] | None = None,
    qualifiers: list[str] | None = None,
    year_range: tuple[int, int] | None = None,
    include_undated: bool = True,
    text: str = "",
) -> pd.DataFrame:
    """Observations matching every filter given; an empty or None filter matches everything. `text` is
    looked for, ignoring case and accents, in the store's own words and in the names of places and
    measures as the language in use writes them ('Países Bajos', 'modelgetrouwheid')."""
    lo, hi = year_range or (None, None)
    text = _plain(text.strip())
    named, measured = _shown_matches(con, text) if text else ([], [])
    return _named(
        con.execute(
            f"""
        SELECT {OBSERVATION_COLUMNS} FROM observations
        WHERE (len($geo) = 0 OR list_contains($geo, geo_code))
          AND (len($metric) = 0 OR list_contains($metric, metric))
          AND (len($source) = 0 OR list_contains($source, source_id))
          AND (len($qualifier) = 0 OR list_contains($qualifier, qualifier))
          AND (CASE WHEN year IS NULL THEN $undated
                    ELSE ($lo IS NULL OR year >= $lo) AND ($hi IS NULL OR year <= $hi) END)
          AND ($text = '' OR list_contains($named, geo_code) OR list_contains($measured, metric)
               OR strip_accents(concat_ws(' ', geo_name, metric_label, series, subject, note, citation, period))
                  ILIKE '%' || $text || '%')
        ORDER BY geo_name, metric_label, year NULLS LAST, source_id
        """,
            {
                "geo": list(geo_codes or []),
                "metric": list(metrics or []),
                "source": list(source_ids or []),
                "qualifier": list(qualifiers or []),
                "lo": lo,
                "hi": hi,
                "undated": include_undated,
                "text": text,
                "named": named,
                "measured": measured,
            },
        ).df()
    )


def _plain(text: str) -> str:
    """Text without its accents, as DuckDB's strip_accents leaves it."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _shown_matches(con: duckdb.DuckDBPyConnection, text: str) -> tuple[list[str], list[str]]:
    """The places and measures whose names, as the language in use writes them, contain `text` (plain)."""
    if i18n.current() == i18n.DEFAULT:
        return [], []
    names = _named(con.execute("SELECT DISTINCT geo_code, geo_name, metric, metric_label FROM observations").df())
    wanted = text.casefold()

    def hits(code: str, label: str) -> list[str]:
        shown = names[label].fillna("").map(lambda name: _plain(name).casefold())
        return sorted(set(names.loc[shown.str.contains(wanted, regex=False), code]))

    return hits("geo_code", "geo_name"), hits("metric", "metric_label")


def get_milestones(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every milestone with its area and citation, in time order."""
    return _named(
        con.execute(
            "SELECT geo_code, geo_name, event, year, period, qualifier, source_id, source_short, citation, locator, "
            "note FROM milestones ORDER BY year, geo_name, event"
        ).df()
    )


def get_view(con: duckdb.DuckDBPyConnection, view: str, viewer: Viewer) -> pd.DataFrame:
    """A whole public view, for export; the programme views hold only the viewer's programmes."""
    if view not in PUBLIC_VIEWS:
        raise ValueError(f"unknown view '{view}'; choose one of {', '.join(PUBLIC_VIEWS)}")
    if view not in PROGRAMME_VIEWS:
        return con.execute(f"SELECT * FROM {view}").df()  # view name checked against a fixed list
    return con.execute(
        f"WITH {SCOPED} SELECT v.* FROM {view} v WHERE v.programme_id IN (SELECT programme_id FROM scoped "
        "WHERE in_scope)",
        _scope_params(viewer),
    ).df()


PUBLIC_VIEWS = (
    "observations",
    "milestones",
    "geographies",
    "sources",
    "metrics",
    "trials",
    "programmes",
    "programme_quarters",
    "fidelity_reviews",
    "fidelity_bands",
)
PROGRAMME_VIEWS = ("programmes", "programme_quarters", "fidelity_reviews")  # one row a programme or of one

# Each programme, with whether the viewer may see it one by one: inside the viewer's scope (its area, or
# the area that area lies in, or its id), or every programme is public (then everyone sees all, as before).
SCOPED = """scoped AS (
    SELECT p.programme_id, (
        $everything OR list_contains($programme_ids, p.programme_id) OR list_contains($geos, p.geo_code)
        OR list_contains($geos, g.parent_code)
        OR NOT (SELECT coalesce(bool_or(NOT is_public), false) FROM programmes)
    ) AS in_scope
    FROM programmes p LEFT JOIN geographies g USING (geo_code)
)"""


def _scope_params(viewer: Viewer) -> dict:
    return {"everything": viewer.sees_everything, "programme_ids": list(viewer.programmes), "geos": list(viewer.geos)}


def get_area_parents(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Each area's parent (a US state's is USA), for scopes that name a country."""
    rows = con.execute("SELECT geo_code, parent_code FROM geographies WHERE parent_code IS NOT NULL").fetchall()
    return dict(rows)


def get_areas(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    """Areas of one level ('country' or 'state') with what the sources say of IPS there."""
    return _named(
        con.execute(
            "SELECT geo_code, name, level, parent_code, region, ips_status, lc_status FROM geographies "
            "WHERE level = ? ORDER BY name",
            [level],
        ).df(),
        label="name",
    )


def get_profile_areas(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every area that has a profile: countries, US states and sub-national areas, labelled with parent
    ('Lombardia, Italia (IT-25)' in Italian), US states last."""
    areas = con.execute(
        """
        SELECT g.geo_code AS value, g.name, p.name AS parent_name, g.level, g.parent_code
        FROM geographies g LEFT JOIN geographies p ON p.geo_code = g.parent_code
        WHERE g.level IN ('country', 'subnational', 'state')
        """
    ).df()
    areas = _named(_named(areas, "value", "name"), "parent_code", "parent_name")
    within = areas["parent_name"].map(lambda parent: f", {parent}" if isinstance(parent, str) and parent else "")
    areas = areas.assign(label=areas["name"] + within + " (" + areas["value"] + ")", state=areas["level"] == "state")
    areas = areas.sort_values(["state", "label"], kind="stable").reset_index(drop=True)
    return areas[["value", "label", "level", "parent_code"]]


def get_level_milestones(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    """Milestones of the areas of one level and of their sub-areas (reported under the parent)."""
    return _named(
        con.execute(
            """
        SELECT coalesce(CASE WHEN g.level = ? THEN g.geo_code END, p.geo_code) AS area_code,
               m.geo_code, m.geo_name, m.event, m.year, m.period, m.qualifier, m.source_id, m.source_short, m.locator
        FROM milestones m JOIN geographies g USING (geo_code) LEFT JOIN geographies p ON p.geo_code = g.parent_code
        WHERE g.level = ? OR p.level = ?
        ORDER BY m.year
        """,
            [level, level, level],
        ).df()
    )


def get_level_values(con: duckdb.DuckDBPyConnection, level: str, metrics: list[str]) -> pd.DataFrame:
    """Whole-area values (no trial or sub-group) of the given metrics for the areas of one level."""
    return _named(
        con.execute(
            f"SELECT {OBSERVATION_COLUMNS} FROM observations "
            "WHERE level = ? AND list_contains(?, metric) AND subject = '' AND year IS NOT NULL "
            "ORDER BY geo_code, metric, year",
            [level, metrics],
        ).df()
    )


def get_area_observations(con: duckdb.DuckDBPyConnection, geo_code: str) -> pd.DataFrame:
    """Every value about an area and its sub-areas, with citations."""
    return _named(
        con.execute(
            f"SELECT {OBSERVATION_COLUMNS} FROM observations WHERE geo_code = $code "
            "OR geo_code IN (SELECT geo_code FROM geographies WHERE parent_code = $code AND level <> 'state') "
            "ORDER BY year NULLS LAST, metric_label",
            {"code": geo_code},
        ).df()
    )


def get_area_milestones(con: duckdb.DuckDBPyConnection, geo_code: str) -> pd.DataFrame:
    """Every milestone of an area and its sub-areas, with citations, in time order."""
    return _named(
        con.execute(
            "SELECT geo_code, geo_name, event, year, period, qualifier, source_id, source_short, citation, locator, "
            "note FROM milestones WHERE geo_code = $code "
            "OR geo_code IN (SELECT geo_code FROM geographies WHERE parent_code = $code AND level <> 'state') "
            "ORDER BY year, event",
            {"code": geo_code},
        ).df()
    )


def get_sub_areas(con: duckdb.DuckDBPyConnection, geo_code: str) -> pd.DataFrame:
    """Sub-national areas the sources discuss within a country (not the 51 US states), by name."""
    subs = con.execute(
        "SELECT geo_code AS value, name AS label FROM geographies WHERE parent_code = ? AND level = 'subnational'",
        [geo_code],
    ).df()
    return _named(subs, "value", "label").sort_values("label", kind="stable").reset_index(drop=True)


GROWTH_GROUPS = ["programmes", "adoption", "reach", "workforce", "outcomes", "fidelity"]
NOT_A_TREND = ["population"]


def get_growth_series(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every (area, measure) with dated whole-area values that can form a trend: n values and years spanned."""
    series = con.execute(
        """
        SELECT o.geo_code, any_value(o.geo_name) AS geo_name, o.metric,
               any_value(o.metric_label) AS metric_label, any_value(o.unit) AS unit, count(*) AS n,
               min(o.year) AS lo, max(o.year) AS hi
        FROM observations o JOIN metrics m USING (metric)
        WHERE o.subject = '' AND o.year IS NOT NULL AND list_contains($groups, m."group")
          AND NOT list_contains($skip, o.metric)
        GROUP BY o.geo_code, o.metric
        """,
        {"groups": GROWTH_GROUPS, "skip": NOT_A_TREND},
    ).df()
    series = _named(series).assign(geo_label=lambda f: f["geo_name"] + " (" + f["geo_code"] + ")")
    series = series.sort_values(["geo_label", "metric"], kind="stable").reset_index(drop=True)
    return series[["geo_code", "geo_label", "metric", "metric_label", "unit", "n", "lo", "hi"]]


def get_growth_points(con: duckdb.DuckDBPyConnection, geo_codes: list[str], metric: str) -> pd.DataFrame:
    """Dated whole-area values of one metric for the chosen areas."""
    return _named(
        con.execute(
            f"SELECT {OBSERVATION_COLUMNS} FROM observations WHERE list_contains($geo, geo_code) AND metric = $metric "
            "AND subject = '' AND year IS NOT NULL ORDER BY geo_code, series, year",
            {"geo": list(geo_codes), "metric": metric},
        ).df()
    )


def get_metric_label(con: duckdb.DuckDBPyConnection, metric: str) -> str:
    """A metric's label (the metric's own name when it has none)."""
    found = con.execute("SELECT label FROM metrics WHERE metric = ?", [metric]).fetchone()
    return _measure(found[0]) if found else metric


def get_populations(con: duckdb.DuckDBPyConnection, geo_codes: list[str]) -> pd.DataFrame:
    """Yearly populations of the areas, each with its source (for per-million figures)."""
    return con.execute(
        "SELECT geo_code, year, population, source_id, source_short, locator FROM population "
        "WHERE list_contains(?, geo_code) ORDER BY geo_code, year",
        [list(geo_codes)],
    ).df()


def get_policy_milestones(con: duckdb.DuckDBPyConnection, geo_codes: list[str]) -> pd.DataFrame:
    """Policy, membership and trial milestones of the chosen areas (their sub-areas included)."""
    return _named(
        con.execute(
            """
        SELECT m.geo_code, m.geo_name, m.event, m.year, m.period, m.qualifier, m.source_id, m.source_short, m.locator
        FROM milestones m JOIN geographies g USING (geo_code)
        WHERE (list_contains($geo, m.geo_code) OR (list_contains($geo, g.parent_code) AND g.level = 'subnational'))
          AND list_contains($events, m.event)
        ORDER BY m.year
        """,
            {"geo": list(geo_codes), "events": list(POLICY_EVENTS)},
        ).df()
    )


def get_adoption_starts(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    """Each area's earliest documented programme start (a J&J pilot counts), with its qualifier."""
    return _named(
        con.execute(
            """
        SELECT geo_code, arg_min(geo_name, year) AS geo_name, min(year) AS year,
               arg_min(qualifier, year) AS qualifier, arg_min(period, year) AS period,
               arg_min(source_id, year) AS source_id, arg_min(source_short, year) AS source_short,
               arg_min(locator, year) AS locator
        FROM milestones JOIN geographies g USING (geo_code)
        WHERE g.level = ? AND list_contains(?, event)
        GROUP BY geo_code ORDER BY year, geo_name
        """,
            [level, list(START_EVENTS)],
        ).df()
    )


def get_reported_counts(con: duckdb.DuckDBPyConnection, metric: str) -> pd.DataFrame:
    """Counts of areas with IPS as the sources report them (e.g. countries_with_ips, states_with_ips)."""
    return _named(
        con.execute(
            f"SELECT {OBSERVATION_COLUMNS} FROM observations WHERE metric = ? AND subject = '' AND year IS NOT NULL "
            "ORDER BY year",
            [metric],
        ).df()
    )


def get_reported_growth(con: duckdb.DuckDBPyConnection, geo_codes: list[str]) -> pd.DataFrame:
    """Growth rates the sources report themselves (shown beside computed ones, labelled as reported)."""
    return _named(
        con.execute(
            f"SELECT {OBSERVATION_COLUMNS} FROM observations "
            "WHERE metric IN ('programme_growth_rate_pct', 'lc_programme_growth_pct', 'non_lc_programme_growth_pct') "
            "AND qualifier <> 'derived' AND list_contains(?, geo_code) ORDER BY metric",
            [list(geo_codes)],
        ).df()
    )


OUTCOME_METRICS = ["employment_rate_pct", "employment_or_education_pct", "lc_employment_rate_floor_pct"]


def get_outcome_points(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Employment outcomes over time (not trials), each labelled with what it measures."""
    return _named(
        con.execute(
            f"SELECT {OBSERVATION_COLUMNS} FROM observations "
            "WHERE list_contains(?, metric) AND year IS NOT NULL ORDER BY geo_name, series, subject, year",
            [OUTCOME_METRICS],
        ).df()
    )


def get_benchmarks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The published quarterly employment-rate benchmarks (minimal, average, excellent)."""
    return _named(
        con.execute(
            f"SELECT {OBSERVATION_COLUMNS} FROM observations WHERE metric LIKE 'employment_benchmark_%' "
            "AND geo_code = 'USA' ORDER BY value"
        ).df()
    )


TRIAL_METRICS = ["trial_ips_employment_pct", "trial_control_employment_pct", "trial_participants"]


def get_trials(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per trial with both arms, participants, what the arms measure, and its sources' labels."""
    return _named(
        con.execute(
            """
        SELECT t.*, s.source_short FROM trials t
        JOIN (SELECT subject, geo_code, year, string_agg(DISTINCT source_short, '; ') AS source_short
              FROM observations WHERE list_contains($metrics, metric) GROUP BY ALL) s USING (subject, geo_code, year)
        WHERE ips_pct IS NOT NULL AND control_pct IS NOT NULL ORDER BY year, subject
        """,
            {"metrics": TRIAL_METRICS},
        ).df()
    )


def get_trial_values(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The stored values behind the trials: each arm's employment and the participants, with sources."""
    return _named(
        con.execute(
            f"SELECT {OBSERVATION_COLUMNS} FROM observations WHERE list_contains(?, metric) AND subject <> '' "
            "ORDER BY year, subject, metric",
            [TRIAL_METRICS],
        ).df()
    )


def get_published_correlations(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Published fidelity-employment findings (correlations and the Dutch longitudinal study)."""
    return _named(
        con.execute(
            f"SELECT {OBSERVATION_COLUMNS} FROM observations "
            "WHERE metric IN ('fidelity_employment_r', 'months_to_largest_improvement') "
            "OR (metric = 'study_programmes' AND source_id IN ('dewinter2020', 'margolies2018')) ORDER BY year"
        ).df()
    )


def get_fidelity_filters(con: duckdb.DuckDBPyConnection, viewer: Viewer) -> dict[str, pd.DataFrame]:
    """Areas, years and scales that the programme data has, and whether it is synthetic. A signed-in
    viewer gets the areas of their own programmes only (the public gets no area filter on confidential
    data; its list only checks links and talk slides)."""
    return {
        "geo": _named(
            con.execute(
                f"WITH {SCOPED} SELECT DISTINCT geo_code AS value, geo_name AS label FROM programmes "
                "JOIN scoped USING (programme_id) WHERE in_scope OR $public",
                {"public": viewer.is_public, **_scope_params(viewer)},
            ).df(),
            "value",
            "label",
        )
        .sort_values("label", kind="stable")
        .reset_index(drop=True),
        "years": con.execute("SELECT DISTINCT year(review_date) AS year FROM fidelity_reviews ORDER BY 1").df(),
        "scales": con.execute("SELECT DISTINCT scale FROM fidelity_reviews ORDER BY 1").df(),
        "synthetic": con.execute("SELECT bool_or(is_synthetic) AS any, count(*) AS n FROM programmes").df(),
        "confidential": con.execute("SELECT coalesce(bool_or(NOT is_public), false) AS any FROM programmes").df(),
    }


_LATEST_AROUND = """
        latest AS (
            SELECT programme_id, arg_max(review_date, review_date) AS review_date,
                   arg_max(total_score, review_date) AS total_score, arg_max(import_id, review_date) AS import_id
            FROM fidelity_reviews
            WHERE scale = $scale AND ($year IS NULL OR year(review_date) <= $year)
            GROUP BY programme_id
        ), around AS (
            SELECT l.programme_id, sum(q.clients_employed) * 100.0 / nullif(sum(q.clients_served), 0) AS rate,
                   count(*) AS quarters, sum(q.clients_served) AS served, list(DISTINCT q.import_id) AS imports
            FROM latest l JOIN programme_quarters q USING (programme_id)
            WHERE abs((CAST(left(q.quarter, 4) AS INTEGER) * 4 + CAST(right(q.quarter, 1) AS INTEGER))
                      - (year(l.review_date) * 4 + quarter(l.review_date))) <= 2
            GROUP BY l.programme_id
        )"""


def get_fidelity_points(
    con: duckdb.DuckDBPyConnection, scale: str, geo_codes: list[str], year: int | None, viewer: Viewer
) -> pd.DataFrame:
    """Per programme inside the viewer's scope: its latest review on one scale (up to `year`), and its
    employment rate over the quarters around that review (the review's quarter and two either side)."""
    return _named(
        con.execute(
            f"""
        WITH {SCOPED}, {_LATEST_AROUND}
        SELECT p.programme_id, p.name, p.geo_code, p.geo_name, p.is_synthetic, p.is_public,
               l.review_date, l.total_score,
               a.rate AS employment_rate_pct, a.quarters, a.served,
               array_to_string(list_sort(list_distinct(
                   list_filter(list_concat([l.import_id, p.import_id], a.imports), lambda x: x IS NOT NULL))), '; ')
                   AS import_ids
        FROM latest l JOIN around a USING (programme_id) JOIN programmes p USING (programme_id)
        JOIN scoped s USING (programme_id)
        WHERE s.in_scope AND (len($geo) = 0 OR list_contains($geo, p.geo_code))
        ORDER BY p.programme_id
        """,
            {"scale": scale, "geo": list(geo_codes), "year": year, **_scope_params(viewer)},
        ).df()
    )


def get_fidelity_pool(con: duckdb.DuckDBPyConnection, scale: str, viewer: Viewer) -> pd.DataFrame:
    """The programmes outside the viewer's scope, for pooling into groups (and the line) only: each one's
    latest score on the scale, its employment rate around that review, the clients served and the imports
    behind it (cited, never drawn), with no id,
    name, area or date, in score order. The view pools them; nothing here is drawn one by one."""
    return con.execute(
        f"""
        WITH {SCOPED}, {_LATEST_AROUND}
        SELECT l.total_score, a.rate AS employment_rate_pct, a.served, p.is_synthetic,
               array_to_string(list_sort(list_distinct(
                   list_filter(list_concat([l.import_id, p.import_id], a.imports), lambda x: x IS NOT NULL))), '; ')
                   AS import_ids
        FROM latest l JOIN around a USING (programme_id) JOIN programmes p USING (programme_id)
        JOIN scoped s USING (programme_id)
        WHERE NOT s.in_scope
        ORDER BY l.total_score, a.rate, a.served
        """,
        {"scale": scale, "year": None, **_scope_params(viewer)},
    ).df()


def get_import_sources(con: duckdb.DuckDBPyConnection, import_ids: list[str]) -> pd.DataFrame:
    """The sources rows of these imports (what a view drawing their rows cites), oldest import first."""
    return con.execute(
        "SELECT s.source_id, s.short AS source_short, CASE WHEN i.is_public THEN 'public' ELSE 'confidential' END "
        "AS locator FROM imports i JOIN sources s ON s.source_id = 'import:' || i.import_id "
        "WHERE list_contains($ids, i.import_id) ORDER BY i.imported_at, i.import_id",
        {"ids": list(import_ids)},
    ).df()


def get_programme_history(con: duckdb.DuckDBPyConnection, programme_id: str, viewer: Viewer) -> dict[str, pd.DataFrame]:
    """A programme's fidelity reviews and quarterly employment rates; empty outside the viewer's scope."""
    inside = f"WITH {SCOPED} SELECT in_scope FROM scoped WHERE programme_id = $id"
    found = con.execute(inside, {"id": programme_id, **_scope_params(viewer)}).fetchone()
    visible = bool(found and found[0])
    return {
        "reviews": con.execute(
            "SELECT review_date, scale, total_score, import_id FROM fidelity_reviews WHERE programme_id = ? AND ? "
            "ORDER BY 1",
            [programme_id, visible],
        ).df(),
        "quarters": con.execute(
            "SELECT quarter, clients_served, clients_employed, employment_rate_pct, import_id FROM programme_quarters "
            "WHERE programme_id = ? AND ? ORDER BY quarter",
            [programme_id, visible],
        ).df(),
    }


def get_fidelity_bands(con: duckdb.DuckDBPyConnection, scale: str) -> pd.DataFrame:
    """The bands of one scale, each with its cut-point's source (blank when uncited)."""
    bands = con.execute("SELECT * FROM fidelity_bands WHERE scale = ? ORDER BY lower", [scale]).df()
    return bands.assign(band=bands["band"].map(_measure))  # the band's name in the language in use


def get_report_data(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Every programme quarter and fidelity review with its programme's place, for the comparison reports."""
    return {
        "quarters": _named(
            con.execute(
                "SELECT p.programme_id, p.name, p.geo_code, p.geo_name, p.is_synthetic, q.quarter, "
                "q.clients_served, q.clients_employed FROM programme_quarters q JOIN programmes p "
                "USING (programme_id) ORDER BY p.programme_id, q.quarter"
            ).df()
        ),
        "reviews": con.execute(
            "SELECT p.programme_id, p.name, p.geo_code, r.review_date, r.scale, r.total_score "
            "FROM fidelity_reviews r JOIN programmes p USING (programme_id) ORDER BY p.programme_id, r.review_date"
        ).df(),
    }

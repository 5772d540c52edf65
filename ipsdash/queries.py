"""Parameters in, DataFrames out. Bound parameters only: no value is ever formatted into SQL."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

OBSERVATION_COLUMNS = (
    "obs_id, geo_code, geo_name, level, metric, metric_label, year, period, value, unit, qualifier, "
    "series, subject, source_id, source_short, citation, locator, note"
)


@dataclass(frozen=True)
class Headline:
    """A headline figure on the home page: one or more stored values shown side by side."""

    label: str
    keys: tuple[tuple[str, str, int, str], ...]  # (geo_code, metric, year, source_id) per value
    caption: str = ""


HEADLINES = (
    Headline(
        "Countries with IPS, 2020",
        (("WLD", "countries_with_ips", 2020, "bond2020_intl"),),
        "The USA and 19 other countries",
    ),
    Headline(
        "US programmes, 2019 survey",
        (("USA", "programmes", 2019, "pogue2022"),),
        "All programmes reported by state agencies, 2019 national survey",
    ),
    Headline(
        "US learning-community programmes",
        (("USA", "lc_programmes", 2019, "pogue2022"),),
        "In the 22 member states and 2 member counties, 2019 survey",
    ),
    Headline(
        "US learning-community teams",
        (("USA", "lc_teams", 2020, "bond2020_intl"),),
        "Teams reporting to the learning community in 2020",
    ),
    Headline(
        "US programmes incl. veterans' services",
        (("USA", "programmes", 2020, "drake2020_growth"),),
        "Authors' estimate for 2020 including Veterans Health Administration programmes, not a survey count",
    ),
    Headline(
        "Employed in trials: IPS vs control",
        (
            ("WLD", "pooled_ips_employment_pct", 2020, "bond2020_update"),
            ("WLD", "pooled_control_employment_pct", 2020, "bond2020_update"),
        ),
        "Competitive employment pooled over 28 randomised trials (N = 6,468)",
    ),
)


def get_values_by_key(con: duckdb.DuckDBPyConnection, keys: list[tuple[str, str, int, str]]) -> pd.DataFrame:
    """The observations matching (geo_code, metric, year, source_id) keys, in the order given."""
    frame = pd.DataFrame(keys, columns=["geo_code", "metric", "year", "source_id"]).reset_index(names="position")
    con.register("wanted", frame)
    try:
        return con.execute(
            f"SELECT {OBSERVATION_COLUMNS} FROM observations o "
            "JOIN wanted w USING (geo_code, metric, year, source_id) WHERE o.subject = '' ORDER BY w.position"
        ).df()
    finally:
        con.unregister("wanted")


def get_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source with how many values cite it, most-cited first."""
    return con.execute(
        "SELECT source_id, short, citation, year, kind, status, url, n_values FROM sources "
        "ORDER BY status = 'read' DESC, n_values DESC, source_id"
    ).df()


def get_filter_options(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """The choices the observation filters offer, each with a label."""
    return {
        "geo": con.execute(
            "SELECT DISTINCT geo_code AS value, geo_name || ' (' || geo_code || ')' AS label "
            "FROM observations ORDER BY label"
        ).df(),
        "metric": con.execute(
            "SELECT DISTINCT metric AS value, metric_label AS label FROM observations ORDER BY label"
        ).df(),
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
    """Observations matching every filter given; an empty or None filter matches everything."""
    lo, hi = year_range or (None, None)
    return con.execute(
        f"""
        SELECT {OBSERVATION_COLUMNS} FROM observations
        WHERE (len($geo) = 0 OR list_contains($geo, geo_code))
          AND (len($metric) = 0 OR list_contains($metric, metric))
          AND (len($source) = 0 OR list_contains($source, source_id))
          AND (len($qualifier) = 0 OR list_contains($qualifier, qualifier))
          AND (CASE WHEN year IS NULL THEN $undated
                    ELSE ($lo IS NULL OR year >= $lo) AND ($hi IS NULL OR year <= $hi) END)
          AND ($text = '' OR concat_ws(' ', geo_name, metric_label, series, subject, note, citation, period)
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
            "text": text.strip(),
        },
    ).df()


def get_milestones(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every milestone with its area and citation, in time order."""
    return con.execute(
        "SELECT geo_code, geo_name, event, year, period, qualifier, source_id, source_short, citation, locator, note "
        "FROM milestones ORDER BY year, geo_name, event"
    ).df()


def get_view(con: duckdb.DuckDBPyConnection, view: str) -> pd.DataFrame:
    """A whole public view, for export."""
    if view not in PUBLIC_VIEWS:
        raise ValueError(f"unknown view '{view}'; choose one of {', '.join(PUBLIC_VIEWS)}")
    return con.execute(f"SELECT * FROM {view}").df()  # view name checked against a fixed list


PUBLIC_VIEWS = ("observations", "milestones", "geographies", "sources", "metrics", "trials")


def get_areas(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    """Areas of one level ('country' or 'state') with what the sources say of IPS there."""
    return con.execute(
        "SELECT geo_code, name, level, parent_code, region, ips_status, lc_status FROM geographies "
        "WHERE level = ? ORDER BY name",
        [level],
    ).df()


def get_profile_areas(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every area that has a profile: countries, US states and sub-national areas, labelled with parent."""
    return con.execute(
        """
        SELECT g.geo_code AS value,
               g.name || CASE WHEN p.name IS NULL THEN '' ELSE ', ' || p.name END || ' (' || g.geo_code || ')' AS label,
               g.level, g.parent_code
        FROM geographies g LEFT JOIN geographies p ON p.geo_code = g.parent_code
        WHERE g.level IN ('country', 'subnational', 'state')
        ORDER BY g.level = 'state', label
        """
    ).df()


def get_level_milestones(con: duckdb.DuckDBPyConnection, level: str) -> pd.DataFrame:
    """Milestones of the areas of one level and of their sub-areas (reported under the parent)."""
    return con.execute(
        """
        SELECT coalesce(CASE WHEN g.level = ? THEN g.geo_code END, p.geo_code) AS area_code,
               m.geo_code, m.geo_name, m.event, m.year, m.period, m.qualifier, m.source_id, m.source_short
        FROM milestones m JOIN geographies g USING (geo_code) LEFT JOIN geographies p ON p.geo_code = g.parent_code
        WHERE g.level = ? OR p.level = ?
        ORDER BY m.year
        """,
        [level, level, level],
    ).df()


def get_level_values(con: duckdb.DuckDBPyConnection, level: str, metrics: list[str]) -> pd.DataFrame:
    """Whole-area values (no trial or sub-group) of the given metrics for the areas of one level."""
    return con.execute(
        f"SELECT {OBSERVATION_COLUMNS} FROM observations "
        "WHERE level = ? AND list_contains(?, metric) AND subject = '' AND year IS NOT NULL "
        "ORDER BY geo_code, metric, year",
        [level, metrics],
    ).df()


def get_area_observations(con: duckdb.DuckDBPyConnection, geo_code: str) -> pd.DataFrame:
    """Every value about an area and its sub-areas, with citations."""
    return con.execute(
        f"SELECT {OBSERVATION_COLUMNS} FROM observations WHERE geo_code = $code "
        "OR geo_code IN (SELECT geo_code FROM geographies WHERE parent_code = $code AND level <> 'state') "
        "ORDER BY year NULLS LAST, metric_label",
        {"code": geo_code},
    ).df()


def get_area_milestones(con: duckdb.DuckDBPyConnection, geo_code: str) -> pd.DataFrame:
    """Every milestone of an area and its sub-areas, with citations, in time order."""
    return con.execute(
        "SELECT geo_code, geo_name, event, year, period, qualifier, source_id, source_short, citation, locator, note "
        "FROM milestones WHERE geo_code = $code "
        "OR geo_code IN (SELECT geo_code FROM geographies WHERE parent_code = $code AND level <> 'state') "
        "ORDER BY year, event",
        {"code": geo_code},
    ).df()


def get_sub_areas(con: duckdb.DuckDBPyConnection, geo_code: str) -> pd.DataFrame:
    """Sub-national areas the sources discuss within a country (not the 51 US states)."""
    return con.execute(
        "SELECT geo_code AS value, name AS label FROM geographies "
        "WHERE parent_code = ? AND level = 'subnational' ORDER BY name",
        [geo_code],
    ).df()

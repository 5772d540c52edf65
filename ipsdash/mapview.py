"""The data behind the adoption map: one call per (view, measure), cached by the UI."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from ipsdash import adoption, geo, queries


@dataclass(frozen=True)
class View:
    """World or US states."""

    key: str
    label: str
    level: str
    noun: str
    geojson_url: str
    scope: str
    unknown_label: str
    measures: tuple[str, ...]
    region: str | None = None  # only areas of this region are drawn and counted
    note: str = ""  # what the sources count but do not name, shown under the map


VIEWS = {
    "world": View(
        "world",
        "World",
        "country",
        "countries",
        geo.WORLD_URL,
        "world",
        "No IPS documented in the sources",
        tuple(adoption.MEASURES),
    ),
    "europe": View(
        "europe",
        "Europe",
        "country",
        "countries",
        geo.WORLD_URL,
        "europe",
        "No IPS documented in the sources",
        tuple(adoption.MEASURES),
        region="Europe",
    ),
    "us": View(
        "us",
        "US states",
        "state",
        "states",
        geo.US_URL,
        "usa",
        "Not named by the sources (not the same as no IPS)",
        ("first_programme", "learning_community"),
        note="National surveys counted 38 states with IPS in 2016 and 41 in 2019, and the learning community "
        "had 24 member states in 2020, but the sources name only a few of them; the rest are shown as not named.",
    ),
}
VALUE_METRICS = ["programmes", "clients_served", "employment_rate_pct", "employment_specialists_fte"]


@dataclass(frozen=True)
class MapData:
    """Everything the map page draws for one view and measure."""

    categories: pd.DataFrame  # geo_code, year, category
    summaries: pd.Series  # hover text per geo_code
    years: list[int]
    areas: pd.DataFrame
    sources: pd.DataFrame  # source_id, source_short of every value the view draws on


def get_map_data(con: duckdb.DuckDBPyConnection, view: str, measure: str) -> MapData:
    """Categories for every year, hover summaries and sources for one view and measure."""
    spec = VIEWS[view]
    areas = queries.get_areas(con, spec.level)
    if spec.region:
        areas = areas[areas["region"] == spec.region]
    milestones = queries.get_level_milestones(con, spec.level)
    values = queries.get_level_values(con, spec.level, VALUE_METRICS)
    years = adoption.animation_years(milestones)
    categories = adoption.categories_by_year(adoption.MEASURES[measure], areas, milestones, values, years)
    listing = queries.get_values_by_key(con, [("WLD", "countries_with_ips", 2020, "bond2020_intl")])
    sources = pd.concat([listing, milestones, values])[["source_id", "source_short"]].drop_duplicates()
    return MapData(categories, adoption.area_summaries(areas, milestones, values), years, areas, sources)


def table_for_year(data: MapData, measure: str, year: int) -> pd.DataFrame:
    """The data behind the map as drawn for one year: one row per area shown, with its story."""
    labels = {c.key: c.label for c in adoption.MEASURES[measure].categories}
    shown = data.categories[(data.categories["year"] == year) & (data.categories["category"] != "")]
    table = shown.merge(data.areas[["geo_code", "name", "ips_status", "lc_status"]], on="geo_code")
    return table.assign(
        category=table["category"].map(labels),
        details=table["geo_code"].map(data.summaries).str.replace("<br>", "; ").str.replace(r"</?b>", "", regex=True),
    )[["geo_code", "name", "year", "category", "ips_status", "lc_status", "details"]]

"""Shipped geometry -> small GeoJSON files the maps load from the app's own static folder.

The source files come from npm packages (see data/geo.yml for origin and licence); this module turns
them into GeoJSON keyed by our geography codes (ISO 3166-1 alpha-3 for countries, ISO 3166-2 for US
states), simplified and rounded so the page stays light. Run it only when the geometry changes:
    python -m ipsdash geo --world countries-110m.json --us states-10m.json
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pycountry

from ipsdash.assets import US_GEOJSON, WORLD_GEOJSON


def _world_codes(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """world-atlas ids are ISO 3166-1 numeric codes; keep the features that map to an alpha-3 code."""

    def alpha3(numeric: str) -> str | None:
        country = pycountry.countries.get(numeric=str(numeric).zfill(3))
        return country.alpha_3 if country else None

    coded = frame.assign(code=frame["id"].map(alpha3), label=frame["name"])
    return coded[coded["code"].notna()]


def _us_codes(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """us-atlas features carry state names; match the 50 states and DC to ISO 3166-2 codes."""
    by_name = {s.name: s.code for s in pycountry.subdivisions.get(country_code="US") if s.type in ("State", "District")}
    coded = frame.assign(code=frame["name"].map(by_name), label=frame["name"])
    return coded[coded["code"].notna()]


def _write(frame: gpd.GeoDataFrame, path: Path, tolerance: float) -> int:
    frame = frame.set_crs(4326, allow_override=True)
    frame = frame.assign(geometry=frame.geometry.simplify(tolerance, preserve_topology=True))
    features = json.loads(frame[["code", "label", "geometry"]].to_json(to_wgs84=False, drop_id=True))
    for feature in features["features"]:
        feature["id"] = feature["properties"].pop("code")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(_round(features), separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(text)


def _round(node, digits: int = 3):
    """Round coordinates to ~100 m: invisible at dashboard scale, a third of the bytes."""
    if isinstance(node, float):
        return round(node, digits)
    if isinstance(node, list):
        return [_round(n, digits) for n in node]
    if isinstance(node, dict):
        return {k: _round(v, digits) for k, v in node.items()}
    return node


def build_geometry(world_topojson: Path, us_topojson: Path) -> dict[str, int]:
    """Write static/geo/world.geojson and us-states.geojson; return their sizes in bytes."""
    world = _world_codes(gpd.read_file(world_topojson, layer="countries"))
    states = _us_codes(gpd.read_file(us_topojson, layer="states"))
    return {
        WORLD_GEOJSON.name: _write(world, WORLD_GEOJSON, tolerance=0.05),
        US_GEOJSON.name: _write(states, US_GEOJSON, tolerance=0.02),
    }

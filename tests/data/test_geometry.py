"""The shipped geometry covers every area the map colours, stays light, and says where it came from."""

from __future__ import annotations

import json

import yaml

from ipsdash import assets as geo
from ipsdash.config import DATA_DIR, ROOT


def _ids(path) -> set[str]:
    return {f["id"] for f in json.loads(path.read_text())["features"]}


def test_every_country_with_ips_has_a_shape(real_store):
    countries = {
        r[0]
        for r in real_store.execute(
            "SELECT geo_code FROM geographies WHERE level = 'country' AND ips_status IN ('ips', 'planned')"
        ).fetchall()
    }
    assert countries <= _ids(geo.WORLD_GEOJSON)


def test_every_us_state_has_a_shape(real_store):
    states = {r[0] for r in real_store.execute("SELECT geo_code FROM geographies WHERE level = 'state'").fetchall()}
    assert _ids(geo.US_GEOJSON) == states


def test_geometry_files_are_light():
    for path in [geo.WORLD_GEOJSON, geo.US_GEOJSON, *(geo.STATIC_DIR / "topojson").glob("*.json")]:
        assert path.stat().st_size < 400_000, path


def test_every_shipped_geometry_file_has_origin_and_licence():
    recorded = yaml.safe_load((DATA_DIR / "geo.yml").read_text())["files"]
    shipped = {str(p.relative_to(ROOT)) for p in geo.STATIC_DIR.rglob("*.json")} | {
        str(p.relative_to(ROOT)) for p in geo.STATIC_DIR.rglob("*.geojson")
    }
    assert shipped == set(recorded)
    for entry in recorded.values():
        assert entry["data_licence"] and entry["data_origin"] and entry["made_from"]

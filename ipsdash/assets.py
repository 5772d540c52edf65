"""Files the app ships and serves itself (the maps' geometry, the empty base maps Plotly asks for), by path and by URL.

Kept apart from ipsdash.pipeline.geometry, which builds the geometry with geopandas: a serving process needs only
these names, not the GDAL stack.
"""

from __future__ import annotations

import functools
import json

from ipsdash.config import ROOT

STATIC_DIR = ROOT / "static"
GEO_DIR = STATIC_DIR / "geo"
TOPOJSON_DIR = STATIC_DIR / "topojson"
WORLD_GEOJSON = GEO_DIR / "world.geojson"
US_GEOJSON = GEO_DIR / "us-states.geojson"
# URLs as the browser sees them (Streamlit serves ./static at /app/static when static serving is on).
STATIC_URL = "/app/static"
WORLD_URL = f"{STATIC_URL}/geo/world.geojson"
US_URL = f"{STATIC_URL}/geo/us-states.geojson"
TOPOJSON_URL = f"{STATIC_URL}/topojson/"  # empty base maps answering the fetch Plotly makes for every geo map
GEOJSON_FILES = {WORLD_URL: WORLD_GEOJSON, US_URL: US_GEOJSON}
ICON = STATIC_DIR / "icon.png"  # the browser tab's icon on every page


@functools.cache
def feature_bounds(url: str) -> dict[str, tuple[float, float, float, float]]:
    """Every area a served GeoJSON file draws, by id, with its bounding box (west, south, east, north): the
    map draws in grey those with no data that lie in its view."""
    features = json.loads(GEOJSON_FILES[url].read_text(encoding="utf-8"))["features"]
    return {feature["id"]: _bounds(feature["geometry"]["coordinates"]) for feature in features}


def _bounds(coordinates) -> tuple[float, float, float, float]:
    points = coordinates
    while isinstance(points[0][0], list):  # a Polygon's rings or a MultiPolygon's polygons
        points = [point for part in points for point in part]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)

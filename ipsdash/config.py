"""Where the project's files live. IPSDASH_DATA_DIR points the app and the CLI at another data folder
(a deployment's shared volume, or a test's copy); by default it is data/ in the checkout."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("IPSDASH_DATA_DIR") or ROOT / "data").resolve()
SCHEMA_PATH = DATA_DIR / "schema.yml"
STORE_PATH = DATA_DIR / "ipsdash.duckdb"

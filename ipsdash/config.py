"""Where the project's files live, and every environment variable the app and the CLI read.

IPSDASH_DATA_DIR points the app and the CLI at another data folder (a deployment's shared volume, or a
test's copy); by default it is data/ in the checkout. ENVIRONMENT lists each variable with its default
and meaning; the README's Configuration table documents the same names (a test keeps them together)."""

import os
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("IPSDASH_DATA_DIR") or ROOT / "data").resolve()
SCHEMA_PATH = DATA_DIR / "schema.yml"
STORE_PATH = DATA_DIR / "ipsdash.duckdb"
FOLLOW_DIR_ENV = "IPSDASH_FOLLOW_DIR"


def follow_dir(environ: dict[str, str] | None = None) -> Path:
    """Where the follow state of the talks lives (read at each call: every process serving one data
    folder must agree): IPSDASH_FOLLOW_DIR, or follow/ in the data folder."""
    environ = os.environ if environ is None else environ
    data = Path(environ.get("IPSDASH_DATA_DIR") or ROOT / "data")
    return Path(environ.get(FOLLOW_DIR_ENV) or data / "follow").resolve()


class Setting(NamedTuple):
    """One environment variable: its name, its default (as text) and what it means."""

    name: str
    default: str
    meaning: str


ENVIRONMENT = (
    Setting("IPSDASH_DATA_DIR", "data/ in the checkout", "the data folder the app and the CLI read and write"),
    Setting("IPSDASH_LOG_DIR", "DATA_DIR/logs", "another folder for the app's audit log"),
    Setting(
        "IPSDASH_ADMIN_PASSWORD",
        "unset (no Import page)",
        "the Import page's password: the offline fallback where no identity provider is configured",
    ),
    Setting(
        "IPSDASH_ACCESS_FILE",
        "unset (signed-in people see the public view)",
        "the access file (TOML): who sees which programmes",
    ),
    Setting("IPSDASH_MAX_IMPORT_BYTES", "200000000", "largest imported file (and unpacked XLSX), bytes"),
    Setting("IPSDASH_MAX_IMPORT_ROWS", "2000000", "most rows in one imported file"),
    Setting("IPSDASH_MAX_IMPORT_COLUMNS", "50", "most columns in one imported file"),
    Setting("IPSDASH_TALK_DIR", "data/talks", "another folder of talk tracks"),
    Setting("IPSDASH_PUBLIC_URL", "unset (no QR code)", "address of the live deployment, for QR codes"),
    Setting("IPSDASH_PUBLISHED_URL", "unset", "address of the published copy, for QR codes"),
    Setting("IPSDASH_QR", "live", "`published`: QR codes open the published copy when both addresses are set"),
    Setting("IPSDASH_FOLLOW_DIR", "DATA_DIR/follow", "where the presenter's follow state is written and read"),
    Setting("IPSDASH_FOLLOW_COPY", "unset", "a published folder: the follow state is also written to its follow/"),
    Setting("IPSDASH_LANG", "from LANGUAGE, LC_ALL, LC_MESSAGES, LANG; else en", "the CLI's language: en, nl, es, it"),
    Setting("IPSDASH_CHROMIUM", "chromium on PATH", "the Chromium that renders PNG, SVG and PDF"),
    Setting("IPSDASH_TEST_KILL_AT", "unset", "tests only: kill an import at a named step"),
    Setting("STREAMLIT_SERVER_COOKIE_SECRET", "random per process", "one secret shared by every replica"),
)

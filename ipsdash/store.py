"""Open the store read-only, and (re)build it when it is missing or older than data/."""

from __future__ import annotations

import fcntl
from pathlib import Path

import duckdb

from ipsdash.build import BuildReport, build_store
from ipsdash.paths import DATA_DIR, STORE_PATH


def data_mtime(data_dir: Path = DATA_DIR) -> float:
    """Latest modification time of the files the store is built from."""
    files = [*data_dir.glob("*.csv"), *data_dir.glob("*.yml"), *data_dir.glob("imports/manifest.csv")]
    return max((f.stat().st_mtime for f in files), default=0.0)


def is_stale(data_dir: Path = DATA_DIR, store_path: Path = STORE_PATH) -> bool:
    """True when the store is missing or older than any data file."""
    return not store_path.exists() or store_path.stat().st_mtime < data_mtime(data_dir)


def ensure_store(data_dir: Path = DATA_DIR, store_path: Path = STORE_PATH) -> BuildReport | None:
    """Build the store if it is missing or stale; return the build report, or None if it was fresh.

    A file lock keeps two app sessions from building at once; DataError propagates to the caller.
    """
    if not is_stale(data_dir, store_path):
        return None
    store_path.parent.mkdir(parents=True, exist_ok=True)
    with open(store_path.parent / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_stale(data_dir, store_path):  # another process built it while we waited
            return None
        return build_store(data_dir, store_path)


def store_version(store_path: Path = STORE_PATH) -> float:
    """Changes whenever the store file is replaced; used as a cache key."""
    return store_path.stat().st_mtime if store_path.exists() else 0.0


def connect(store_path: Path = STORE_PATH) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store."""
    return duckdb.connect(str(store_path), read_only=True)

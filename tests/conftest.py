"""Shared fixtures: a tiny deterministic store for unit tests, the real store for data contracts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ipsdash.config import DATA_DIR, STORE_PATH
from ipsdash.pipeline.build import build_store
from ipsdash.store.database import connect, ensure_store

FIXTURE_DATA = Path(__file__).parent / "fixtures" / "data"
SHARED_SOURCES = Path(__file__).resolve().parent.parent.parent / "shared" / "sources"
# The checks of data/ against the source documents need ../shared, which a user's clone (and CI) does not
# have: there they are not collected at all (rather than skipped), and the header says so.
collect_ignore = [] if SHARED_SOURCES.is_dir() else ["sources"]
MARKER_BY_FOLDER = {"unit": "unit", "data": "data", "app": "app", "e2e": "browser", "sources": "sources"}


@pytest.fixture(scope="session", autouse=True)
def audit_log_elsewhere(tmp_path_factory):
    """Tests write only into temporary folders: the app's audit log (failed unlocks in the app tests,
    served apps in the browser tests) goes to one."""
    os.environ["IPSDASH_LOG_DIR"] = str(tmp_path_factory.mktemp("logs"))


def pytest_report_header() -> str | None:
    if collect_ignore:
        return f"tests/sources not collected: {SHARED_SOURCES} is not beside this checkout (see make check-sources)"
    return None


def pytest_collection_modifyitems(items) -> None:
    """Mark each test by its folder, so `pytest -m "not browser"` is the quick loop."""
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if folder in MARKER_BY_FOLDER:
            item.add_marker(getattr(pytest.mark, MARKER_BY_FOLDER[folder]))


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A writable copy of the tiny fixture data directory."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    return target


@pytest.fixture
def mini_store(mini_data: Path):
    """A read-only connection to a store built from the tiny fixture."""
    path = mini_data / "mini.duckdb"
    build_store(mini_data, path)
    with connect(path) as con:
        yield con


@pytest.fixture(scope="session")
def real_store():
    """A read-only connection to the store built from the real data/."""
    ensure_store(DATA_DIR, STORE_PATH)
    with connect(STORE_PATH) as con:
        yield con

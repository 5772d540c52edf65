"""Fixtures for the import and store tests: a small data folder with a built store, copied per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ipsdash.config import DATA_DIR
from ipsdash.pipeline.build import build_store

FIXTURE_DATA = Path(__file__).parent.parent / "fixtures" / "data"
OUTCOMES_HEADER = "programme_id,programme_name,geo_code,start_year,quarter,clients_served,clients_employed\n"
FIDELITY_HEADER = "programme_id,review_date,scale,total_score\n"


@pytest.fixture(scope="session")
def built_programme_data(tmp_path_factory) -> Path:
    """The tiny fixture data plus the demonstration-set parameters, with its store built once."""
    target = tmp_path_factory.mktemp("base") / "data"
    shutil.copytree(FIXTURE_DATA, target)
    shutil.copy(DATA_DIR / "demo.yml", target / "demo.yml")
    build_store(target, target / "store.duckdb")
    return target


@pytest.fixture
def programme_data(built_programme_data: Path, tmp_path: Path) -> Path:
    """A private copy of that data folder and store (store at data/store.duckdb)."""
    target = tmp_path / "data"
    shutil.copytree(built_programme_data, target, ignore=shutil.ignore_patterns("logs"))
    return target


def snapshot(data_dir: Path) -> dict[str, bytes]:
    """Every file under data_dir (logs and the lock file aside) with its bytes: to prove nothing changed."""
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and "logs" not in p.relative_to(data_dir).parts and p.name != ".ipsdash.lock"
    }

"""Importing programme files: every problem by row and column, all-or-nothing, nothing lost.
(Kills, full disks and concurrent imports: test_import_transactions.py.)"""

from __future__ import annotations

import codecs
import io
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from ipsdash.config import DATA_DIR
from ipsdash.intake import contract
from ipsdash.pipeline import importer, manifest
from ipsdash.pipeline.build import build_store

HEADER = "programme_id,programme_name,geo_code,start_year,quarter,clients_served,clients_employed\n"
GOOD = (
    HEADER
    + "P1,Team one,US-NH,2015,2019-Q1,40,17\nP1,Team one,US-NH,2015,2019-Q2,42,19\nP2,Team two,NLD,2016,2019-Q1,30,10\n"
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the real data/ (without any imports) and a store built from it."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.duckdb*", "imports", ".*.lock", "logs"))
    build_store(target, target / "store.duckdb")
    return target


def _write(tmp_path: Path, text: str | bytes, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def _import(data_dir: Path, path: Path, kind: str = "outcomes", **kw) -> importer.ImportResult:
    return importer.import_file(path, kind, data_dir=data_dir, store_path=data_dir / "store.duckdb", **kw)


def _problems(data_dir: Path, path: Path, kind: str = "outcomes") -> list[str]:
    with pytest.raises(importer.ImportRejected) as caught:
        _import(data_dir, path, kind)
    return [str(p) for p in caught.value.problems]


def _count(data_dir: Path, sql: str):
    with duckdb.connect(str(data_dir / "store.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchone()


def test_every_problem_is_listed_by_file_row_and_column(data_dir, tmp_path):
    bad = (
        HEADER
        + "P1,Team one,XX-ZZ,2015,2019-5,40,47\n\n"
        + "P2,Team two,NLD,20x6,2019-Q1,-3,1\nP2,Team two,NLD,2016,2019-Q1,30,10\n"
    )
    problems = _problems(data_dir, _write(tmp_path, bad))
    assert problems == [
        "row 2, column geo_code: unknown geography code 'XX-ZZ' "
        "(use ISO 3166-1 alpha-3 or ISO 3166-2, e.g. NLD, US-NH)",
        "row 2, column quarter: '2019-5' is not a quarter like 2019-Q3",
        "row 2, column clients_employed: 47 employed is more than the clients served",
        "row 4, column start_year: '20x6' is not a year",
        "row 4, column clients_served: negative count -3",
        "row 4, column clients_employed: 1 employed is more than the clients served",
        "row 5, column start_year: '2016' differs from this programme's start_year on an earlier row",
        "row 5, column quarter: duplicate row for programme_id + quarter (already given above)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("programme_id,quarter\nP1,2019-Q1\n", "row 1, column programme_name: missing column"),
        (GOOD.encode("utf-8").replace(b"Team one", "Équipe".encode("latin-1"), 1), "not valid UTF-8"),
        (HEADER + "P1,Team,US-NH,2015,2099-Q1,4,1\n", "2099-Q1 is in the future"),
        (HEADER + "P1,Team,US-NH,2015,2019-Q1,4.5,1\n", "'4.5' is not a whole number"),
        (HEADER + "P1,Team,US-NH,2015,2019-Q1,,1\n", "row 2, column clients_served: is empty"),
        (HEADER + "P1,Team,US-NH,2015,2019-Q1,4,1\nP1,Other,US-NH,2015,2019-Q2,4,1\n", "differs from this programme's"),
        (HEADER, "has no data rows"),
    ],
)
def test_outcome_file_problems(data_dir, tmp_path, text, expected):
    assert any(expected in p for p in _problems(data_dir, _write(tmp_path, text)))


def test_fidelity_problems_and_scales(data_dir, tmp_path):
    _import(data_dir, _write(tmp_path, GOOD))
    bad = (
        "programme_id,review_date,scale,total_score\nP1,2019-13-01,IPS-25,100\nP1,2019-03-01,IPS-25,130\n"
        "P9,2019-03-01,IPS-25,100\nP2,2019-03-01,IPS-99,50\nP2,2019-04-01,IPS-15,70\n"
    )
    problems = _problems(data_dir, _write(tmp_path, bad, "fid.csv"), "fidelity")
    assert "row 2, column review_date: '2019-13-01' is not a date like 2019-03-15" in problems
    assert "row 3, column total_score: 130 is outside its scale's range" in problems
    assert "row 4, column programme_id: unknown programme 'P9': import its outcomes first" in problems
    assert any(p.startswith("row 5, column scale: unknown scale 'IPS-99'") for p in problems)
    assert not any(p.startswith("row 6") for p in problems)  # 70 is valid on IPS-15 (15-75)


def test_a_rejected_file_changes_nothing(data_dir, tmp_path):
    before = (data_dir / "store.duckdb").read_bytes()
    _problems(data_dir, _write(tmp_path, HEADER + "P1,Team,US-NH,2015,2019-Q1,4,9\n"))
    assert (data_dir / "store.duckdb").read_bytes() == before
    assert not (data_dir / "imports").exists()


def test_import_replaces_the_demonstration_set_and_survives_a_deleted_store(data_dir, tmp_path):
    assert _count(data_dir, "SELECT bool_and(is_synthetic), count(*) FROM programmes") == (True, 79)
    result = _import(data_dir, _write(tmp_path, GOOD.encode("utf-8-sig")))  # a BOM is fine
    assert result.added and result.rows == 3
    assert _count(data_dir, "SELECT bool_or(is_synthetic), count(*) FROM programmes") == (False, 2)
    (data_dir / "store.duckdb").unlink()
    build_store(data_dir, data_dir / "store.duckdb")  # a rebuild replays every import
    assert _count(data_dir, "SELECT count(*) FROM programme_quarters")[0] == 3


def test_same_file_twice_adds_nothing_and_conflicts_need_replace(data_dir, tmp_path):
    _import(data_dir, _write(tmp_path, GOOD))
    assert not _import(data_dir, _write(tmp_path, GOOD, "again.csv")).added
    changed = _write(tmp_path, GOOD.replace("40,17", "40,18"), "changed.csv")
    assert _problems(data_dir, changed) == [
        "row 2, column clients_employed: 18 conflicts with the stored 17; import with --replace (or tick Replace) "
        "to overwrite"
    ]
    _import(data_dir, changed, replace=True)
    assert _count(
        data_dir, "SELECT clients_employed FROM programme_quarters WHERE quarter = '2019-Q1' AND programme_id = 'P1'"
    ) == (18,)
    assert len(manifest.read_entries(data_dir)) == 2


def test_xlsx_files_import_like_csv(data_dir, tmp_path):
    buffer = io.BytesIO()
    pd.read_csv(io.StringIO(GOOD), dtype=str).to_excel(buffer, index=False)
    _import(data_dir, _write(tmp_path, buffer.getvalue(), "outcomes.xlsx"))
    assert _count(data_dir, "SELECT count(*) FROM programme_quarters")[0] == 3


def test_templates_are_valid_files_that_excel_opens_as_utf8(data_dir, tmp_path):
    assert all(contract.template(kind).startswith(codecs.BOM_UTF8) for kind in ("outcomes", "fidelity"))
    _import(data_dir, _write(tmp_path, contract.template("outcomes"), "o.csv"))
    _import(data_dir, _write(tmp_path, contract.template("fidelity"), "f.csv"), "fidelity")
    assert _count(data_dir, "SELECT count(*) FROM fidelity_reviews WHERE NOT is_synthetic")[0] == 1

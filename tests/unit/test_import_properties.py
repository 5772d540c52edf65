"""Validation is the build's contract, proved on generated files: a file that is accepted builds into a
store holding exactly its rows; a file that is refused leaves the store and the manifest byte-identical."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path

import duckdb
import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from ipsdash.domain.vocabulary import FIDELITY_SCALES
from ipsdash.intake.contract import FILES
from ipsdash.pipeline import importer, manifest
from tests.unit.conftest import snapshot

# Hypothesis caches what it learns (constants, Unicode tables) in ./.hypothesis; tests write only to tmp.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "ipsdash-hypothesis")

OUTCOME_COLUMNS, FIDELITY_COLUMNS = FILES["outcomes"].names, FILES["fidelity"].names
QUARTERS = [f"{y}-Q{q}" for y in range(2015, 2021) for q in range(1, 5)]
SCALES = {key: (scale.low, scale.high) for key, scale in FIDELITY_SCALES.items()}
KNOWN = ["K1", "K2", "K3"]
# Modest and bounded: each example builds a store. No shrinking (a slow example shrinks for minutes;
# the unshrunk failing file is printed instead) and no example database (tests write only to tmp).
SETTINGS = settings(
    max_examples=15,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Cells that must be refused, by column (each is wrong whatever else is in the file).
NASTY = {
    "programme_id": ["", "P 1", "ü1", "x" * 41, "P1\x00"],
    "programme_name": ["", "Team\x00", "two\nlines", "\x1b[31mred", "\u202eevil", "x" * 201],
    "geo_code": ["", "XX-ZZ", "NA", "nld"],
    "start_year": ["", "1e3", "2015.5", "inf", "NA", "99999999999", "1800", "٢٠١٥"],
    "quarter": ["", "2019-Q5", "2019Q1", "NA", "2099-Q1"],
    "clients_served": [
        "",
        "1e2",
        "inf",
        "-inf",
        "nan",
        "NaN",
        "4.5",
        "99999999999",
        "-1",
        "NA",
        "1,000",
        "1" + "0" * 30,
    ],
    "clients_employed": ["", "1e1", "inf", "nan", "2.5", "-3", "NA", "99999999999"],
    "review_date": ["", "2019-13-01", "15/03/2019", "2099-01-01", "1970-01-01", "NA", "2019-03-15 10:30:00"],
    "scale": ["", "IPS-99", "ips-25", "NA"],
    "total_score": ["", "inf", "-inf", "nan", "1e2", "NA", "999", "10", "١٠٠"],
}
XML_ILLEGAL = {chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32)]}  # XLSX cannot hold these at all

names = st.text(
    alphabet=st.characters(categories=["L", "N", "P", "S"], exclude_characters=["\u2028", "\u2029"]),
    min_size=1,
    max_size=12,
).map(lambda s: s.strip()).filter(bool) | st.sampled_from(["NA", "N/A", "null", "Team, one", '"Quoted"', "=1+1"])


def _render_whole(n: int) -> st.SearchStrategy:
    """The ways a spreadsheet writes a whole number (typed cells for XLSX are made later)."""
    return st.sampled_from([str(n), f"{n}.0", f" {n} ", f"{n}.00", n, float(n)])


@st.composite
def outcome_files(draw):
    ids = draw(st.lists(st.from_regex(r"[A-Za-z0-9_.\-]{1,8}", fullmatch=True), min_size=1, max_size=3, unique=True))
    rows, expected_programmes, expected_quarters = [], set(), set()
    for pid in ids:
        name, geo = draw(names), draw(st.sampled_from(["NLD", "US-NH", "GBR", "US-VT"]))
        start = draw(st.integers(1990, 2020))
        expected_programmes.add((pid, name, geo, start))
        for quarter in draw(st.lists(st.sampled_from(QUARTERS), min_size=1, max_size=3, unique=True)):
            served = draw(st.integers(0, 5000))
            employed = draw(st.integers(0, served))
            expected_quarters.add((pid, quarter, served, employed))
            pad = draw(st.sampled_from(["", " "]))
            rows.append(
                {
                    "programme_id": pid,
                    "programme_name": f"{pad}{name}{pad}",
                    "geo_code": geo,
                    "start_year": draw(_render_whole(start)),
                    "quarter": quarter,
                    "clients_served": draw(_render_whole(served)),
                    "clients_employed": draw(_render_whole(employed)),
                }
            )
    return rows, expected_programmes, expected_quarters


@st.composite
def fidelity_files(draw):
    rows, expected = [], set()
    keys = draw(
        st.lists(
            st.tuples(
                st.sampled_from(KNOWN),
                st.dates(dt.date(1990, 1, 1), dt.date(2024, 12, 31)),
                st.sampled_from(list(SCALES)),
            ),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    for pid, date, scale in keys:
        low, high = SCALES[scale]
        tenths = draw(st.integers(low * 10, high * 10))
        score = tenths / 10
        rendered = draw(
            st.sampled_from([f"{score:g}", f" {score} ", score])
            if tenths % 10
            else st.sampled_from([str(tenths // 10), f"{tenths // 10}.0", tenths // 10, float(score)])
        )
        when = draw(
            st.sampled_from(
                [date.isoformat(), f" {date.isoformat()} ", date, dt.datetime(date.year, date.month, date.day)]
            )
        )
        rows.append({"programme_id": pid, "review_date": when, "scale": scale, "total_score": rendered})
        expected.add((pid, date, scale, score))
    return rows, expected


@st.composite
def damaged(draw, files, columns):
    """A file from `files`, written as CSV or XLSX, with up to two cells replaced by nasty ones."""
    rows, *expected = draw(files)
    fmt = draw(st.sampled_from(["csv", "xlsx"]))
    hits = draw(st.lists(st.tuples(st.integers(0, len(rows) - 1), st.sampled_from(columns)), max_size=2, unique=True))
    bad = []
    for row, column in hits:
        options = [v for v in NASTY[column] if fmt == "csv" or not (set(v) & XML_ILLEGAL)]
        value = draw(st.sampled_from(options))
        rows[row] = {**rows[row], column: value}
        bad.append((row + 2, column))
    return fmt, rows, bad, expected


def _write(rows: list[dict], columns: list[str], fmt: str, folder: Path) -> Path:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[r[c] for c in columns] for r in rows])
        path = folder / "generated.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        return path
    book = openpyxl.Workbook()
    book.active.append(columns)
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            cell = book.active.cell(number, index, row[column] if row[column] != "" else None)
            if isinstance(row[column], str) and row[column].startswith("="):
                cell.data_type = "s"  # text a coordinator typed, not a formula openpyxl would write
    path = folder / "generated.xlsx"
    book.save(path)
    return path


@pytest.fixture(scope="module")
def with_known_programmes(tmp_path_factory, built_programme_data) -> Path:
    """A data folder where programmes K1-K3 were imported (so fidelity files can refer to them)."""
    data_dir = tmp_path_factory.mktemp("known") / "data"
    shutil.copytree(built_programme_data, data_dir)
    source = data_dir.parent / "known.csv"
    source.write_text(
        ",".join(OUTCOME_COLUMNS) + "\n" + "".join(f"{k},Team {k},NLD,2010,2015-Q1,10,5\n" for k in KNOWN)
    )
    importer.import_file(source, "outcomes", data_dir=data_dir, store_path=data_dir / "store.duckdb")
    return data_dir


def _attempt(base: Path, rows, columns, fmt, kind):
    """Import a generated file into a fresh copy of `base`; return (data_dir, result or rejection, before)."""
    folder = Path(tempfile.mkdtemp(dir=base.parent.parent))
    data_dir = folder / "data"
    shutil.copytree(base, data_dir, ignore=shutil.ignore_patterns("logs"))
    before = snapshot(data_dir)
    path = _write(rows, columns, fmt, folder)
    try:
        return (
            data_dir,
            importer.import_file(path, kind, data_dir=data_dir, store_path=data_dir / "store.duckdb"),
            before,
        )
    except importer.ImportRejected as rejected:
        return data_dir, rejected, before


def _query(data_dir: Path, *sql: str) -> list[set[tuple]]:
    with duckdb.connect(str(data_dir / "store.duckdb"), read_only=True) as con:
        return [set(con.execute(q).fetchall()) for q in sql]


def _check_refusal(outcome, data_dir, before, bad):
    assert isinstance(outcome, importer.ImportRejected), f"accepted a file with bad cells at {bad}"
    flagged = {(p.row, p.column) for p in outcome.problems}
    missing = [
        cell for cell in bad if cell not in flagged and not any(p.row == 0 or not p.column for p in outcome.problems)
    ]
    assert not missing, (missing, [str(p) for p in outcome.problems])
    assert snapshot(data_dir) == before  # store, manifest and raw files byte-identical


@SETTINGS
@given(damaged(outcome_files(), OUTCOME_COLUMNS))
def test_generated_outcome_files_build_exactly_or_change_nothing(built_programme_data, case):
    fmt, rows, bad, (programmes, quarters) = case
    data_dir, outcome, before = _attempt(built_programme_data, rows, OUTCOME_COLUMNS, fmt, "outcomes")
    try:
        if bad:
            _check_refusal(outcome, data_dir, before, bad)
            return
        assert isinstance(outcome, importer.ImportResult), [str(p) for p in outcome.problems]
        stored = _query(
            data_dir,
            "SELECT programme_id, name, geo_code, start_year FROM raw.programmes",
            "SELECT programme_id, quarter, clients_served, clients_employed FROM raw.programme_quarters",
        )
        assert stored == [programmes, quarters]
        assert len(manifest.read_entries(data_dir)) == 1
    finally:
        shutil.rmtree(data_dir.parent)


@SETTINGS
@given(damaged(fidelity_files(), FIDELITY_COLUMNS))
def test_generated_fidelity_files_build_exactly_or_change_nothing(with_known_programmes, case):
    fmt, rows, bad, (reviews,) = case
    data_dir, outcome, before = _attempt(with_known_programmes, rows, FIDELITY_COLUMNS, fmt, "fidelity")
    try:
        if bad:
            _check_refusal(outcome, data_dir, before, bad)
            return
        assert isinstance(outcome, importer.ImportResult), [str(p) for p in outcome.problems]
        stored = _query(data_dir, "SELECT programme_id, review_date, scale, total_score FROM raw.fidelity_reviews")
        assert stored == [reviews]
    finally:
        shutil.rmtree(data_dir.parent)

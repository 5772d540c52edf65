"""Reading coordinators' files: what spreadsheets write is accepted, what would not build is refused
by row and column, and no file can cost more than the limits allow."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from ipsdash.config import ROOT
from ipsdash.intake import contract, programmes
from ipsdash.intake.limits import current_limits
from tests.unit.conftest import FIDELITY_HEADER, OUTCOMES_HEADER

KNOWN = {"P1", "P2"}


def _xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _check(raw: bytes, name: str, kind: str = "outcomes") -> tuple[object, list[str]]:
    frame, problems = programmes.read_table(raw, name)
    if frame is None:
        return None, [str(p) for p in problems]
    return frame, [str(p) for p in programmes.validate(frame, kind, KNOWN)]


def test_whole_numbers_written_as_floats_and_surrounding_spaces_are_accepted():
    text = OUTCOMES_HEADER + " P1 , Team one ,US-NH,2015.0,2019-Q1, 40.0 ,17.00\nP1,Team one,US-NH,2015,2019-Q2,42,19\n"
    frame, problems = _check(text.encode(), "o.csv")
    assert problems == []
    tables = programmes.to_tables(frame, "outcomes", import_id="outcomes-1")
    assert tables["programmes"].to_dict("records") == [
        {
            "programme_id": "P1",
            "name": "Team one",
            "geo_code": "US-NH",
            "start_year": 2015,
            "import_id": "outcomes-1",
            "is_public": False,
        }
    ]
    assert tables["programme_quarters"][["clients_served", "clients_employed"]].values.tolist() == [[40, 17], [42, 19]]


def test_xlsx_number_and_date_cells_are_read_as_a_coordinator_typed_them():
    header = FIDELITY_HEADER.strip().split(",")
    raw = _xlsx(
        [header, ["P1", dt.datetime(2019, 3, 15), "IPS-25", 104.0], ["P2", dt.date(2020, 1, 2), " IPS-25 ", 99.5]]
    )
    frame, problems = _check(raw, "f.xlsx", "fidelity")
    assert problems == []
    reviews = programmes.to_tables(frame, "fidelity")["fidelity_reviews"]
    assert reviews["review_date"].tolist() == [dt.date(2019, 3, 15), dt.date(2020, 1, 2)]
    assert reviews["total_score"].tolist() == [104.0, 99.5]
    outcomes = _xlsx([OUTCOMES_HEADER.strip().split(","), ["P1", "Team", "NLD", 2015.0, "2019-Q1", 40.0, 17]])
    frame, problems = _check(outcomes, "o.xlsx")
    assert problems == []
    assert programmes.to_tables(frame, "outcomes")["programme_quarters"]["clients_served"].tolist() == [40]


def test_a_date_cell_with_a_time_of_day_is_not_a_review_date():
    raw = _xlsx([FIDELITY_HEADER.strip().split(","), ["P1", dt.datetime(2019, 3, 15, 14, 30), "IPS-25", 100]])
    assert _check(raw, "f.xlsx", "fidelity")[1] == [
        "row 2, column review_date: '2019-03-15 14:30:00' is not a date like 2019-03-15"
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_na_and_empty_cells_mean_the_same_in_csv_and_xlsx(fmt):
    rows = [["P1", "NA", "NLD", "2015", "2019-Q1", "NA", "1"], ["P2", "Team", "NLD", "2015", "2019-Q1", "", "1"]]
    if fmt == "csv":
        raw = (OUTCOMES_HEADER + "\n".join(",".join(r) for r in rows) + "\n").encode()
    else:
        raw = _xlsx([OUTCOMES_HEADER.strip().split(","), *[[c or None for c in r] for r in rows]])
    frame, problems = _check(raw, f"o.{fmt}")
    assert problems == [  # "NA" is text: a fine programme name, not a number; an empty cell is empty
        "row 2, column clients_served: 'NA' is not a whole number",
        "row 3, column clients_served: is empty",
    ]
    assert frame.loc[2, "programme_name"] == "NA"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("clients_served", "1e2", "'1e2' is not a whole number"),
        ("clients_served", "inf", "'inf' is not a whole number"),
        ("clients_served", "-inf", "'-inf' is not a whole number"),
        ("clients_served", "nan", "'nan' is not a whole number"),
        ("clients_served", "٤٠", "'٤٠' is not a whole number"),
        ("clients_served", "1,000", "'1,000' is not a whole number"),
        ("clients_served", "99999999999", "99999999999 is more than 1,000,000 clients"),
        ("clients_served", "1" + "0" * 400, "is more than 1,000,000 clients"),
        ("clients_employed", "4.5", "'4.5' is not a whole number"),
        ("start_year", "1e3", "'1e3' is not a year"),
        ("start_year", "2015.5", "'2015.5' is not a year"),
        ("start_year", "99999999999", "impossible start year 99999999999"),
        ("programme_name", "Team\x1b[31m", "'Team\\u001b[31m' contains a control character"),
        ("programme_name", "\u202eevil", "'\\u202eevil' contains a control character"),
        ("programme_name", "x" * 201, "is longer than 200 characters"),
        ("programme_id", "P 1", "'P 1' is not a programme id"),
    ],
)
def test_cells_that_would_not_build_are_refused_by_row_and_column(column, value, message):
    row = {"programme_id": "P1", "programme_name": "Team", "geo_code": "NLD", "start_year": "2015"}
    row |= {"quarter": "2019-Q1", "clients_served": "40", "clients_employed": "17", column: value}
    text = OUTCOMES_HEADER + ",".join(f'"{v}"' for v in row.values()) + "\n"
    problems = _check(text.encode(), "o.csv")[1]
    assert any(p.startswith(f"row 2, column {column}: ") and message in p for p in problems), problems


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e2", "NA", ""])
def test_a_fidelity_score_must_be_a_plain_number(value):
    text = FIDELITY_HEADER + f"P1,2019-03-15,IPS-25,{value}\n"
    problems = _check(text.encode(), "f.csv", "fidelity")[1]
    assert len(problems) == 1 and problems[0].startswith("row 2, column total_score: ")


def test_a_semicolon_separated_export_is_recognised():
    text = OUTCOMES_HEADER.replace(",", ";") + "P1;Team;NLD;2015;2019-Q1;40;17\n"
    problems = _check(text.encode(), "o.csv")[1]
    assert any("unexpected column (the file looks semicolon-separated: save it as CSV UTF-8)" in p for p in problems)


def test_a_nul_byte_refuses_the_file_naming_its_row():
    text = OUTCOMES_HEADER + "P1,Team,NLD,2015,2019-Q1,40,17\nP2,Te\x00am,NLD,2015,2019-Q1,40,17\n"
    assert _check(text.encode(), "o.csv")[1] == [
        "row 3: contains a NUL byte: this is not a text CSV (save it as CSV UTF-8)"
    ]


def test_rows_with_extra_fields_are_each_named_and_counted():
    text = OUTCOMES_HEADER + "".join(f"P{i},Team,NLD,2015,2019-Q1,40,17,extra\n" for i in range(600))
    frame, problems = programmes.read_table(text.encode(), "o.csv")
    assert frame is None
    assert problems.total == 600 and len(problems) == programmes.MAX_PROBLEMS
    assert str(problems[0]) == "row 2: has 8 fields; the header has 7"


def test_problem_counts_are_exact_beyond_what_is_shown():
    text = OUTCOMES_HEADER + "".join(f"P{i},Team,NLD,2015,2019-Q1,1e2,17\n" for i in range(1234))
    frame, _ = programmes.read_table(text.encode(), "o.csv")
    problems = programmes.validate(frame, "outcomes", set())
    assert problems.total == 1234
    assert len(problems) == programmes.MAX_PROBLEMS
    assert str(problems[-1]) == f"row {programmes.MAX_PROBLEMS + 1}, column clients_served: '1e2' is not a whole number"


def test_limits_are_configurable_and_named_in_the_message(monkeypatch):
    text = (OUTCOMES_HEADER + "P1,Team,NLD,2015,2019-Q1,40,17\n" * 4).encode()
    monkeypatch.setenv("IPSDASH_MAX_IMPORT_ROWS", "3")
    assert "more than 3 data rows (the limit IPSDASH_MAX_IMPORT_ROWS)" in _check(text, "o.csv")[1][0]
    monkeypatch.setenv("IPSDASH_MAX_IMPORT_ROWS", "10")
    monkeypatch.setenv("IPSDASH_MAX_IMPORT_COLUMNS", "5")
    assert "beyond the 5-column limit (IPSDASH_MAX_IMPORT_COLUMNS)" in _check(text, "o.csv")[1][0]
    monkeypatch.setenv("IPSDASH_MAX_IMPORT_COLUMNS", "50")
    monkeypatch.setenv("IPSDASH_MAX_IMPORT_BYTES", "100")
    assert "larger than 100 bytes (the limit IPSDASH_MAX_IMPORT_BYTES)" in _check(text, "o.csv")[1][0]
    monkeypatch.setenv("IPSDASH_MAX_IMPORT_BYTES", "lots")
    with pytest.raises(ValueError, match="IPSDASH_MAX_IMPORT_BYTES must be a positive whole number"):
        current_limits()


def test_an_xlsx_that_unpacks_beyond_the_byte_limit_is_refused_before_parsing(monkeypatch):
    raw = _xlsx([OUTCOMES_HEADER.strip().split(","), ["P1", "x" * 5000, "NLD", 2015, "2019-Q1", 40, 17]])
    monkeypatch.setenv("IPSDASH_MAX_IMPORT_BYTES", str(len(raw) + 1000))  # the file fits; unpacked, it does not
    assert _check(raw, "o.xlsx")[1] == [
        f"unpacks to more than {len(raw) + 1000:,} bytes (the limit IPSDASH_MAX_IMPORT_BYTES)"
    ]


FAR_CELL_CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # a regression must fail here, not swap the machine
from ipsdash.__main__ import main
started = time.perf_counter()
code = main(sys.argv[1:])
print(json.dumps({"code": code, "seconds": time.perf_counter() - started,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def test_a_tiny_xlsx_with_one_cell_at_the_far_corner_is_refused_in_bounded_time_and_memory(programme_data):
    book = openpyxl.Workbook()
    book.active.append(OUTCOMES_HEADER.strip().split(","))
    book.active.append(["P1", "Team", "NLD", 2015, "2019-Q1", 40, 17])
    book.active["XFD1048576"] = "stray"
    path = programme_data.parent / "far.xlsx"
    book.save(path)
    assert path.stat().st_size < 10_000
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            FAR_CELL_CHILD,
            "import",
            "outcomes",
            str(path),
            "--data-dir",
            str(programme_data),
            "--store",
            str(programme_data / "store.duckdb"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    assert measured["code"] == 2
    assert f"{path}: row 1048576, column XFD: a cell in column XFD is beyond the 50-column limit" in result.stderr
    assert measured["seconds"] < 20 and measured["max_rss_mb"] < 1024, measured


def test_one_contract_defines_the_template_the_checks_and_the_store_tables():
    for kind, spec in contract.FILES.items():
        header, example = contract.template(kind).decode("utf-8-sig").splitlines()
        assert header.split(",") == spec.names
        frame, _ = programmes.read_table(contract.template(kind), "t.csv")
        assert list(frame.columns) == spec.names
        assert programmes.validate(frame, kind, {example.split(",")[0]}) == []  # the template's example is valid
        tables = programmes.to_tables(frame, kind, import_id="i")
        assert set(tables) == set(spec.tables)
        for name, table in tables.items():
            assert list(table.columns) == contract.TABLES[name].names
    missing = programmes.validate(pd.DataFrame(columns=["programme_id"]), "fidelity", set())
    assert {p.column for p in missing} == set(contract.FILES["fidelity"].names) - {"programme_id"}

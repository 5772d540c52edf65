"""The build checks data/ and reports every problem as file:row: column; it is atomic and idempotent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ipsdash.intake.validate import DataError, is_valid_geo_code
from ipsdash.pipeline.build import build_store
from ipsdash.store.database import connect, ensure_store, is_stale


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def _problems(data_dir: Path, tmp_path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        build_store(data_dir, tmp_path / "store.duckdb")
    return [str(p) for p in caught.value.problems]


GOOD = "NLD,programmes,2019,2019,33,programmes,exact,Orgs,,doc_a,Netherlands,Fine."


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        (GOOD.replace("doc_a", "doc_zz"), "source_id", "unknown source_id 'doc_zz'"),
        (GOOD.replace("NLD", "XYZ", 1), "geo_code", "unknown geo_code 'XYZ'"),
        (GOOD.replace(",programmes,exact", ",widgets,exact"), "unit", "unknown unit 'widgets'"),
        (GOOD.replace(",exact,", ",probably,"), "qualifier", "unknown qualifier 'probably'"),
        (
            GOOD.replace("programmes,2019,2019,33,programmes", "programmes,2019,2019,33,percent").replace(
                ",33,", ",133,"
            ),
            "value",
            "133 is outside 0-100 for unit percent",
        ),
        (GOOD.replace(",2019,2019,", ",1875,2019,"), "year", "impossible year 1875"),
        (GOOD.replace(",2019,2019,", ",2090,2019,"), "year", "impossible year 2090"),
        (GOOD.replace(",33,", ",lots,"), "value", "'lots' is not a number"),
        (GOOD.replace(",33,", ",inf,"), "value", "'inf' is not a finite number"),
        (GOOD.replace(",33,", ",-inf,"), "value", "'-inf' is not a finite number"),
        (GOOD.replace(",33,", ",NaN,"), "value", "'NaN' is not a finite number"),
        (GOOD.replace(",33,", ",1e999,"), "value", "'1e999' is not a finite number"),
        (GOOD.replace(",33,", ",1_000,"), "value", "'1_000' is not a number"),
        (GOOD.replace(",2019,2019,", ",٢٠١٩,2019,"), "year", "'٢٠١٩' is not a four-digit year"),
        (GOOD.replace(",33,", ",-4,"), "value", "-4 is outside 0-inf"),
        (GOOD.replace("programmes,2019", "gadgets,2019", 1), "metric", "unknown metric 'gadgets'"),
        (GOOD.replace(",Netherlands,", ",,"), "locator", "is empty"),
    ],
)
def test_each_bad_value_is_reported_with_file_row_and_column(mini_data, tmp_path, line, column, message):
    _append(mini_data / "observations.csv", line)
    problems = _problems(mini_data, tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].endswith(f"observations.csv:8: {column}: {message}") or (
        f"observations.csv:8: {column}: {message}" in problems[0]
    )


def test_every_problem_is_reported_not_just_the_first(mini_data, tmp_path):
    _append(mini_data / "observations.csv", GOOD.replace("doc_a", "doc_zz"))
    _append(mini_data / "observations.csv", GOOD.replace(",exact,", ",maybe,"))
    _append(mini_data / "milestones.csv", "NLD,first_programme,2003,2003,exact,doc_a,Netherlands,Again.")
    problems = _problems(mini_data, tmp_path)
    assert any("observations.csv:8: source_id" in p for p in problems)
    assert any("observations.csv:9: qualifier" in p for p in problems)
    assert any("milestones.csv:5" in p and "duplicate key" in p and "first at row 3" in p for p in problems)


def test_invalid_geography_codes_are_rejected(mini_data, tmp_path):
    _append(mini_data / "geographies.csv", "ZZZ,Nowhere,country,,Europe,ips,member")
    _append(mini_data / "geographies.csv", "XEU,Europe,country,,Europe,ips,")
    problems = _problems(mini_data, tmp_path)
    assert any("geographies.csv:7: geo_code: invalid geography code 'ZZZ'" in p for p in problems)
    assert any("geographies.csv:8: geo_code: invalid geography code 'XEU'" in p for p in problems)


@pytest.mark.parametrize(
    ("code", "level", "valid"),
    [
        ("NLD", "country", True),
        ("US-NH", "state", True),
        ("GB-ENG", "subnational", True),
        ("IT-45", None, True),
        ("WLD", "world", True),
        ("XEU", "group", True),
        ("XEU", "country", False),
        ("NL", None, False),
        ("US-XX", None, False),
        ("nld", None, False),
        ("QQQ", None, False),
    ],
)
def test_geo_codes_follow_iso_3166(code, level, valid):
    assert is_valid_geo_code(code, level) is valid


def test_missing_and_unexpected_columns_are_named(mini_data, tmp_path):
    path = mini_data / "metrics.csv"
    path.write_text(path.read_text().replace("metric,label,group", "metric,label,colour"))
    problems = _problems(mini_data, tmp_path)
    assert any("metrics.csv:1: group: missing column" in p for p in problems)
    assert any("metrics.csv:1: colour: column not in data/schema.yml" in p for p in problems)


def test_bad_encoding_is_reported_not_crashed(mini_data, tmp_path):
    path = mini_data / "observations.csv"
    path.write_bytes(path.read_bytes() + "NLD,x,2019,é\n".encode("latin-1"))
    problems = _problems(mini_data, tmp_path)
    assert any("observations.csv:8" in p and "not valid UTF-8" in p for p in problems)


def test_bom_and_blank_lines_are_tolerated(mini_data, tmp_path):
    path = mini_data / "observations.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes() + b"\n\n")
    report = build_store(mini_data, tmp_path / "store.duckdb")
    assert report.counts["observations"] == 6


def test_failed_build_leaves_previous_store_untouched(mini_data, tmp_path):
    store = tmp_path / "store.duckdb"
    build_store(mini_data, store)
    before = store.read_bytes()
    _append(mini_data / "observations.csv", GOOD.replace("doc_a", "doc_zz"))
    with pytest.raises(DataError):
        build_store(mini_data, store)
    assert store.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "store.duckdb"]  # no temp files left


def test_build_is_idempotent(mini_data, tmp_path):
    def dump(path):
        with connect(path) as con:
            return {v: con.execute(f"SELECT * FROM {v} ORDER BY ALL").fetchall() for v in ("observations", "sources")}

    build_store(mini_data, tmp_path / "one.duckdb")
    build_store(mini_data, tmp_path / "two.duckdb")
    build_store(mini_data, tmp_path / "two.duckdb")
    assert dump(tmp_path / "one.duckdb") == dump(tmp_path / "two.duckdb")


def test_store_is_rebuilt_when_missing_or_when_data_changes(mini_data, tmp_path):
    store = tmp_path / "store.duckdb"
    assert is_stale(mini_data, store)
    assert ensure_store(mini_data, store).state == "rebuilt"
    assert not is_stale(mini_data, store)
    assert ensure_store(mini_data, store).state == "fresh"
    _append(mini_data / "observations.csv", GOOD)
    # The store knows the digest of what it was built from, so an edit counts whatever its file time.
    os.utime(mini_data / "observations.csv", (store.stat().st_mtime - 60,) * 2)
    assert is_stale(mini_data, store)
    assert ensure_store(mini_data, store).state == "rebuilt"
    with connect(store) as con:
        assert con.execute("SELECT count(*) FROM observations").fetchone()[0] == 7


def test_app_connection_is_read_only(mini_store):
    import duckdb

    with pytest.raises(duckdb.Error):
        mini_store.execute("DELETE FROM raw.observations")

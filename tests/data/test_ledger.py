"""The ledger accounts for every statement of the five source documents, and its stored rows match the store."""

from __future__ import annotations

import csv
import re

import pytest

from ipsdash.config import DATA_DIR, SCHEMA_PATH
from ipsdash.intake.validate import load_schema

STATUSES = {"stored", "restated", "left_out"}


def _ledger() -> list[dict[str, str]]:
    with (DATA_DIR / "ledger.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _resolve(con, ref: str) -> tuple[str, int | None, float | None] | None:
    """(place, year, value) of the store row a ledger reference names, or None if there is none."""
    table, _, key = ref.partition(":")
    if table == "observations":
        row = con.execute("SELECT geo_code, year, value FROM observations WHERE obs_id = ?", [key]).fetchone()
        return tuple(row) if row else None
    if table == "milestones":
        geo, event, year, source = key.split("|")
        row = con.execute(
            "SELECT geo_code, year FROM milestones WHERE geo_code = ? AND event = ? AND year = ? AND source_id = ?",
            [geo, event, int(year), source],
        ).fetchone()
        return (row[0], row[1], None) if row else None
    return None


def test_every_csv_in_data_is_described_column_by_column():
    files = load_schema(SCHEMA_PATH)["files"]
    for path in sorted(DATA_DIR.glob("*.csv")):
        assert path.name in files, f"{path.name} is not described in data/schema.yml"
        with path.open(encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f))
        assert header == list(files[path.name]["columns"]), path.name


def test_ledger_rows_name_a_read_document_and_a_known_status(real_store):
    read = {r[0] for r in real_store.execute("SELECT source_id FROM sources WHERE status = 'read'").fetchall()}
    rows = _ledger()
    assert len({r["ledger_id"] for r in rows}) == len(rows)
    assert {r["document"] for r in rows} == read  # every one of the five documents has its statements here
    assert {r["status"] for r in rows} <= STATUSES
    assert all(re.fullmatch(r"\d{4}", r["year"]) for r in rows if r["year"])


@pytest.mark.parametrize("status", ["stored", "restated"])
def test_each_stored_statement_is_the_store_row_it_names(real_store, status):
    mismatched = []
    for row in (r for r in _ledger() if r["status"] == status):
        found = _resolve(real_store, row["store_ref"])
        if found is None:
            mismatched.append((row["ledger_id"], "no such store row"))
            continue
        place, year, value = found
        same_year = (str(year) if year is not None else "") == row["year"]
        if place != row["place"] or (status == "stored" and not same_year):
            mismatched.append((row["ledger_id"], f"place/year {place}/{year}"))
        if row["value"] and (value is None or float(row["value"]) != value):
            mismatched.append((row["ledger_id"], f"value {value}"))
        if not row["value"] and not row["store_ref"].startswith("milestones:"):
            mismatched.append((row["ledger_id"], "a stored number needs its value in the ledger"))
        if status == "restated" and not row["reason"]:
            mismatched.append((row["ledger_id"], "a restatement needs a reason"))
    assert mismatched == []


def test_each_left_out_statement_says_why():
    left_out = [r for r in _ledger() if r["status"] == "left_out"]
    assert left_out
    assert [r["ledger_id"] for r in left_out if not r["reason"].strip() or r["store_ref"]] == []


def test_the_store_holds_nothing_from_the_documents_that_the_ledger_does_not_name(real_store):
    named = {r["store_ref"] for r in _ledger() if r["store_ref"]}
    read = [r[0] for r in real_store.execute("SELECT source_id FROM sources WHERE status = 'read'").fetchall()]
    # Values computed here from stated ones (qualifier derived, or a note saying so) are not statements.
    own = "qualifier <> 'derived' AND NOT starts_with(note, 'Derived:') AND list_contains(?, source_id)"
    observations = real_store.execute(f"SELECT 'observations:' || obs_id FROM observations WHERE {own}", [read])
    key = "concat_ws('|', geo_code, event, year, source_id)"
    milestones = real_store.execute(f"SELECT 'milestones:' || {key} FROM milestones WHERE {own}", [read])
    unnamed = {r[0] for r in observations.fetchall() + milestones.fetchall()} - named
    assert unnamed == set()

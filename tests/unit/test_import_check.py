"""`import KIND FILE --check`: a quality report against what is stored, and nothing on disk changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ipsdash.__main__ import main
from ipsdash.domain import quality
from ipsdash.pipeline import importer
from tests.unit.conftest import FIDELITY_HEADER, OUTCOMES_HEADER

STORED = OUTCOMES_HEADER + "".join(
    [
        "A1,Alpha,US-CT,2010,2024-Q3,40,16\nA1,Alpha,US-CT,2010,2024-Q4,40,16\n",
        "B2,Beta,US-CT,2011,2024-Q4,50,20\n",  # reports 2024-Q4; the new file has no 2025-Q1 for it
        "C3,Gamma,US-CT,2012,2024-Q2,30,12\n",  # last reported 2024-Q2: the file's 2025-Q1 skips three
        "D4,Delta,NLD,2012,2024-Q4,30,12\n",  # another country: not expected in a Connecticut file
    ]
)
NEW = OUTCOMES_HEADER + "".join(
    [
        "A1,Alpha,US-CT,2010,2024-Q4,40,17\n",  # stored as 16 employed: a conflict
        "A1,Alpha,US-CT,2010,2025-Q1,40,30\n",  # 40% -> 75%: a jump, and over the plausible ceiling? (75 = ceiling)
        "C3,Gamma,US-CT,2012,2025-Q1,90,3\n",  # 3%: implausibly low; 30 -> 90 served: +200%
        "E5,Epsilon,US-CT,2020,2025-Q1,20,8\n",  # new
    ]
)


def _hashes(data_dir: Path) -> dict[str, str]:
    """SHA-256 of the store, the manifest and every raw file."""
    return {
        str(p.relative_to(data_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted([data_dir / "store.duckdb", *(data_dir / "imports").rglob("*")])
        if p.is_file()
    }


@pytest.fixture
def stored(programme_data: Path, tmp_path: Path) -> Path:
    path = tmp_path / "stored.csv"
    path.write_text(STORED)
    importer.import_file(path, "outcomes", data_dir=programme_data, store_path=programme_data / "store.duckdb")
    return programme_data


def _cli(capsys, data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(data_dir), "--store", str(data_dir / "store.duckdb")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_check_reports_every_kind_of_finding_and_changes_nothing(capsys, stored, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text(NEW)
    before = _hashes(stored)
    code, out, _ = _cli(capsys, stored, "import", "outcomes", str(path), "--check")
    assert code == 0 and _hashes(stored) == before
    report = importer.check_file(path, "outcomes", data_dir=stored)
    found = {(f.check, f.programme_id) for f in report.findings}
    assert found == {
        ("missing", "B2"),
        ("new", "E5"),
        ("rate_change", "A1"),
        ("rate_change", "C3"),
        ("served_change", "C3"),
        ("implausible", "C3"),
        ("skipped", "C3"),
        ("conflict", "A1"),
    }
    assert ("missing", "D4") not in found  # a Dutch programme is not expected in a Connecticut file
    assert report.quarter == "2025-Q1"
    assert "no data for 2024-Q3, 2024-Q4 before 2025-Q1" in out
    assert "A1 2024-Q4: file clients served 40, clients employed 17; stored 40, 16" in out
    assert "nothing was imported or changed" in out and "ipsec_faq_benchmarks" in out


def test_check_of_a_bad_file_lists_its_problems_and_changes_nothing(capsys, stored, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(OUTCOMES_HEADER + "A1,Alpha,US-CT,2010,2025-Q1,40,50\n")
    before = _hashes(stored)
    code, _, err = _cli(capsys, stored, "import", "outcomes", str(path), "--check")
    assert code == 2 and _hashes(stored) == before
    assert "row 2, column clients_employed: 50 employed is more than the clients served" in err


def test_a_fidelity_check_finds_big_score_changes_and_conflicts(capsys, stored, tmp_path):
    first = tmp_path / "reviews.csv"
    first.write_text(FIDELITY_HEADER + "A1,2024-03-01,IPS-25,100\nC3,2024-03-01,IPS-25,90\n")
    importer.import_file(first, "fidelity", data_dir=stored, store_path=stored / "store.duckdb")
    second = tmp_path / "reviews2.csv"
    second.write_text(FIDELITY_HEADER + "A1,2024-03-01,IPS-25,101\nC3,2025-03-01,IPS-25,110\nB2,2025-03-01,IPS-25,80\n")
    before = _hashes(stored)
    code, _, _ = _cli(capsys, stored, "import", "fidelity", str(second), "--check")
    assert code == 0 and _hashes(stored) == before
    report = importer.check_file(second, "fidelity", data_dir=stored)
    assert {(f.check, f.programme_id) for f in report.findings} == {
        ("new", "B2"),
        ("score_change", "C3"),  # 20 points is more than 15% of the IPS-25 range (100 points)
        ("conflict", "A1"),
    }


def test_a_file_that_changes_nothing_surprising_finds_nothing(stored, tmp_path):
    path = tmp_path / "calm.csv"
    path.write_text(OUTCOMES_HEADER + "A1,Alpha,US-CT,2010,2025-Q1,41,17\nB2,Beta,US-CT,2011,2025-Q1,50,21\n")
    report = importer.check_file(path, "outcomes", data_dir=stored)
    assert report.findings == ()
    assert all(not found for found in report.by_check().values())


def test_every_threshold_gives_its_reason():
    for name, threshold in quality.THRESHOLDS.items():
        assert "ipsec_faq_benchmarks" in threshold.reason or "project's choice" in threshold.reason, name


def test_a_lead_may_check_and_so_import_only_the_programmes_in_scope(capsys, stored, tmp_path):
    """A Connecticut lead's file naming a Dutch programme is refused at that row; a lead for the USA covers
    its states (the page passes the store's parents); a review is placed by its stored programme's area."""
    from ipsdash.access.viewer import Viewer

    def scope(*geos: str):
        lead = Viewer("region_lead", geos=geos)
        return lambda programme_id, geo: lead.sees_programme(programme_id, geo, {"US-CT": "USA"}.get(geo, ""))

    mixed = tmp_path / "mixed.csv"
    mixed.write_text(OUTCOMES_HEADER + "A1,Alpha,US-CT,2010,2025-Q1,40,16\nD4,Delta,NLD,2012,2025-Q1,30,12\n")
    before = _hashes(stored)
    with pytest.raises(importer.ImportRejected) as refused:
        importer.check_file(mixed, "outcomes", data_dir=stored, in_scope=scope("US-CT"))
    assert [(p.row, p.column) for p in refused.value.problems] == [(3, "programme_id")]
    assert "'D4' (NLD) is outside your access" in str(refused.value.problems[0])
    assert importer.check_file(mixed, "outcomes", data_dir=stored, in_scope=scope("US-CT", "NLD")).rows == 2
    ours = tmp_path / "ours.csv"
    ours.write_text(OUTCOMES_HEADER + "A1,Alpha,US-CT,2010,2025-Q1,40,16\n")
    assert importer.check_file(ours, "outcomes", data_dir=stored, in_scope=scope("USA")).rows == 1
    reviews = tmp_path / "reviews.csv"
    reviews.write_text(FIDELITY_HEADER + "A1,2025-01-15,IPS-25,100\nD4,2025-01-15,IPS-25,100\n")
    with pytest.raises(importer.ImportRejected) as refused:
        importer.check_file(reviews, "fidelity", data_dir=stored, in_scope=scope("US-CT"))
    assert [p.row for p in refused.value.problems] == [3]
    assert _hashes(stored) == before


def test_a_lead_cannot_claim_a_programme_of_another_area_by_giving_it_their_own(stored, tmp_path):
    """D4 is stored as a Dutch programme: a Connecticut lead's file that names it with US-CT is refused at
    that row when checked and again when imported (under the lock), naming the area it is stored in; a lead
    of both areas may import it; nothing is written by a refusal."""
    from ipsdash.access.viewer import Viewer

    def scope(*geos: str):
        lead = Viewer("region_lead", geos=geos)
        return lambda programme_id, geo: lead.sees_programme(programme_id, geo, "")

    claim = tmp_path / "claim.csv"
    claim.write_text(OUTCOMES_HEADER + "A1,Alpha,US-CT,2010,2025-Q1,40,16\nD4,Delta,US-CT,2012,2025-Q1,30,12\n")
    before = _hashes(stored)
    store = {"store_path": stored / "store.duckdb"}
    for attempt, paths in ((importer.check_file, {}), (importer.import_file, store)):
        with pytest.raises(importer.ImportRejected) as refused:
            attempt(claim, "outcomes", data_dir=stored, in_scope=scope("US-CT"), **paths)
        assert [(p.row, p.column) for p in refused.value.problems] == [(3, "programme_id")]
        assert "'D4' (NLD) is outside your access" in str(refused.value.problems[0])
        assert _hashes(stored) == before
    both = scope("US-CT", "NLD")
    assert importer.import_file(claim, "outcomes", data_dir=stored, in_scope=both, replace=True, **store).added

"""Imports are transactions: killed at any step, out of disk at any write, or four at once, the raw
files, the manifest and the store stay consistent, and the next build repairs whatever a kill left."""

from __future__ import annotations

import errno
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from ipsdash.config import ROOT
from ipsdash.pipeline import build, importer, manifest
from ipsdash.pipeline.build import build_store
from ipsdash.store.database import ensure_store, is_stale
from tests.unit.conftest import FIDELITY_HEADER, OUTCOMES_HEADER, snapshot

GOOD = OUTCOMES_HEADER + "P1,Team one,US-NH,2015,2019-Q1,40,17\nP1,Team one,US-NH,2015,2019-Q2,42,19\n"
STEPS = [
    "read",
    "raw-written",
    "candidate-built",
    "candidate-checked",
    "manifest-prepared",
    "manifest-published",
    "store-published",
]


def _store(data_dir: Path) -> Path:
    return data_dir / "store.duckdb"


def _rows(data_dir: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(_store(data_dir)), read_only=True) as con:
        return con.execute(sql).fetchall()


def _cli(data_dir: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ipsdash", *args, "--data-dir", str(data_dir), "--store", str(_store(data_dir))],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def _temporary_files(data_dir: Path) -> list[str]:
    return [p.name for p in data_dir.rglob("*") if ".tmp" in p.name]


def _import_in_child(source: Path, data_dir: Path, kill_at: str) -> None:
    """Runs in a forked child: import, and die by SIGKILL at the named step."""
    os.environ["IPSDASH_TEST_KILL_AT"] = kill_at
    sys.stderr = open(data_dir.parent / "stderr.txt", "w")  # noqa: SIM115 - the process is killed, not closed
    importer.import_file(source, "outcomes", data_dir=data_dir, store_path=_store(data_dir))


def test_an_import_killed_at_any_step_leaves_a_state_the_next_build_repairs(programme_data, tmp_path):
    source = tmp_path / "outcomes.csv"
    source.write_text(GOOD)
    dirs = {step: tmp_path / step / "data" for step in STEPS}
    for data_dir in dirs.values():
        shutil.copytree(programme_data, data_dir)
    before = {step: snapshot(d) for step, d in dirs.items()}
    # Forked (so no interpreter start-up per step) and started together; each child kills itself with
    # SIGKILL when it reaches its step, so no timing is involved.
    fork = multiprocessing.get_context("fork")
    children = {step: fork.Process(target=_import_in_child, args=(source, d, step)) for step, d in dirs.items()}
    for child in children.values():
        child.start()
    for step, child in children.items():
        child.join(timeout=120)
        assert child.exitcode == -signal.SIGKILL, step
        assert f"IPSDASH_TEST_KILLED_AT={step}" in (dirs[step].parent / "stderr.txt").read_text()

    for step, data_dir in dirs.items():
        listed = [e.id for e in manifest.read_entries(data_dir)]
        committed = STEPS.index(step) >= STEPS.index("manifest-published")
        assert bool(listed) == committed, step  # the manifest is the commit point
        for entry in manifest.read_entries(data_dir):
            assert (manifest.imports_dir(data_dir) / entry.file).exists()
        if not committed:  # nothing visible changed: the old store and no manifest
            after = snapshot(data_dir)
            assert after["store.duckdb"] == before[step]["store.duckdb"]
            assert not any(name.endswith("manifest.csv") for name in after)
        status = ensure_store(data_dir, _store(data_dir))
        expected_state = "rebuilt" if step == "manifest-published" else "fresh"  # store older than its manifest
        assert status.state == expected_state, (step, status)
        n_real = _rows(data_dir, "SELECT count(*) FROM programme_quarters WHERE NOT is_synthetic")[0][0]
        assert n_real == (2 if committed else 0), step
        # The next writer (here, the same import again) clears what the kill left, and imports exactly once.
        result = importer.import_file(source, "outcomes", data_dir=data_dir, store_path=_store(data_dir))
        assert result.added != committed, step
        assert _temporary_files(data_dir) == [], step
        entries = manifest.read_entries(data_dir)
        assert [p.name for p in manifest.imports_dir(data_dir).glob("outcomes-*")] == [entries[0].file], step
        assert not is_stale(data_dir, _store(data_dir))


class DiskFull:
    """os.write / os.fsync stand-ins that fail with ENOSPC at the n-th call (and count the calls)."""

    def __init__(self, fail_at: int | None):
        self.fail_at, self.calls = fail_at, 0
        self.write, self.fsync = os.write, os.fsync

    def _tick(self) -> None:
        self.calls += 1
        if self.calls == self.fail_at:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fake_write(self, fd, data):
        self._tick()
        return self.write(fd, data)

    def fake_fsync(self, fd):
        self._tick()
        return self.fsync(fd)


def _import_with(monkeypatch, data_dir: Path, source: Path, disk: DiskFull):
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", disk.fake_write)
        patch.setattr(os, "fsync", disk.fake_fsync)
        return importer.import_file(source, "outcomes", data_dir=data_dir, store_path=_store(data_dir))


def test_a_full_disk_at_any_write_changes_nothing(programme_data, tmp_path, monkeypatch):
    source = tmp_path / "outcomes.csv"
    source.write_text(GOOD)
    pristine = tmp_path / "pristine"
    shutil.copytree(programme_data, pristine)
    counting = DiskFull(None)
    _import_with(monkeypatch, programme_data, source, counting)  # how many writes a good import makes
    assert counting.calls >= 4
    failed = 0
    for n in range(1, counting.calls + 1):
        data_dir = tmp_path / f"full{n}"
        shutil.copytree(pristine, data_dir)
        before = snapshot(data_dir)
        try:
            _import_with(monkeypatch, data_dir, source, DiskFull(n))
        except importer.ImportFailed as err:
            failed += 1
            assert "No space left on device" in str(err)
            assert snapshot(data_dir) == before, n  # raw files, manifest and store byte for byte
        else:  # a failed folder fsync after the renames is harmless: then the import is simply done
            assert len(manifest.read_entries(data_dir)) == 1 and not is_stale(data_dir, _store(data_dir))
    assert failed >= 3  # the raw file, the manifest and their fsyncs at least


def test_a_store_that_cannot_be_written_or_swapped_in_changes_nothing(programme_data, tmp_path, monkeypatch):
    source = tmp_path / "outcomes.csv"
    source.write_text(GOOD)
    before = snapshot(programme_data)

    def full_disk(*args, **kwargs):
        raise duckdb.IOException('IO Error: Could not write file "store": No space left on device')

    monkeypatch.setattr(build, "_write_store", full_disk)
    with pytest.raises(importer.ImportFailed, match="No space left on device"):
        importer.import_file(source, "outcomes", data_dir=programme_data, store_path=_store(programme_data))
    assert snapshot(programme_data) == before
    monkeypatch.undo()

    real_replace = os.replace

    def store_rename_fails(src, dst):
        if str(dst).endswith("store.duckdb"):
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", store_rename_fails)
    with pytest.raises(importer.ImportFailed):
        importer.import_file(source, "outcomes", data_dir=programme_data, store_path=_store(programme_data))
    monkeypatch.undo()
    assert snapshot(programme_data) == before  # the manifest was put back after it had been swapped in


def test_four_imports_started_together_all_land(programme_data, tmp_path):
    sources = []
    for i in range(4):
        path = tmp_path / f"team{i}.csv"
        path.write_text(OUTCOMES_HEADER + f"T{i},Team {i},NLD,2015,2019-Q1,40,17\nT{i},Team {i},NLD,2015,2019-Q2,4,1\n")
        sources.append(path)
    children = [_cli(programme_data, "import", "outcomes", str(path)) for path in sources]
    for child in children:
        _, stderr = child.communicate(timeout=120)
        assert child.returncode == 0, stderr
    assert sorted(e.original_name for e in manifest.read_entries(programme_data)) == [p.name for p in sources]
    assert _rows(programme_data, "SELECT programme_id, count(*) FROM programme_quarters GROUP BY 1 ORDER BY 1") == [
        (f"T{i}", 2) for i in range(4)
    ]
    assert not is_stale(programme_data, _store(programme_data))


def test_imports_are_confidential_unless_marked_public(programme_data, tmp_path):
    assert _rows(programme_data, "SELECT DISTINCT is_public FROM programmes") == [(True,)]  # the demonstration set
    secret = tmp_path / "secret.csv"
    secret.write_text(GOOD)
    open_data = tmp_path / "open.csv"
    open_data.write_text(OUTCOMES_HEADER + "P2,Open team,NLD,2016,2019-Q1,10,5\n")
    importer.import_file(secret, "outcomes", data_dir=programme_data, store_path=_store(programme_data))
    importer.import_file(open_data, "outcomes", data_dir=programme_data, store_path=_store(programme_data), public=True)
    assert _rows(programme_data, "SELECT programme_id, is_public FROM programmes ORDER BY 1") == [
        ("P1", False),
        ("P2", True),
    ]
    result = importer.import_file(
        secret, "outcomes", data_dir=programme_data, store_path=_store(programme_data), public=True
    )
    assert "now public" in result.message
    assert _rows(programme_data, "SELECT bool_and(is_public) FROM programmes") == [(True,)]
    assert [e.public for e in manifest.read_entries(programme_data)] == [True, True]
    with pytest.raises(importer.ImportRejected, match="only an outcomes file"):
        importer.import_file(
            secret, "fidelity", data_dir=programme_data, store_path=_store(programme_data), public=True
        )


def test_a_later_public_file_does_not_publish_a_programme_kept_confidential(programme_data, tmp_path):
    kept = {"data_dir": programme_data, "store_path": _store(programme_data)}
    secret = tmp_path / "secret.csv"
    secret.write_text(GOOD)
    later = tmp_path / "later.csv"
    later.write_text(OUTCOMES_HEADER + "P1,Team one,US-NH,2015,2019-Q3,44,20\nP3,Third,NLD,2017,2019-Q3,9,4\n")
    importer.import_file(secret, "outcomes", **kept)
    result = importer.import_file(later, "outcomes", public=True, **kept)
    assert "1 of its programmes stay confidential" in result.message and "(P1)" in result.message
    assert _rows(programme_data, "SELECT programme_id, is_public FROM programmes ORDER BY 1") == [
        ("P1", False),
        ("P3", True),
    ]
    build_store(programme_data, _store(programme_data))  # a replay from the manifest gives the same answer
    assert _rows(programme_data, "SELECT programme_id, is_public FROM programmes ORDER BY 1") == [
        ("P1", False),
        ("P3", True),
    ]
    importer.import_file(secret, "outcomes", public=True, **kept)  # every file naming P1 public: P1 is
    assert _rows(programme_data, "SELECT bool_and(is_public) FROM programmes") == [(True,)]


def test_removing_an_import_takes_its_rows_out_unless_another_import_needs_it(programme_data, tmp_path):
    outcomes = tmp_path / "o.csv"
    outcomes.write_text(GOOD)
    fidelity = tmp_path / "f.csv"
    fidelity.write_text(FIDELITY_HEADER + "P1,2019-03-15,IPS-25,104\n")
    kept = {"data_dir": programme_data, "store_path": _store(programme_data)}
    first = importer.import_file(outcomes, "outcomes", **kept)
    second = importer.import_file(fidelity, "fidelity", **kept)
    before = snapshot(programme_data)
    with pytest.raises(importer.ImportFailed, match=f"would leave import {second.id} unable to be replayed"):
        importer.remove_import(first.id, **kept)
    assert snapshot(programme_data) == before
    with pytest.raises(importer.ImportNotFound):
        importer.remove_import("outcomes-0000", **kept)
    importer.remove_import(second.id, **kept)
    assert _rows(programme_data, "SELECT count(*) FROM fidelity_reviews") == [(0,)]
    importer.remove_import(first.id, **kept)
    assert manifest.read_entries(programme_data) == []
    assert list(manifest.imports_dir(programme_data).glob("*-*")) == []  # the confidential raw files are gone
    assert _rows(programme_data, "SELECT bool_and(is_synthetic) FROM programmes") == [(True,)]  # demo set back
    log = (programme_data / "logs" / "audit.log").read_text()
    assert [line.split('event="')[1].split('"')[0] for line in log.splitlines()] == [
        "import",
        "import",
        "import_remove",
        "import_remove",
    ]


def test_a_manifest_that_cannot_be_replayed_names_the_import_and_how_to_remove_it(programme_data):
    # What an older version let in: the import was listed, but its file no longer validates.
    raw = (OUTCOMES_HEADER + "P1,Team,NLD,2015,2019-Q1,1e2,17\n").encode()
    sha = __import__("hashlib").sha256(raw).hexdigest()
    entry = manifest.Entry(
        manifest.entry_id("outcomes", sha), "", "outcomes", sha, "old.csv", "2024-01-01", 1, False, False
    )
    entry = entry.__class__(**{**entry.__dict__, "file": f"{entry.id}.csv"})
    manifest.imports_dir(programme_data).mkdir()
    (manifest.imports_dir(programme_data) / entry.file).write_bytes(raw)
    manifest.manifest_path(programme_data).write_bytes(manifest.render([entry]))
    with pytest.raises(manifest.ManifestError) as caught:
        build_store(programme_data, _store(programme_data))
    text = str(caught.value)
    assert f"import {entry.id} (old.csv, 2024-01-01) cannot be replayed" in text
    assert "row 2, column clients_served: '1e2' is not a whole number" in text
    assert f"ipsdash imports remove {entry.id} --data-dir {programme_data}" in text
    status = ensure_store(programme_data, _store(programme_data))
    assert status.state == "stale" and "an import cannot be replayed" in status.message
    importer.remove_import(entry.id, data_dir=programme_data, store_path=_store(programme_data))
    assert ensure_store(programme_data, _store(programme_data)).state == "fresh"


def test_a_manifest_written_by_the_previous_version_still_builds_and_lists(programme_data):
    raw = GOOD.encode()
    sha = __import__("hashlib").sha256(raw).hexdigest()
    manifest.imports_dir(programme_data).mkdir()
    (manifest.imports_dir(programme_data) / f"outcomes-{sha[:16]}.csv").write_bytes(raw)
    manifest.manifest_path(programme_data).write_text(
        "file,kind,sha256,original_name,imported_at,rows,replace\n"
        f"outcomes-{sha[:16]}.csv,outcomes,{sha},teams.csv,2025-01-01T00:00:00+00:00,2,false\n"
    )
    build_store(programme_data, _store(programme_data))
    [entry] = manifest.read_entries(programme_data)
    assert (entry.id, entry.public, entry.rows) == (f"outcomes-{sha[:16]}", False, 2)
    assert _rows(programme_data, "SELECT programme_id, is_public FROM programmes") == [("P1", False)]

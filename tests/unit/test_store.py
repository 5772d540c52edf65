"""The store: its identity changes with every replacement, and ensure_store always says which store is
served: rebuilt when missing, stale, truncated or corrupt; the last good one when data/ cannot be written."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ipsdash.config import ROOT
from ipsdash.pipeline import build
from ipsdash.pipeline.build import build_store
from ipsdash.store.database import connect, ensure_store, store_identity


def _store(data_dir: Path) -> Path:
    return data_dir / "store.duckdb"


def _observations(data_dir: Path) -> int:
    with connect(_store(data_dir)) as con:
        return con.execute("SELECT count(*) FROM observations").fetchone()[0]


def _add_observation(data_dir: Path) -> None:
    with (data_dir / "observations.csv").open("a", encoding="utf-8") as handle:
        handle.write("NLD,programmes,2019,2019,33,programmes,exact,Orgs,,doc_a,Netherlands,Fine.\n")


def test_the_identity_changes_whenever_the_store_is_replaced(programme_data):
    first = store_identity(_store(programme_data))
    build_store(programme_data, _store(programme_data))  # same bytes, maybe the same size and mtime
    assert store_identity(_store(programme_data)) not in (None, first)
    _store(programme_data).unlink()
    assert store_identity(_store(programme_data)) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: os.truncate(path, path.stat().st_size // 2),
        lambda path: os.truncate(path, 0),
        lambda path: path.write_bytes(b"not a database" * 100),
        lambda path: _overwrite(path, 100),  # a block in the middle of the header
        lambda path: path.unlink(),
    ],
    ids=["truncated", "empty", "garbage", "corrupt-block", "missing"],
)
def test_a_missing_truncated_or_corrupt_store_is_rebuilt(programme_data, damage):
    expected = _observations(programme_data)
    damage(_store(programme_data))
    status = ensure_store(programme_data, _store(programme_data))
    assert status.state == "rebuilt", status
    assert status.message.startswith("The store was rebuilt from data/")
    assert _observations(programme_data) == expected
    assert ensure_store(programme_data, _store(programme_data)).state == "fresh"


def _overwrite(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.seek(offset)
        handle.write(os.urandom(4096))


def test_a_store_from_an_older_version_is_rebuilt(programme_data):
    import duckdb

    with duckdb.connect(str(_store(programme_data))) as con:
        con.execute("DROP TABLE raw.build_info")
    assert ensure_store(programme_data, _store(programme_data)).state == "rebuilt"


def test_bad_data_keeps_the_last_good_store_and_says_why(programme_data):
    before = _store(programme_data).read_bytes()
    _add_observation(programme_data)
    (programme_data / "sources.csv").write_text("source_id,short\n")
    status = ensure_store(programme_data, _store(programme_data))
    assert status.state == "stale" and status.usable
    assert status.message.startswith("Showing the last good build: the store could not be rebuilt because the data")
    assert any("sources.csv" in p for p in status.problems)
    assert _store(programme_data).read_bytes() == before
    _store(programme_data).unlink()
    status = ensure_store(programme_data, _store(programme_data))
    assert status.state == "missing" and not status.usable and status.problems


def test_a_failed_rebuild_is_not_retried_on_every_page_load_for_the_same_data(programme_data, monkeypatch):
    (programme_data / "sources.csv").write_text("source_id,short\n")
    builds = []
    real_build = build.build_locked
    monkeypatch.setattr(build, "build_locked", lambda *a: builds.append(a) or real_build(*a))
    first = ensure_store(programme_data, _store(programme_data))
    assert ensure_store(programme_data, _store(programme_data)) == first
    assert len(builds) == 1 and first.state == "stale"
    _add_observation(programme_data)  # the data changed: try again
    ensure_store(programme_data, _store(programme_data))
    assert len(builds) == 2


def test_orphans_of_killed_builds_are_removed_by_the_next_build(programme_data):
    orphans = [
        programme_data / "store.duckdb.tmp-999-dead",
        programme_data / "store.duckdb.tmpab12cd",  # what the previous version's mkstemp left
        programme_data / "imports" / "manifest.csv.tmp-999-dead",
    ]
    for orphan in orphans:
        orphan.parent.mkdir(exist_ok=True)
        orphan.write_bytes(b"half")
    unrelated = programme_data / "notes.tmp.txt"
    unrelated.write_text("mine")
    build_store(programme_data, _store(programme_data))
    assert [o for o in orphans if o.exists()] == []
    assert unrelated.exists()


# --- a read-only data/ ------------------------------------------------------------------------------

READ_ONLY_CHILD = """
import json, sys
from pathlib import Path
data = Path(sys.argv[1])
try:
    (data / "probe").write_text("x")
except OSError:
    writable = False
else:
    writable = True
from ipsdash.store.database import ensure_store
status = ensure_store(data, data / "store.duckdb", timeout=5)
print(json.dumps({"writable": writable, "state": status.state, "message": status.message}))
"""


def _drop_root_powers() -> None:
    """In the child: root without CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER obeys file modes."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _ensure_read_only(data_dir: Path) -> dict:
    """ensure_store in a child process that really cannot write to data_dir (chmod; as root, minus the
    capabilities that let root ignore modes)."""
    modes = {p: p.stat().st_mode for p in [data_dir, *data_dir.rglob("*")]}
    for path in modes:
        path.chmod(stat.S_IMODE(modes[path]) & ~0o222)
    try:
        result = subprocess.run(
            [sys.executable, "-c", READ_ONLY_CHILD, str(data_dir)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            preexec_fn=_drop_root_powers if os.geteuid() == 0 else None,
        )
    finally:
        for path, mode in modes.items():
            path.chmod(stat.S_IMODE(mode))
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    if outcome["writable"]:
        pytest.skip("this machine lets the test process write to a read-only folder")
    return outcome


def test_a_read_only_data_folder_serves_the_last_good_store_or_says_there_is_none(programme_data):
    folder = Path(tempfile.mkdtemp())  # not under pytest's private tmp: the child may lose its right to traverse
    try:
        data_dir = folder / "data"
        shutil.copytree(programme_data, data_dir)
        before = _store(data_dir).read_bytes()
        _add_observation(data_dir)  # the store is now stale
        outcome = _ensure_read_only(data_dir)
        assert outcome["state"] == "stale", outcome
        assert "Showing the last good build" in outcome["message"] and "read-only" in outcome["message"]
        assert _store(data_dir).read_bytes() == before
        _store(data_dir).unlink()
        outcome = _ensure_read_only(data_dir)
        assert outcome["state"] == "missing", outcome
        assert outcome["message"].startswith("There is no data to show (there is no store yet)")
    finally:
        shutil.rmtree(folder)


def test_the_app_connection_cannot_write(programme_data):
    import duckdb

    with connect(_store(programme_data)) as con, pytest.raises(duckdb.Error):
        con.execute("DELETE FROM raw.observations")
    assert build.read_build_info(_store(programme_data)).format == build.STORE_FORMAT

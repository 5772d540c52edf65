"""Open the store read-only; know when it was replaced; rebuild it when it is missing, stale or broken.

`ensure_store` never raises for the cases a running app meets (bad data, a read-only data/, a
corrupt or truncated store, another writer busy): it returns a StoreStatus saying which store is
being served and why. `store_identity` changes whenever the file is replaced, by any process, so
the app can key its connection and query cache by it.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ipsdash import i18n
from ipsdash.config import DATA_DIR, SCHEMA_PATH, STORE_PATH
from ipsdash.i18n import _
from ipsdash.intake.validate import DataError
from ipsdash.pipeline import atomic, build, manifest
from ipsdash.pipeline.manifest import ManifestError

# Reading a store back whole costs tens of milliseconds; do it once per store file per process.
_checked: dict[tuple[str, tuple], build.BuildInfo | str] = {}
_checked_guard = threading.Lock()
_failures: dict[tuple, tuple[tuple, float, StoreStatus]] = {}  # (store, language) -> (tried, when, outcome)
RETRY_AFTER = 30.0


@dataclass(frozen=True)
class StoreStatus:
    """What ensure_store found and did.

    state: "fresh" (the store matches data/), "rebuilt" (it did not, and was rebuilt), "stale" (it
    does not match data/ and could not be rebuilt: the last good store is served), or "missing"
    (no usable store: nothing can be shown). `message` says so in a sentence for people, empty when
    fresh; `problems` lists what is wrong in data/ when that is the reason."""

    state: str
    message: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """True when there is a store to show."""
        return self.state != "missing"


def store_identity(store_path: Path = STORE_PATH) -> tuple[int, int, int, int] | None:
    """(device, inode, size, mtime in ns) of the store file, or None when there is none.

    Changes whenever the store is replaced (a replacement is a new inode), even within one mtime tick."""
    try:
        st = os.stat(store_path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _info(store_path: Path) -> build.BuildInfo | str:
    """The store's build info, or why it cannot be used; cached by the file's identity."""
    identity = store_identity(store_path)
    if identity is None:
        return _("there is no store yet")
    key = (str(Path(store_path).resolve()), identity, i18n.current())  # its reason is in a language
    with _checked_guard:
        if key in _checked:
            return _checked[key]
    try:
        result: build.BuildInfo | str = build.read_build_info(store_path)
    except build.StoreUnreadable as err:
        result = str(err)
    with _checked_guard:
        if len(_checked) > 64:
            _checked.clear()
        _checked[key] = result
    return result


_digests: dict[str, tuple[tuple, str]] = {}  # data folder -> (its files' stat signature, their digest)


def _inputs_digest(data_dir: Path, schema_path: Path) -> str:
    """build.inputs_digest, re-read only when an input file's inode, size or mtime changed: every page
    run asks, and hashing the data folder each time would cost milliseconds a run."""
    files = [*build.input_files(data_dir, schema_path), manifest.manifest_path(data_dir)]
    signature = tuple(
        (str(f), *(lambda st: (st.st_ino, st.st_size, st.st_mtime_ns))(f.stat())) for f in files if f.exists()
    )
    key = str(Path(data_dir).resolve())
    with _checked_guard:
        known = _digests.get(key)
    if known and known[0] == signature:
        return known[1]
    digest = build.inputs_digest(data_dir, schema_path)
    with _checked_guard:
        _digests[key] = (signature, digest)
    return digest


def _staleness(data_dir: Path, store_path: Path, schema_path: Path) -> tuple[str | None, str]:
    """(why the store must be rebuilt, or None when it is fresh; the digest of data/ now)."""
    try:
        digest = _inputs_digest(Path(data_dir), Path(schema_path))
    except OSError as err:
        return _("data/ cannot be read ({reason})").format(reason=err.strerror), ""
    info = _info(store_path)
    if isinstance(info, str):
        return info, digest
    if digest != info.inputs_sha256:
        return _("data/ or the imports changed since it was built"), digest
    return None, digest


def why_stale(data_dir: Path = DATA_DIR, store_path: Path = STORE_PATH, schema_path: Path = SCHEMA_PATH) -> str | None:
    """Why the store must be rebuilt (missing, unreadable, built from other data), or None when it is fresh."""
    return _staleness(data_dir, store_path, schema_path)[0]


def is_stale(data_dir: Path = DATA_DIR, store_path: Path = STORE_PATH, schema_path: Path = SCHEMA_PATH) -> bool:
    """True when the store is missing, unreadable or built from other data than data/ now holds."""
    return why_stale(data_dir, store_path, schema_path) is not None


def ensure_store(
    data_dir: Path = DATA_DIR,
    store_path: Path = STORE_PATH,
    schema_path: Path = SCHEMA_PATH,
    timeout: float = 60.0,
) -> StoreStatus:
    """Rebuild the store if it is missing, stale, truncated or corrupt; say which store is served.

    Takes the write lock (waiting up to `timeout` s for another writer), so it never races an import.
    Never raises for bad data, a read-only data/, a busy lock or a broken store. A rebuild that failed
    is not tried again for the same data/ and store for RETRY_AFTER seconds, so a page load does not
    pay for a doomed build every time."""
    reason, digest = _staleness(data_dir, store_path, schema_path)
    if reason is None:
        return StoreStatus("fresh")
    memo_key = (str(Path(store_path).resolve()), i18n.current())  # its messages are in a language
    attempt = (digest, store_identity(store_path))
    with _checked_guard:
        failed = _failures.get(memo_key)
    if failed and failed[0] == attempt and time.monotonic() - failed[1] < RETRY_AFTER:
        return failed[2]
    problems: list[str] = []
    try:
        with atomic.write_lock(Path(data_dir), timeout):
            reason = why_stale(data_dir, store_path, schema_path)  # another writer may have just rebuilt it
            if reason is None:
                return StoreStatus("fresh")
            build.build_locked(Path(data_dir), Path(store_path), Path(schema_path))
            return StoreStatus("rebuilt", _("The store was rebuilt from data/ ({reason}).").format(reason=reason))
    except atomic.LockBusy as err:  # transient: not remembered
        return _served(store_path, reason, str(err), [])
    except DataError as err:
        cause = _("the data files have {count} problem(s)").format(count=len(err.problems))
        problems = [str(p) for p in err.problems]
    except ManifestError as err:
        cause = _("an import cannot be replayed")
        problems = err.outcome.splitlines()
    except PermissionError:
        cause = _("{folder} is read-only here").format(folder=Path(data_dir))
    except OSError as err:
        cause = _("it could not be written ({reason})").format(reason=err.strerror or err)
    except Exception as err:  # a page must get a message, not a traceback
        cause = _("the build failed unexpectedly ({error})").format(error=f"{type(err).__name__}: {str(err)[:200]}")
    status = _served(store_path, reason, cause, problems)
    with _checked_guard:
        _failures[memo_key] = (attempt, time.monotonic(), status)
    return status


def _served(store_path: Path, reason: str, cause: str, problems: list[str]) -> StoreStatus:
    """The status when the store could not be rebuilt: the last good one is served, or there is none."""
    if isinstance(_info(store_path), build.BuildInfo):
        return StoreStatus(
            "stale",
            _("Showing the last good build: the store could not be rebuilt because {cause}.").format(cause=cause),
            problems,
        )
    return StoreStatus(
        "missing",
        _("There is no data to show ({reason}); it could not be built because {cause}.").format(
            reason=reason, cause=cause
        ),
        problems,
    )


def connect(store_path: Path = STORE_PATH) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store as it is now.

    DuckDB hands back an already-open database for a path it has open, even after the file was replaced
    (an import, a rebuild by another process). Attaching the file to a fresh in-memory database opens
    the file that is there now, so a new store is seen as soon as the caller reconnects."""
    con = duckdb.connect()
    quoted = str(store_path).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS store (READ_ONLY)")  # a path, not user input; ATTACH takes no parameters
    con.execute("USE store")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of a connection from `connect`, for another thread, reading the same store."""
    cur = con.cursor()
    cur.execute("USE store")
    return cur

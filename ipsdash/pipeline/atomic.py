"""Writes that no reader sees half of, and the one lock every writer of data/ takes.

Writers (the CLI's build, import and imports remove, the Import page, the app's own rebuild) all
hold `write_lock(data_dir)` (the `filelock` package) while they change data/imports/ or the store.
Files are written to a temporary sibling named `<name>.tmp-<pid>-<random>`, flushed to disk, then
swapped in with os.replace, which is atomic. A process killed mid-write leaves only such temporary
files; the next writer, holding the lock, knows no live writer owns them and removes them.
"""

from __future__ import annotations

import os
import secrets
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import filelock

from ipsdash.i18n import _
from ipsdash.i18n.formats import number

LOCK_NAME = ".ipsdash.lock"
TMP_MARK = ".tmp"  # every temporary name is `<final name>.tmp...`, so `<final name>.tmp*` finds them


class LockBusy(Exception):
    """Another writer held the lock for longer than we were willing to wait."""


def lock_path(data_dir: Path) -> Path:
    """The lock file of a data folder."""
    return Path(data_dir) / LOCK_NAME


@contextmanager
def write_lock(data_dir: Path, timeout: float = 300.0):
    """Hold the data folder's write lock; raise LockBusy after `timeout` seconds, OSError if data/ is read-only."""
    lock = filelock.FileLock(str(lock_path(data_dir)), timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout as err:
        raise LockBusy(
            _("another import or build held {path} for over {seconds} s").format(
                path=lock_path(data_dir), seconds=number(timeout, 3)
            )
        ) from err
    try:
        yield
    finally:
        lock.release()


def temporary_sibling(path: Path) -> Path:
    """A fresh temporary name next to `path` (same folder, so os.replace is atomic)."""
    return path.with_name(f"{path.name}{TMP_MARK}-{os.getpid()}-{secrets.token_hex(4)}")


def prepare_file(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary sibling of `path`, flushed to disk; return its name (not yet published).

    Any failure (a full disk included) removes the temporary file and re-raises."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_sibling(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view[: 1 << 20])
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable; best effort (some file systems cannot fsync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: readers see the old content or the new, never a mix."""
    tmp = prepare_file(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def remove_orphans(*patterns: tuple[Path, str]) -> list[Path]:
    """Delete temporary files left by killed writers: (folder, glob) pairs. Call only while holding the lock."""
    removed = []
    for folder, pattern in patterns:
        if not folder.is_dir():
            continue
        for orphan in folder.glob(pattern):
            if TMP_MARK in orphan.name and orphan.is_file():
                orphan.unlink(missing_ok=True)
                removed.append(orphan)
    return removed


def reach(step: str) -> None:
    """A named point of a write transaction. Tests set IPSDASH_TEST_KILL_AT=<step> to have this process
    announce the step on stderr and kill itself there with SIGKILL, the way a crash or `kill -9` would."""
    if os.environ.get("IPSDASH_TEST_KILL_AT") == step:
        sys.stderr.write(f"IPSDASH_TEST_KILLED_AT={step}\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGKILL)

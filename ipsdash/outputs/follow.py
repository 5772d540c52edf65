"""The room follows the presenter: one small JSON file per talk says which slide is showing.

`DATA_DIR/follow/NAME.json` (or IPSDASH_FOLLOW_DIR/NAME.json) holds the public state: talk, slide,
slide count, whether the room is following, a sequence number that grows with every write, when the
session started and when it was last written. Every process that serves the data folder (the
laptop's one process, every replica of the cluster) reads the same file, so a phone on any of them
shows the same slide; a static page can poll the same file through nginx or any static server.
Writes are atomic (readers see the old state or the new), serialised by a lock of their own: the
data folder's write lock can be held for minutes by a build, and a step must not wait for it.

Only the presenter moves the room: starting a session returns a random key that only the presenter's
windows hold (in their URL); the file `NAME.key` beside the state keeps its SHA-256, never the key,
and every step or stop must present the key. Nothing a follower sends is ever written.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import filelock

from ipsdash.config import follow_dir
from ipsdash.i18n import _
from ipsdash.outputs.talk_track import TALK_NAME, name_problem
from ipsdash.pipeline.atomic import write_atomically

FOLDER_NAME = "follow"
COPY_ENV = "IPSDASH_FOLLOW_COPY"  # a published copy's folder: the state is also written to its follow/
MAX_STATE_BYTES = 4096  # a state file is about 200 bytes: anything larger is not ours
KEY = re.compile(r"[A-Za-z0-9_-]{22}")  # secrets.token_urlsafe(16)
LOCK_TIMEOUT = 5.0
ABANDONED_AFTER = 6 * 3600  # a session nobody stepped for this long may be taken over


class FollowRefused(Exception):
    """A start, step or stop that was not allowed (wrong key, another presenter, a busy lock)."""


@dataclass(frozen=True)
class FollowState:
    """What every follower reads: the talk, the slide showing (1-based), and whether the room follows."""

    talk: str
    slide: int
    slides: int
    following: bool
    seq: int
    started: float  # seconds since the epoch
    updated: float

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True).encode()


def folder(data_dir: Path | None = None) -> Path:
    """Where the follow state of every talk lives: follow/ in `data_dir`, or as configured."""
    return Path(data_dir) / FOLDER_NAME if data_dir else follow_dir()


def _checked(talk: str) -> str:
    if not isinstance(talk, str) or not TALK_NAME.fullmatch(talk):
        raise FollowRefused(name_problem())
    return talk


def state_path(talk: str, data_dir: Path | None = None) -> Path:
    """The public state file of a talk."""
    return folder(data_dir) / f"{_checked(talk)}.json"


def _key_path(talk: str, data_dir: Path | None) -> Path:
    return folder(data_dir) / f"{_checked(talk)}.key"


def parse(raw: bytes, talk: str) -> FollowState | None:
    """A state file's content as a FollowState; None when it is not one for this talk."""
    if len(raw) > MAX_STATE_BYTES:
        return None
    try:
        data = json.loads(raw)
        state = FollowState(
            talk=data["talk"],
            slide=data["slide"],
            slides=data["slides"],
            following=data["following"],
            seq=data["seq"],
            started=float(data["started"]),
            updated=float(data["updated"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
    ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (state.slide, state.slides, state.seq))
    if not ints or state.talk != talk or not isinstance(state.following, bool) or not 1 <= state.slide <= state.slides:
        return None
    return state


def read(talk: str, data_dir: Path | None = None) -> FollowState | None:
    """The talk's follow state, or None when no session was ever started (or the file is not ours)."""
    try:
        with open(state_path(talk, data_dir), "rb") as handle:
            return parse(handle.read(MAX_STATE_BYTES + 1), talk)
    except (OSError, FollowRefused):
        return None


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def holds_key(talk: str, key: str | None, data_dir: Path | None = None) -> bool:
    """True when `key` is the key of the talk's current session."""
    if not isinstance(key, str) or not KEY.fullmatch(key):
        return False
    try:
        stored = _key_path(talk, data_dir).read_text().strip()
    except (OSError, FollowRefused):
        return False
    return hmac.compare_digest(stored, _digest(key))


def copy_folders(environ: dict[str, str] | None = None) -> list[Path]:
    """Published copies that also get the state (IPSDASH_FOLLOW_COPY), each as its follow/ folder."""
    value = (os.environ if environ is None else environ).get(COPY_ENV, "").strip()
    return [Path(value) / FOLDER_NAME] if value else []


def _publish(state: FollowState, data_dir: Path | None) -> FollowState:
    data = state.to_json()
    write_atomically(state_path(state.talk, data_dir), data)
    for copy in copy_folders():
        write_atomically(copy / f"{state.talk}.json", data)
    return state


class _Locked:
    def __init__(self, talk: str, data_dir: Path | None):
        path = folder(data_dir) / f".{_checked(talk)}.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = filelock.FileLock(str(path), timeout=LOCK_TIMEOUT)

    def __enter__(self):
        try:
            self.lock.acquire()
        except filelock.Timeout as err:
            raise FollowRefused(_("the follow state is busy; try the step again")) from err

    def __exit__(self, *_):
        self.lock.release()


def start(talk: str, slides: int, slide: int, data_dir: Path | None = None, now: float | None = None) -> str:
    """Start a follow session on `slide` and return the presenter's key. Refused while another
    presenter's session runs (unless nobody stepped it for ABANDONED_AFTER seconds)."""
    now = time.time() if now is None else now
    with _Locked(talk, data_dir):
        old = read(talk, data_dir)
        if old and old.following and now - old.updated < ABANDONED_AFTER:
            raise FollowRefused(
                _(
                    "another window already leads the room for this talk; stop it there, "
                    "or run `ipsdash follow stop {talk}` on the presenter's machine"
                ).format(talk=talk)
            )
        key = secrets.token_urlsafe(16)
        write_atomically(_key_path(talk, data_dir), _digest(key).encode())
        seq = old.seq + 1 if old else 1
        _publish(FollowState(talk, max(1, min(slides, slide)), slides, True, seq, now, now), data_dir)
        return key


def _change(talk: str, key: str | None, data_dir: Path | None, **changes) -> FollowState:
    with _Locked(talk, data_dir):
        old = read(talk, data_dir)
        if old is None or not old.following or not holds_key(talk, key, data_dir):
            raise FollowRefused(_("this window does not lead the room (the session ended or another took over)"))
        if "slide" in changes:
            changes["slide"] = max(1, min(old.slides, changes["slide"]))
        return _publish(replace(old, seq=old.seq + 1, updated=time.time(), **changes), data_dir)


def step(talk: str, key: str | None, slide: int, data_dir: Path | None = None) -> FollowState:
    """Move the room to `slide` (clamped to the talk); only with the session's key."""
    return _change(talk, key, data_dir, slide=slide)


def stop(talk: str, key: str | None, data_dir: Path | None = None) -> FollowState:
    """End the session: followers are told, and stay on the last slide."""
    return _change(talk, key, data_dir, following=False)


def end(talk: str, data_dir: Path | None = None) -> FollowState | None:
    """End whatever session runs for `talk`, without its key (the CLI, on the presenter's machine)."""
    with _Locked(talk, data_dir):
        old = read(talk, data_dir)
        if old is None or not old.following:
            return old
        return _publish(replace(old, following=False, seq=old.seq + 1, updated=time.time()), data_dir)

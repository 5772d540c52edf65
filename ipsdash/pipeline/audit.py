"""An audit trail of what changed the data and who was refused: imports, replacements, removals,
failed unlocks. Python logging, to stderr and to a rotating file under data/logs/ (git-ignored).

Every replica and every CLI import appends to the same file, so rotation takes a lock shared between
processes (concurrent-log-handler): logging's own RotatingFileHandler assumes one writer and, with several,
loses records at a rollover.

Every field is written as key="value" with the value JSON-escaped, so text that came from a user
(a file name, a client address) cannot forge a line or hide in control characters.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
from pathlib import Path

from concurrent_log_handler import ConcurrentRotatingFileHandler

from ipsdash.config import DATA_DIR

MAX_FIELD_CHARS = 300
MAX_LOG_BYTES = 1_000_000  # then audit.log rolls over to audit.log.1 ... audit.log.5
LOG_BACKUPS = 5


class _Quiet:
    """A handler that cannot write says so in one line, never with logging's traceback."""

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        with contextlib.suppress(Exception):
            sys.stderr.write(f"audit log could not be written: {error}\n")


class _StderrHandler(_Quiet, logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (servers and test runners replace it)."""

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


class _FileHandler(_Quiet, ConcurrentRotatingFileHandler):
    pass


_configured: dict[Path, logging.Logger] = {}
_guard = threading.Lock()


LOG_DIR_ENV = "IPSDASH_LOG_DIR"  # another folder for the app's own data folder's log (tests, deployments)


def get_audit_logger(data_dir: Path = DATA_DIR) -> logging.Logger:
    """The audit logger for the data in `data_dir`: stderr, plus data_dir/logs/audit.log where writable
    (for the app's data folder, IPSDASH_LOG_DIR may name another folder)."""
    folder = os.environ.get(LOG_DIR_ENV) if Path(data_dir) == DATA_DIR else None
    log_dir = Path(folder or Path(data_dir) / "logs").resolve()
    with _guard:
        if log_dir in _configured:
            return _configured[log_dir]
        root = logging.getLogger("ipsdash.pipeline.audit")
        if not root.handlers:
            stderr = _StderrHandler()
            stderr.setFormatter(logging.Formatter("%(asctime)s audit %(message)s"))
            root.addHandler(stderr)
            root.setLevel(logging.INFO)
            root.propagate = False
        # One child logger per data folder (tests use many); each writes its own file and passes
        # records up to the parent's stderr handler.
        logger = root.getChild(f"dir{len(_configured)}")
        logger.setLevel(logging.INFO)
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            handler = _FileHandler(
                log_dir / "audit.log", maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
        except OSError as err:  # a read-only data/ still gets its audit trail on stderr
            root.warning('event="log_file_unavailable" dir=%s reason=%s', _quote(log_dir), _quote(err.strerror))
        else:
            handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
            logger.addHandler(handler)
        _configured[log_dir] = logger
        return logger


def _quote(value: object) -> str:
    text = str(value)
    if len(text) > MAX_FIELD_CHARS:
        text = text[:MAX_FIELD_CHARS] + "…"
    return json.dumps(text, ensure_ascii=True)  # escapes newlines, quotes, controls and non-ASCII alike


def format_event(action: str, **fields: object) -> str:
    """One log line's text: event="action" key="value" ..., every value escaped."""
    parts = [f"event={_quote(action)}", f"pid={os.getpid()}"]
    parts += [f"{key}={_quote(value)}" for key, value in fields.items()]
    return " ".join(parts)


def log_event(action: str, *, data_dir: Path = DATA_DIR, level: int = logging.INFO, **fields: object) -> None:
    """Record one event (import, import_replace, import_remove, import_rejected, unlock_failed, ...)."""
    get_audit_logger(data_dir).log(level, "%s", format_event(action, **fields))

"""Import coordinators' programme files as transactions: all of it, or nothing at all.

An import reads and checks the whole file first (bounded by `limits`), then, holding the one write
lock, validates it against what is stored, builds a candidate store that includes it, checks that
store by reading it back, and only then publishes, in this order:
    1. the raw file, named by its SHA-256 (harmless while no manifest entry names it),
    2. the manifest, replaced atomically (from here on the import has happened),
    3. the store, replaced atomically (it records the manifest digest it was built from).
Any failure before step 2 (a rejected row, a full disk, a failed check) removes what this import
wrote, so the raw files, the manifest and the store are exactly as they were. A process killed
between 2 and 3 leaves a store whose manifest digest no longer matches: the next build, or the
app's next page load, sees it as stale and rebuilds it from data/, which includes the import.
Imported files are confidential: data/imports/ is ignored by git.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import pandas as pd

from ipsdash import i18n
from ipsdash.config import DATA_DIR, SCHEMA_PATH, STORE_PATH
from ipsdash.domain import quality
from ipsdash.errors import UserError
from ipsdash.i18n import _, ngettext
from ipsdash.i18n.formats import number
from ipsdash.intake import contract, programmes
from ipsdash.intake.limits import current_limits
from ipsdash.intake.validate import DataError
from ipsdash.pipeline import atomic, audit, build, manifest
from ipsdash.pipeline.manifest import Entry, ManifestError

LOCK_TIMEOUT = 300.0  # seconds an import waits for another writer (a 1,000,000-row import takes ~10 s)


class ImportRejected(UserError):
    """The file was not imported; `problems` says why, row by row (at most MAX_PROBLEMS of them kept),
    and `total` counts every problem found."""

    exit_code = 2

    def __init__(self, problems: list, total: int | None = None, file: str = ""):
        total = getattr(problems, "total", len(problems)) if total is None else total
        super().__init__(_("nothing was imported."), problems, total, file)


class ImportFailed(UserError):
    """The file may be fine, but the import could not be carried out (disk full, another writer busy,
    stored data that cannot be replayed); nothing was changed. The message says what to do."""


class ImportNotFound(UserError):
    """No import has that id."""

    exit_code = 2


@dataclass(frozen=True)
class ImportResult:
    """What an import (or a removal) did."""

    added: bool
    rows: int
    message: str
    id: str = ""


def _conflicts(new: dict[str, pd.DataFrame], current: dict[str, pd.DataFrame] | None) -> programmes.ProblemList:
    """Rows of the file's tables whose key is already stored with different values."""
    if not current:
        return programmes.ProblemList()
    problems, total = [], 0
    for name, table in new.items():
        stored = current.get(name)
        if stored is None or stored.empty:
            continue
        key = list(contract.TABLES[name].key)
        ours = ("is_public", "import_id")  # what the import itself decides, not the file's values
        columns = [c for c in table.columns if c not in key and c in stored.columns and c not in ours]
        both = (
            table.rename_axis("file_row")
            .reset_index()
            .merge(stored[key + columns], on=key, how="inner", suffixes=("", "_stored"))
        )
        for column in columns:
            differs = both[both[column].astype(str) != both[f"{column}_stored"].astype(str)]
            total += len(differs)
            for row in differs.head(programmes.MAX_PROBLEMS).itertuples():
                problems.append(
                    programmes.FileProblem(
                        int(row.file_row),
                        {"name": "programme_name"}.get(column, column),
                        _(
                            "{value} conflicts with the stored {stored}; "
                            "import with --replace (or tick Replace) to overwrite"
                        ).format(
                            value=programmes.show(getattr(row, column)),
                            stored=programmes.show(getattr(row, column + "_stored")),
                        ),
                    )
                )
    return programmes.ProblemList(sorted(problems, key=lambda p: p.row), total)


def _read_source(path: Path, name: str) -> bytes:
    """The file's bytes, refusing what is not a regular readable file or is over the byte limit, before reading it."""
    limits = current_limits()
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ImportRejected([programmes.FileProblem(0, "", _("no such file"))]) from None
    except OSError as err:
        raise ImportRejected([programmes.FileProblem(0, "", _cannot_read(err))]) from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportRejected([programmes.FileProblem(0, "", _("is a folder, not a file"))])
    if not stat.S_ISREG(info.st_mode):
        raise ImportRejected([programmes.FileProblem(0, "", _("is not a regular file"))])
    if info.st_size > limits.max_bytes:
        raise ImportRejected([programmes.FileProblem(0, "", limits.bytes_message())])
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limits.max_bytes + 1)  # the file may grow after the stat
    except OSError as err:
        raise ImportRejected([programmes.FileProblem(0, "", _cannot_read(err))]) from None
    if len(raw) > limits.max_bytes:
        raise ImportRejected([programmes.FileProblem(0, "", limits.bytes_message())])
    return raw


def _cannot_read(err: OSError) -> str:
    # The reason is the operating system's own words (strerror), in the language it was set up in.
    return _("cannot be read ({reason})").format(reason=err.strerror)


def publish(
    data_dir: Path,
    store_path: Path,
    schema_path: Path,
    entries: list[Entry],
    replayed: dict[str, pd.DataFrame] | None = None,
) -> build.BuildInfo:
    """Build and check a candidate store from `entries`, then swap in the manifest and the store.
    Caller holds the write lock and has written every raw file the entries name.

    Before the manifest is replaced nothing visible has changed; if the store cannot be swapped in
    after it, the old manifest is put back (by a rename, which needs no free space)."""
    manifest_file = manifest.manifest_path(data_dir)
    new_manifest = manifest.render(entries)
    candidate = build.write_candidate(data_dir, store_path, schema_path, new_manifest, replayed)
    undo: Path | None = None
    prepared: Path | None = None
    replaced = False
    try:
        prepared = atomic.prepare_file(manifest_file, new_manifest)
        atomic.reach("manifest-prepared")
        if manifest_file.exists():
            undo = atomic.temporary_sibling(manifest_file)
            os.link(manifest_file, undo)  # the old manifest, kept by a second name until the store is in
        os.replace(prepared, manifest_file)
        prepared, replaced = None, True
        atomic.reach("manifest-published")
        os.replace(candidate.path, store_path)
        atomic.reach("store-published")
    except BaseException:
        if replaced:  # the store did not follow: put the old manifest back
            if undo is not None:
                os.replace(undo, manifest_file)
                undo = None
            else:
                manifest_file.unlink(missing_ok=True)
        raise
    finally:
        build.discard(candidate.path)
        for leftover in (prepared, undo):
            if leftover is not None:
                leftover.unlink(missing_ok=True)
    atomic.sync_folder(manifest_file.parent)
    atomic.sync_folder(Path(store_path).parent)
    return candidate.info


def _failed(err: BaseException) -> ImportFailed:
    if isinstance(err, ManifestError):
        return ImportFailed(
            _(
                "The stored imports cannot be replayed, so nothing can be imported until this is fixed:\n{problems}"
            ).format(problems=err)
        )
    if isinstance(err, DataError):
        return ImportFailed(
            _("data/ has problems, so the store cannot be rebuilt; nothing was imported.\n{problems}").format(
                problems=err
            )
        )
    if isinstance(err, atomic.LockBusy):
        return ImportFailed(
            _("Another import or rebuild is still running ({reason}); nothing was imported. Try again.").format(
                reason=err
            )
        )
    if isinstance(err, OSError):
        reason = err.strerror or err
        if getattr(err, "filename", None):
            return ImportFailed(
                _("Could not write ({file}): {reason}; nothing was imported.").format(file=err.filename, reason=reason)
            )
        return ImportFailed(_("Could not write: {reason}; nothing was imported.").format(reason=reason))
    if isinstance(err, duckdb.Error | build.StoreUnreadable):
        return ImportFailed(
            _("Could not write the new store ({reason}); nothing was imported.").format(
                reason=str(err).splitlines()[0][:200]
            )
        )
    return ImportFailed(
        _("The import failed ({kind}: {reason}); nothing was imported.").format(
            kind=type(err).__name__, reason=str(err)[:200]
        )
    )


def import_file(path: Path, kind: str, **options) -> ImportResult:
    """Validate and import one outcomes or fidelity file, all or nothing (see _import_file for the options).

    Raises ImportRejected with every problem in the file (named by its original name), or ImportFailed
    when the import could not be carried out; in both cases nothing was changed."""
    try:
        return _import_file(path, kind, **options)
    except ImportRejected as err:
        err.file = err.file or options.get("original_name") or Path(path).name
        raise


def _import_file(
    path: Path,
    kind: str,
    *,
    replace: bool = False,
    data_dir: Path = DATA_DIR,
    store_path: Path = STORE_PATH,
    progress: Callable[[float, str], None] = lambda fraction, step: None,
    original_name: str | None = None,
    public: bool = False,
    schema_path: Path = SCHEMA_PATH,
    in_scope: Callable[[str, str], bool] | None = None,
) -> ImportResult:
    """Validate and import one outcomes or fidelity file, all or nothing.

    `public`: the programmes this outcomes file names may be shown by name to everyone (default:
    confidential). `in_scope`: as for check_file, checked again under the lock against what is stored
    then. Raises ImportRejected with every problem in the file, or ImportFailed when the
    import could not be carried out; in both cases nothing was changed."""
    data_dir, store_path = Path(data_dir), Path(store_path)
    name = original_name or Path(path).name
    if kind not in contract.FILES:
        raise ImportRejected([programmes.FileProblem(0, "", _unknown_kind(kind))])
    if public and kind != "outcomes":
        only = _("only an outcomes file (which names the programmes) can be marked public")
        raise ImportRejected([programmes.FileProblem(0, "", only)])
    # TRANSLATORS: a step of an import, shown beside its progress bar.
    progress(0.05, _("reading"))
    raw = _read_source(Path(path), name)
    atomic.reach("read")
    frame, problems = programmes.read_table(raw, name)
    if frame is None:
        _log_rejected(data_dir, kind, name, problems)
        raise ImportRejected(problems)
    sha = hashlib.sha256(raw).hexdigest()
    suffix = ".xlsx" if name.lower().endswith(programmes.XLSX_SUFFIXES) else ".csv"
    entry = Entry(
        id=manifest.entry_id(kind, sha),
        file=f"{manifest.entry_id(kind, sha)}{suffix}",
        kind=kind,
        sha256=sha,
        original_name=name,
        imported_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        rows=len(frame),
        replace=replace,
        public=public,
    )
    progress(0.2, _("waiting for other imports to finish"))
    try:
        with atomic.write_lock(data_dir, LOCK_TIMEOUT):
            return _import_locked(frame, raw, entry, (data_dir, store_path, schema_path), progress, in_scope)
    except (ImportRejected, ImportFailed):
        raise
    except Exception as err:
        audit.log_event("import_failed", data_dir=data_dir, id=entry.id, kind=kind, name=name, error=_record(err))
        raise _failed(err) from err


def _record(err: BaseException) -> str:
    """What went wrong, for the audit log, which is written in English: our own messages are written in the
    language in use, so in another language only their kind is recorded (the person was shown them whole)."""
    ours = UserError | atomic.LockBusy | build.StoreUnreadable
    if isinstance(err, ours) and i18n.current() != i18n.DEFAULT:
        return type(err).__name__
    return str(err)[:200]


def _unknown_kind(kind: str) -> str:
    return _("unknown kind '{kind}' (outcomes or fidelity)").format(kind=programmes.show(kind))


def check_file(path: Path, kind: str, **options) -> quality.QualityReport:
    """The quality report of a file that could be imported (see _check_file); a refusal names the file."""
    try:
        return _check_file(path, kind, **options)
    except ImportRejected as err:
        err.file = err.file or options.get("original_name") or Path(path).name
        raise


def _check_file(
    path: Path,
    kind: str,
    *,
    data_dir: Path = DATA_DIR,
    original_name: str | None = None,
    in_scope: Callable[[str, str], bool] | None = None,
) -> quality.QualityReport:
    """The quality report of a file that could be imported, against what is stored; nothing is written (no
    lock, no raw file, no manifest, no store). Raises ImportRejected, as an import would, for a file with
    problems, and ImportFailed when the stored imports cannot be replayed. `in_scope(programme_id, geo_code)`:
    whether the person importing may import that programme (a region lead: their areas' only); a row outside
    it is a problem of the file."""
    data_dir = Path(data_dir)
    name = original_name or Path(path).name
    if kind not in contract.FILES:
        raise ImportRejected([programmes.FileProblem(0, "", _unknown_kind(kind))])
    frame, problems = programmes.read_table(_read_source(Path(path), name), name)
    if frame is None:
        raise ImportRejected(problems)
    try:
        current = manifest.replay(data_dir)
    except (ManifestError, OSError) as err:
        raise _failed(err) from err
    known = manifest.known_programmes(current)
    if kind == "outcomes" and "programme_id" in frame.columns:
        known |= set(frame["programme_id"])
    problems = programmes.validate(frame, kind, known) or _outside_scope(frame, kind, current, in_scope)
    if problems:
        raise ImportRejected(problems)
    tables = programmes.to_tables(frame, kind)
    if kind == "outcomes":
        return quality.check_outcomes(tables, current)
    return quality.check_fidelity(tables, current, programmes.SCALES)


def _outside_scope(frame: pd.DataFrame, kind: str, current, in_scope) -> list[programmes.FileProblem]:
    """The rows of programmes the importer may not import, at most MAX_PROBLEMS of them. A programme is
    placed by its stored area and, for outcomes, by the area its row gives: a lead may neither import for a
    programme of another area nor move one into their own by naming it with their area."""
    if in_scope is None:
        return []
    stored = (current or {}).get("programmes")
    known = {} if stored is None else dict(zip(stored["programme_id"], stored["geo_code"], strict=True))
    given = frame["geo_code"] if kind == "outcomes" else pd.Series(index=frame.index, dtype=object)
    outside = []
    for row, pid in frame["programme_id"].items():
        areas = [a for a in dict.fromkeys((known.get(pid), given.get(row))) if isinstance(a, str) and a] or [""]
        refused = next((a for a in areas if not in_scope(pid, a)), None)
        if refused is None:
            continue
        outside.append(programmes.FileProblem(int(row), "programme_id", _outside(programmes.show(pid), refused)))
        if len(outside) == programmes.MAX_PROBLEMS:
            break
    return outside


def _outside(programme: str, area: str | None) -> str:
    if area:
        return _("'{programme}' ({area}) is outside your access").format(programme=programme, area=area)
    return _("'{programme}' (no area) is outside your access").format(programme=programme)


def _log_rejected(data_dir: Path, kind: str, name: str, problems) -> None:
    total = getattr(problems, "total", len(problems))
    audit.log_event("import_rejected", data_dir=data_dir, kind=kind, name=name, problems=total)


def _import_locked(frame, raw, entry: Entry, paths, progress, in_scope) -> ImportResult:
    data_dir, store_path, schema_path = paths
    build.remove_orphans(data_dir, store_path)
    entries = manifest.read_entries(data_dir)
    same = next((e for e in entries if e.sha256 == entry.sha256 and e.kind == entry.kind), None)
    if same is not None:
        if same.public == entry.public:
            return ImportResult(False, 0, _("This file was imported before; nothing was added."), same.id)
        return _set_public(same, entry.public, entries, data_dir, store_path, schema_path)
    progress(0.3, _("checking every row"))
    current = manifest.replay(data_dir, entries)
    known = manifest.known_programmes(current)
    if entry.kind == "outcomes":
        known |= set(frame["programme_id"]) if "programme_id" in frame.columns else set()
    problems = programmes.validate(frame, entry.kind, known) or _outside_scope(frame, entry.kind, current, in_scope)
    tables = {} if problems else programmes.to_tables(frame, entry.kind, public=entry.public, import_id=entry.id)
    if not problems and not entry.replace:
        progress(0.45, _("comparing with stored data"))
        problems = _conflicts(tables, current)
    if problems:
        _log_rejected(data_dir, entry.kind, entry.original_name, problems)
        raise ImportRejected(problems)
    merged = manifest.with_every_table(manifest.merge(current or {}, tables))  # the file converted once
    progress(0.6, _("keeping the raw file"))
    raw_path = manifest.imports_dir(data_dir) / entry.file
    # A file of that name is normally this very file, left unlisted by a killed import; rewrite it if not.
    created = not raw_path.exists() or hashlib.sha256(raw_path.read_bytes()).hexdigest() != entry.sha256
    try:
        if created:
            atomic.write_atomically(raw_path, raw)
        atomic.reach("raw-written")
        progress(0.7, _("building and checking the new store"))
        publish(data_dir, store_path, schema_path, [*entries, entry], merged)
    except BaseException:
        if created and not _listed(data_dir, entry.file):
            raw_path.unlink(missing_ok=True)  # never listed: as if it had not been written
        raise
    action = "import_replace" if entry.replace else "import"
    audit.log_event(
        action,
        data_dir=data_dir,
        id=entry.id,
        kind=entry.kind,
        name=entry.original_name,
        rows=entry.rows,
        public=entry.public,
    )
    # TRANSLATORS: the last step of an import (it has finished), beside its progress bar.
    progress(1.0, _("done"))
    if entry.public:
        message = ngettext(
            "Imported {rows} rows from {file} (import {id}, public).",
            "Imported {rows} rows from {file} (import {id}, public).",
            entry.rows,
        )
    else:
        message = ngettext(
            "Imported {rows} rows from {file} (import {id}, confidential).",
            "Imported {rows} rows from {file} (import {id}, confidential).",
            entry.rows,
        )
    message = message.format(rows=number(entry.rows, 0), file=entry.original_name, id=entry.id)
    kept = _kept_confidential(frame, entry, merged)
    return ImportResult(True, entry.rows, f"{message} {kept}" if kept else message, entry.id)


def _kept_confidential(frame: pd.DataFrame, entry: Entry, merged: dict[str, pd.DataFrame]) -> str:
    """For a public file, which of its programmes stay confidential because an earlier import names them."""
    if not entry.public or "programme_id" not in frame.columns:
        return ""
    stored = merged["programmes"]
    held = sorted(set(stored.loc[~stored["is_public"].astype(bool), "programme_id"]) & set(frame["programme_id"]))
    if not held:
        return ""
    shown = ", ".join(programmes.show(p, 40) for p in held[:10])
    if len(held) > 10:
        shown = _("{names} and {count} more").format(names=shown, count=number(len(held) - 10, 0))
    return ngettext(
        "{count} of its programmes stay confidential because an earlier confidential import names them "
        "({names}); import that file again marked public to publish them.",
        "{count} of its programmes stay confidential because an earlier confidential import names them "
        "({names}); import that file again marked public to publish them.",
        len(held),
    ).format(count=number(len(held), 0), names=shown)


def _listed(data_dir: Path, file: str) -> bool:
    """Whether the manifest on disk names `file` (True when unsure, so a listed file is never deleted)."""
    try:
        return file in {e.file for e in manifest.read_entries(data_dir)}
    except Exception:
        return True


def _set_public(same: Entry, public: bool, entries: list[Entry], data_dir, store_path, schema_path) -> ImportResult:
    """The same file imported again with the other visibility: change the flag of the existing import."""
    changed = [replace(e, public=public) if e.id == same.id else e for e in entries]
    publish(data_dir, store_path, schema_path, changed)
    audit.log_event("import_visibility", data_dir=data_dir, id=same.id, name=same.original_name, public=public)
    if public:
        message = _("This file was imported before (import {id}); its data is now public.")
    else:
        message = _("This file was imported before (import {id}); its data is now confidential.")
    return ImportResult(True, 0, message.format(id=same.id), same.id)


def remove_import(
    import_id: str,
    *,
    data_dir: Path = DATA_DIR,
    store_path: Path = STORE_PATH,
    schema_path: Path = SCHEMA_PATH,
) -> ImportResult:
    """Remove one import: its manifest entry and the store's rows from it, together; then its raw file.

    Raises ImportNotFound, or ImportFailed (nothing changed) when the rest cannot be replayed without it."""
    data_dir, store_path = Path(data_dir), Path(store_path)
    try:
        with atomic.write_lock(data_dir, LOCK_TIMEOUT):
            build.remove_orphans(data_dir, store_path)
            entries = manifest.read_entries(data_dir)
            gone = next((e for e in entries if e.id == import_id), None)
            if gone is None:
                raise ImportNotFound(
                    _("no import has the id {id}; `ipsdash imports` lists them").format(id=programmes.show(import_id))
                )
            remaining = [e for e in entries if e.id != import_id]
            publish(data_dir, store_path, schema_path, remaining)
            if gone.file not in {e.file for e in remaining}:
                with contextlib.suppress(OSError):  # unlisted now; if it stays, the next build removes it
                    (manifest.imports_dir(data_dir) / gone.file).unlink(missing_ok=True)
    except (ImportNotFound, ImportFailed):
        raise
    except ManifestError as err:
        if err.entry is not None and err.entry.id != import_id:
            raise ImportFailed(
                _(
                    "Removing {id} would leave import {other} unable to be replayed "
                    "(remove {other} first); nothing was changed.\n{problems}"
                ).format(id=import_id, other=err.entry.id, problems=err)
            ) from err
        raise _failed(err) from err
    except Exception as err:
        raise _failed(err) from err
    audit.log_event(
        "import_remove", data_dir=data_dir, id=gone.id, kind=gone.kind, name=gone.original_name, rows=gone.rows
    )
    removed = ngettext(
        "Removed import {id} ({file}, {rows} rows).", "Removed import {id} ({file}, {rows} rows).", gone.rows
    ).format(id=gone.id, file=gone.original_name, rows=number(gone.rows, 0))
    return ImportResult(True, gone.rows, removed, gone.id)

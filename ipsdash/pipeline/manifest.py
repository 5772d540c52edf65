"""The list of imports, data/imports/manifest.csv, and the programme tables it replays to.

Each entry names a raw file kept in data/imports/ (named by kind and SHA-256, so it is never
overwritten), what kind of file it is, whether its rows replaced stored ones and whether its data
is public. The store's programme tables are a pure function of this list: replay reads every listed
file in order, validates it again (validation is the build's contract) and merges it; a file that
cannot be replayed is named with the command that removes it. Both the importer and the build use
this module, so neither imports the other.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shlex
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from ipsdash.config import DATA_DIR
from ipsdash.errors import UserError
from ipsdash.i18n import _
from ipsdash.intake import contract, programmes
from ipsdash.intake.limits import Limits, current_limits

FILENAME = "manifest.csv"
COLUMNS = ["id", "file", "kind", "sha256", "original_name", "imported_at", "rows", "replace", "public"]
REQUIRED = ["file", "kind", "sha256"]  # an older manifest lacks the rest; they get defaults


@dataclass(frozen=True)
class Entry:
    """One import, as listed in the manifest."""

    id: str
    file: str
    kind: str
    sha256: str
    original_name: str
    imported_at: str
    rows: int
    replace: bool
    public: bool


class ManifestError(UserError):
    """The manifest, or an import it lists, cannot be read or replayed; the message says what to do."""

    def __init__(self, lines: list[str], entry: Entry | None = None):
        self.entry = entry
        super().__init__("\n".join(lines))


def imports_dir(data_dir: Path) -> Path:
    """The folder of imported raw files and the manifest."""
    return Path(data_dir) / "imports"


def manifest_path(data_dir: Path) -> Path:
    """Where the manifest lives."""
    return imports_dir(data_dir) / FILENAME


def read_bytes(data_dir: Path) -> bytes:
    """The manifest's bytes (empty when nothing was imported)."""
    try:
        return manifest_path(data_dir).read_bytes()
    except FileNotFoundError:
        return b""


def digest(raw: bytes) -> str:
    """SHA-256 of manifest bytes."""
    return hashlib.sha256(raw).hexdigest()


def entry_id(kind: str, sha256: str) -> str:
    """The id of an import: its kind and the first 16 hex digits of its SHA-256 (also its file's stem)."""
    return f"{kind}-{sha256[:16]}"


def display(path: Path) -> str:
    """A path as people should see it in messages: relative to the working folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def parse(raw: bytes, data_dir: Path = DATA_DIR) -> list[Entry]:
    """The entries of manifest bytes, in order; ManifestError names the row that cannot be read."""
    label = display(manifest_path(data_dir))
    if not raw.strip():
        return []
    try:
        reader = csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True)
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as err:
        raise ManifestError(
            [_("{file}: cannot be read ({reason}); restore it from a backup").format(file=label, reason=err)]
        ) from None
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise ManifestError(
            [_("{file}: row 1: missing column(s) {columns}").format(file=label, columns=", ".join(missing))]
        )
    entries = []
    for number, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise ManifestError([_("{file}: row {row}: has the wrong number of fields").format(file=label, row=number)])
        kind = row["kind"]
        if kind not in contract.FILES or not row["file"] or "/" in row["file"] or row["file"].startswith("."):
            raise ManifestError(
                [
                    _("{file}: row {row}: not an import (kind {kind}, file {name})").format(
                        file=label, row=number, kind=repr(kind), name=repr(row["file"])
                    )
                ]
            )
        rows_text = row.get("rows") or "0"
        entries.append(
            Entry(
                id=row.get("id") or Path(row["file"]).stem,
                file=row["file"],
                kind=kind,
                sha256=row["sha256"],
                original_name=row.get("original_name") or row["file"],
                imported_at=row.get("imported_at") or "",
                rows=int(rows_text) if rows_text.isdigit() else 0,
                replace=row.get("replace", "false").lower() == "true",
                public=row.get("public", "false").lower() == "true",
            )
        )
    return entries


def render(entries: list[Entry]) -> bytes:
    """Manifest bytes listing `entries`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in entries:
        row = asdict(entry)
        row.update(rows=str(entry.rows), replace=str(entry.replace).lower(), public=str(entry.public).lower())
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def read_entries(data_dir: Path = DATA_DIR) -> list[Entry]:
    """The imports applied so far, in order."""
    return parse(read_bytes(data_dir), data_dir)


def remove_command(entry_id: str, data_dir: Path = DATA_DIR) -> str:
    """The command line that removes one import."""
    extra = "" if Path(data_dir).resolve() == DATA_DIR.resolve() else f" --data-dir {shlex.quote(str(data_dir))}"
    return f"ipsdash imports remove {shlex.quote(entry_id)}{extra}"


def merge(current: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """New rows replace stored rows with the same key; other stored rows stay. A programme is public only
    while every import naming it is: a later public file never publishes what an earlier one kept confidential."""
    merged = dict(current)
    for name, frame in new.items():
        key = list(contract.TABLES[name].key)
        old = current.get(name)
        if old is None or old.empty:
            merged[name] = frame.reset_index(drop=True)
            continue
        if "is_public" in frame.columns and "is_public" in old.columns:
            before = frame[key].merge(old[[*key, "is_public"]], on=key, how="left")["is_public"]
            frame = frame.assign(is_public=frame["is_public"].to_numpy() & before.fillna(True).astype(bool).to_numpy())
        kept = old.merge(frame[key], on=key, how="left", indicator=True)
        kept = kept[kept["_merge"] == "left_only"].drop(columns="_merge")
        merged[name] = pd.concat([kept, frame], ignore_index=True)
    return merged


def known_programmes(tables: dict[str, pd.DataFrame] | None) -> set[str]:
    """Programme ids in replayed tables."""
    if not tables or "programmes" not in tables:
        return set()
    return set(tables["programmes"]["programme_id"])


def _fail(entry: Entry, data_dir: Path, problems: list[str]) -> ManifestError:
    label = display(manifest_path(data_dir))
    lines = [
        _("{file}: import {id} ({name}, {imported_at}) cannot be replayed:").format(
            file=label, id=entry.id, name=programmes.show(entry.original_name), imported_at=entry.imported_at
        )
    ]
    lines += problems
    lines.append(
        _("{file}: remove it with: {command}  (then import a corrected file)").format(
            file=label, command=remove_command(entry.id, data_dir)
        )
    )
    return ManifestError(lines, entry)


def replay_entry(
    entry: Entry, data_dir: Path, known: set[str], limits: Limits | None = None
) -> dict[str, pd.DataFrame]:
    """One import's tables, read and validated again; ManifestError names the import and how to remove it."""
    path = imports_dir(data_dir) / entry.file
    label = display(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise _fail(
            entry, data_dir, [_("{file}: cannot be read ({reason})").format(file=label, reason=err.strerror)]
        ) from None
    if hashlib.sha256(raw).hexdigest() != entry.sha256:
        changed = _("{file}: has changed since it was imported (its SHA-256 differs)").format(file=label)
        raise _fail(entry, data_dir, [changed])
    frame, problems = programmes.read_table(raw, entry.file, limits)
    if frame is not None:
        problems = programmes.validate(frame, entry.kind, known)
    if problems:
        shown = [f"{label}: {p}" for p in problems[:20]]
        if problems.total > len(shown):
            shown.append(
                _("{file}: ... and {left_out} more; {total} problems in all").format(
                    file=label, left_out=problems.total - len(shown), total=problems.total
                )
            )
        raise _fail(entry, data_dir, shown)
    try:
        return programmes.to_tables(frame, entry.kind, public=entry.public, import_id=entry.id)
    except Exception as err:  # validation should make this impossible; never a traceback if it does not
        converted = _("{file}: cannot be converted ({reason})").format(file=label, reason=programmes.show(err, 200))
        raise _fail(entry, data_dir, [converted]) from None


def replay(
    data_dir: Path = DATA_DIR, entries: list[Entry] | None = None, limits: Limits | None = None
) -> dict[str, pd.DataFrame] | None:
    """The programme tables from every import listed (the manifest's by default); None when there are none."""
    entries = read_entries(data_dir) if entries is None else entries
    if not entries:
        return None
    limits = limits or current_limits()
    tables: dict[str, pd.DataFrame] = {}
    for entry in entries:
        tables = merge(tables, replay_entry(entry, data_dir, known_programmes(tables), limits))
    return with_every_table(tables)


def with_every_table(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables, with an empty frame for each programme table no import filled."""
    return {name: tables.get(name, table.empty()) for name, table in contract.TABLES.items()}

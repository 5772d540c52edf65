"""Import coordinators' programme files safely: validate everything first, keep the raw file, rebuild.

All-or-nothing: a file with any problem changes nothing. An accepted file is copied into
data/imports/ (named by its SHA-256) and listed in data/imports/manifest.csv, each written
atomically; the store is then rebuilt atomically, replaying every listed import in order. So the
store can always be rebuilt from data/, importing the same file twice adds nothing, and a process
killed at any moment leaves the previous store (and a consistent manifest) behind.
Imported files are confidential: data/imports/ is ignored by git.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ipsdash import programmes
from ipsdash.paths import DATA_DIR, STORE_PATH

MANIFEST_COLUMNS = ["file", "kind", "sha256", "original_name", "imported_at", "rows", "replace"]
TABLES = ("programmes", "programme_quarters", "fidelity_reviews")
TABLE_KEYS = {
    "programmes": ["programme_id"],
    "programme_quarters": ["programme_id", "quarter"],
    "fidelity_reviews": ["programme_id", "review_date", "scale"],
}


class ImportRejected(Exception):
    """The file was not imported; `problems` says why, row by row."""

    def __init__(self, problems: list):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:200])
        more = f"\n... and {len(problems) - 200} more" if len(problems) > 200 else ""
        super().__init__(f"{len(problems)} problem(s); nothing was imported:\n{shown}{more}")


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    added: bool
    rows: int
    message: str


def imports_dir(data_dir: Path) -> Path:
    return data_dir / "imports"


def read_manifest(data_dir: Path) -> list[dict]:
    """The imports applied so far, in order."""
    path = imports_dir(data_dir) / "manifest.csv"
    if not path.exists():
        return []
    return list(csv.DictReader(path.open(encoding="utf-8")))


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _merge(current: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """New rows replace stored rows with the same key; other stored rows stay."""
    merged = dict(current)
    for name, frame in new.items():
        key = TABLE_KEYS[name]
        old = current.get(name)
        if old is None or old.empty:
            merged[name] = frame.reset_index(drop=True)
        else:
            kept = old.merge(frame[key], on=key, how="left", indicator=True)
            kept = kept[kept["_merge"] == "left_only"].drop(columns="_merge")
            merged[name] = pd.concat([kept, frame], ignore_index=True)
    return merged


def replay(data_dir: Path = DATA_DIR) -> dict[str, pd.DataFrame] | None:
    """The programme tables from every import in the manifest; None when nothing was imported."""
    entries = read_manifest(data_dir)
    if not entries:
        return None
    tables: dict[str, pd.DataFrame] = {}
    for entry in entries:
        raw = (imports_dir(data_dir) / entry["file"]).read_bytes()
        frame, _ = programmes.read_table(raw, entry["file"])
        tables = _merge(tables, programmes.to_tables(frame, entry["kind"]))
    for name in TABLES:
        tables.setdefault(name, pd.DataFrame(columns=_EMPTY[name]))
    return tables


_EMPTY = {
    "programmes": ["programme_id", "name", "geo_code", "start_year"],
    "programme_quarters": ["programme_id", "quarter", "clients_served", "clients_employed"],
    "fidelity_reviews": ["programme_id", "review_date", "scale", "total_score"],
}


def _conflicts(frame: pd.DataFrame, kind: str, current: dict[str, pd.DataFrame] | None) -> list:
    """Rows whose key is already stored with different values."""
    if not current:
        return []
    new = programmes.to_tables(frame, kind)
    problems = []
    for name, table in new.items():
        stored = current.get(name)
        if stored is None or stored.empty:
            continue
        key = TABLE_KEYS[name]
        both = table.rename_axis("file_row").reset_index().merge(stored, on=key, how="inner", suffixes=("", "_stored"))
        for column in [c for c in table.columns if c not in key]:
            differs = both[both[column].astype(str) != both[f"{column}_stored"].astype(str)]
            for row in differs.itertuples():
                problems.append(
                    programmes.FileProblem(
                        int(row.file_row),
                        column,
                        f"{getattr(row, column)} conflicts with the stored {getattr(row, column + '_stored')}; "
                        "import with --replace (or tick Replace) to overwrite",
                    )
                )
    return problems[: programmes.MAX_PROBLEMS]


def import_file(
    path: Path,
    kind: str,
    *,
    replace: bool = False,
    data_dir: Path = DATA_DIR,
    store_path: Path = STORE_PATH,
    progress: Callable[[float, str], None] = lambda fraction, step: None,
    original_name: str | None = None,
) -> ImportResult:
    """Validate and import one outcomes or fidelity file; raise ImportRejected with every problem."""
    from ipsdash.build import build_store  # build imports this module

    if kind not in programmes.COLUMNS:
        raise ImportRejected([programmes.FileProblem(0, "", f"unknown kind '{kind}' (outcomes or fidelity)")])
    progress(0.05, "reading")
    raw = Path(path).read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    if any(e["sha256"] == sha and e["kind"] == kind for e in read_manifest(data_dir)):
        return ImportResult(False, 0, "This file was imported before; nothing was added.")
    name = original_name or Path(path).name
    frame, problems = programmes.read_table(raw, name)
    if problems:
        raise ImportRejected(problems)
    progress(0.25, "checking every row")
    current = replay(data_dir)
    known = set(current["programmes"]["programme_id"]) if current else set()
    if kind == "outcomes":
        known |= set(frame.get("programme_id", []))
    problems = programmes.validate(frame, kind, known)
    if not problems and not replace:
        progress(0.45, "comparing with stored data")
        problems = _conflicts(frame, kind, current)
    if problems:
        raise ImportRejected(problems)
    progress(0.6, "keeping the raw file")
    suffix = ".xlsx" if name.lower().endswith((".xlsx", ".xlsm")) else ".csv"
    stored_name = f"{kind}-{sha[:16]}{suffix}"
    _write_atomically(imports_dir(data_dir) / stored_name, raw)
    entries = [
        *read_manifest(data_dir),
        {
            "file": stored_name,
            "kind": kind,
            "sha256": sha,
            "original_name": name,
            "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "rows": str(len(frame)),
            "replace": str(replace).lower(),
        },
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(entries)
    _write_atomically(imports_dir(data_dir) / "manifest.csv", buffer.getvalue().encode("utf-8"))
    progress(0.75, "rebuilding the store")
    build_store(data_dir, store_path)
    progress(1.0, "done")
    return ImportResult(True, len(frame), f"Imported {len(frame):,} rows from {name}.")

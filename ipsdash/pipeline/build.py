"""Build the DuckDB store from data/: checked, idempotent and atomic, under the one write lock.

A build reads data/*.csv (checked against the data dictionary) and replays every import listed in
data/imports/manifest.csv into a candidate store (a temporary file beside the store), checks the
candidate by opening it read-only and reading every row back, then swaps it in with os.replace.
The store records what it was built from (`raw.build_info`: a digest of every input file, the
manifest's digest included, and the store format), so a store that no longer matches data/ is
detected as stale whatever the file times say, and a half-finished import is repaired by the next
build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from ipsdash.config import DATA_DIR, SCHEMA_PATH, STORE_PATH
from ipsdash.i18n import _
from ipsdash.intake import contract, programmes
from ipsdash.intake.validate import load_schema, read_data
from ipsdash.pipeline import atomic, manifest

STORE_FORMAT = 5  # raise whenever the store's tables or views change, so older stores are rebuilt
RAW_FILE = r"(outcomes|fidelity)-[0-9a-f]{16}\.(csv|xlsx)"

# The public contract: view names and their leading columns are relied on by downloads and tests.
VIEWS_SQL = r"""
CREATE VIEW imports AS
SELECT import_id, kind, original_name, imported_at, "rows", is_public FROM raw.imports;

-- Each import is a source too, so a view drawing imported rows cites the imports behind them. A
-- confidential import is named by its id: its original file name may name a programme.
CREATE VIEW sources AS
SELECT s.source_id, s.citation, s.year, s.url, s.kind, s.short, s.status,
       coalesce(o.n, 0) + coalesce(m.n, 0) + coalesce(p.n, 0) AS n_values, s.licence, s.accessed
FROM raw.sources s
LEFT JOIN (SELECT source_id, count(*) AS n FROM raw.observations GROUP BY ALL) o USING (source_id)
LEFT JOIN (SELECT source_id, count(*) AS n FROM raw.milestones GROUP BY ALL) m USING (source_id)
LEFT JOIN (SELECT source_id, count(*) AS n FROM raw.population GROUP BY ALL) p USING (source_id)
UNION ALL
SELECT 'import:' || import_id AS source_id,
       'Imported ' || kind || ' file ' || CASE WHEN is_public THEN original_name ELSE import_id END
           || ', imported ' || left(imported_at, 10) || ' (' || "rows" || ' rows)' AS citation,
       CAST(left(imported_at, 4) AS INTEGER) AS year, '' AS url, 'imported_file' AS kind,
       CASE WHEN is_public THEN original_name ELSE 'Import ' || import_id END
           || ' (' || left(imported_at, 10) || ', ' || "rows" || ' rows)' AS short,
       'imported' AS status, "rows" AS n_values, '' AS licence, left(imported_at, 10) AS accessed
FROM raw.imports;

CREATE VIEW geographies AS SELECT * FROM raw.geographies;

CREATE VIEW metrics AS SELECT * FROM raw.metrics;

CREATE VIEW observations AS
SELECT o.geo_code, g.name AS geo_name, o.metric, o.year, o.value, o.unit, o.qualifier,
       o.source_id, o.locator, o.note,
       o.obs_id, g.level, m.label AS metric_label, o.period, o.series, o.subject,
       s.short AS source_short, s.citation
FROM raw.observations o
JOIN raw.geographies g USING (geo_code)
JOIN raw.metrics m USING (metric)
JOIN raw.sources s USING (source_id);

CREATE VIEW milestones AS
SELECT e.geo_code, e.event, e.year, e.qualifier, e.source_id, e.locator, e.note,
       g.name AS geo_name, e.period, s.short AS source_short, s.citation
FROM raw.milestones e
JOIN raw.geographies g USING (geo_code)
JOIN raw.sources s USING (source_id);

CREATE VIEW trials AS
SELECT subject, geo_code, any_value(geo_name) AS geo_name, year,
       any_value(period) AS follow_up,
       any_value(series) FILTER (WHERE metric = 'trial_ips_employment_pct') AS outcome,
       max(value) FILTER (WHERE metric = 'trial_ips_employment_pct') AS ips_pct,
       max(value) FILTER (WHERE metric = 'trial_control_employment_pct') AS control_pct,
       max(value) FILTER (WHERE metric = 'trial_participants') AS participants,
       string_agg(DISTINCT source_id, '; ') AS source_id,
       string_agg(DISTINCT citation, ' | ') AS citation,
       string_agg(DISTINCT locator, '; ') AS locator,
       -- who was studied: the participants' series says "(serious mental illness)" or "(other population)"
       regexp_extract(any_value(series) FILTER (WHERE metric = 'trial_participants'), '\(([^)]*)\)$', 1)
           AS population,
       any_value(note) FILTER (WHERE metric = 'trial_participants') AS participants_note
FROM observations
WHERE metric IN ('trial_ips_employment_pct', 'trial_control_employment_pct', 'trial_participants')
  AND subject <> ''
GROUP BY subject, geo_code, year;

-- Yearly populations from the public tables, and, for areas they do not cover (regions), the populations
-- the documents state; each with its source, for per-million figures of the same place and year.
CREATE VIEW population AS
SELECT p.geo_code, p.year, p.value AS population, p.source_id, s.short AS source_short, p.locator
FROM raw.population p JOIN raw.sources s USING (source_id)
UNION ALL BY NAME
SELECT o.geo_code, o.year, o.value AS population, o.source_id, s.short AS source_short, o.locator
FROM raw.observations o JOIN raw.sources s USING (source_id)
WHERE o.metric = 'population' AND o.year IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM raw.population p WHERE p.geo_code = o.geo_code AND p.year = o.year);

CREATE VIEW programmes AS
SELECT p.programme_id, p.name, p.geo_code, p.start_year, p.is_synthetic, coalesce(g.name, p.geo_code) AS geo_name,
       p.import_id, p.is_public
FROM raw.programmes p LEFT JOIN raw.geographies g USING (geo_code);

CREATE VIEW programme_quarters AS
SELECT *, CASE WHEN clients_served > 0 THEN clients_employed * 100.0 / clients_served END AS employment_rate_pct
FROM raw.programme_quarters;

CREATE VIEW fidelity_reviews AS SELECT * FROM raw.fidelity_reviews;

CREATE VIEW fidelity_bands AS
SELECT b.*, coalesce(s.short, '') AS source_short FROM raw.fidelity_bands b LEFT JOIN raw.sources s USING (source_id);
"""

# Programme-level tables have fixed types whatever the data (an import may be empty, or absent): contract.TABLES.
PROGRAMME_DDL = (
    ";\n".join(table.ddl() for table in contract.TABLES.values())
    + """;
CREATE TABLE raw.imports (import_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, original_name VARCHAR NOT NULL,
                          imported_at VARCHAR NOT NULL, "rows" INTEGER NOT NULL, is_public BOOLEAN NOT NULL);
CREATE TABLE raw.build_info (format INTEGER NOT NULL, inputs_sha256 VARCHAR NOT NULL,
                             manifest_sha256 VARCHAR NOT NULL, built_at VARCHAR NOT NULL, counts VARCHAR NOT NULL);
"""
)


@dataclass(frozen=True)
class BuildReport:
    """What a build produced."""

    store_path: Path
    seconds: float
    counts: dict[str, int]


@dataclass(frozen=True)
class BuildInfo:
    """What a store says it was built from."""

    format: int
    inputs_sha256: str
    manifest_sha256: str
    built_at: str
    counts: dict[str, int]


class StoreUnreadable(Exception):
    """A store file that cannot be opened or read back whole (missing, truncated, corrupt, too old)."""


def input_files(data_dir: Path, schema_path: Path = SCHEMA_PATH) -> list[Path]:
    """The files a store is built from, besides the manifest and the raw files it names (whose digests it holds)."""
    files = sorted({*Path(data_dir).glob("*.csv"), *Path(data_dir).glob("*.yml"), Path(schema_path)})
    return [f for f in files if f.is_file()]


def inputs_digest(data_dir: Path, schema_path: Path = SCHEMA_PATH, manifest_raw: bytes | None = None) -> str:
    """SHA-256 over every input file's name and bytes and the manifest's bytes: changes whenever the store must."""
    digest = hashlib.sha256(f"store-format-{STORE_FORMAT}".encode())
    for path in input_files(data_dir, schema_path):
        data = path.read_bytes()
        digest.update(f"\0{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    raw = manifest.read_bytes(data_dir) if manifest_raw is None else manifest_raw
    digest.update(b"\0manifest\0" + raw)
    return digest.hexdigest()


def _add_observation_ids(obs: pd.DataFrame) -> pd.DataFrame:
    """A stable id per value, from its key, so links to a value survive re-ordering the CSV."""
    key = ["geo_code", "metric", "year", "period", "series", "subject", "source_id"]
    joined = obs[key].astype("string").fillna("").agg("|".join, axis=1)
    ids = joined.map(lambda s: "obs-" + hashlib.sha1(s.encode()).hexdigest()[:10])
    return obs.assign(obs_id=ids)


def programme_tables(data_dir: Path, replayed: dict[str, pd.DataFrame] | None) -> dict[str, pd.DataFrame]:
    """Imported programme data if any was imported, else the labelled demonstration set (synthetic, so public)."""
    if replayed is not None:
        return {name: frame.assign(is_synthetic=False) for name, frame in replayed.items()}
    demo = Path(data_dir) / "demo.yml"
    tables = programmes.demo_tables(demo) if demo.exists() else {}
    if "programmes" in tables:
        tables["programmes"] = tables["programmes"].assign(is_public=True)
    return {name: frame.assign(is_synthetic=True) for name, frame in tables.items()}


def imports_table(entries: list[manifest.Entry]) -> pd.DataFrame:
    """One row per import listed in the manifest: what `sources` cites for imported rows."""
    return pd.DataFrame(
        [(e.id, e.kind, e.original_name, e.imported_at, e.rows, e.public) for e in entries],
        columns=["import_id", "kind", "original_name", "imported_at", "rows", "is_public"],
    )


def _write_store(
    frames: dict[str, pd.DataFrame], programme_frames: dict[str, pd.DataFrame], path: Path, info: BuildInfo
) -> None:
    frames = dict(frames, observations=_add_observation_ids(frames["observations"]))
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE SCHEMA raw")
        con.execute(PROGRAMME_DDL)
        for name, frame in programme_frames.items():  # the programme tables, and imports
            con.register("frame", frame)
            con.execute(f'INSERT INTO raw."{name}" BY NAME SELECT * FROM frame')  # name from a fixed list
            con.unregister("frame")
        for name, frame in frames.items():
            con.register("frame", frame)
            con.execute(f'CREATE TABLE raw."{name}" AS SELECT * FROM frame')  # name from a fixed list
            con.unregister("frame")
        con.execute(VIEWS_SQL)
        con.execute(
            "INSERT INTO raw.build_info VALUES (?, ?, ?, ?, ?)",
            [info.format, info.inputs_sha256, info.manifest_sha256, info.built_at, json.dumps(info.counts)],
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def read_build_info(path: Path) -> BuildInfo:
    """Open a store read-only, read every row of every table back, and return what it was built from.

    Raises StoreUnreadable for a missing, truncated, corrupt or older-format store."""
    if not Path(path).is_file():
        raise StoreUnreadable(_("there is no store file"))
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            tables = {
                t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'raw'").fetchall()
            }
            if "build_info" not in tables:
                raise StoreUnreadable(_("the store was built by an older version of ipsdash"))
            row = con.execute(
                "SELECT format, inputs_sha256, manifest_sha256, built_at, counts FROM raw.build_info"
            ).fetchone()
            if row is None or row[0] != STORE_FORMAT:
                raise StoreUnreadable(_("the store was built by another version of ipsdash"))
            info = BuildInfo(row[0], row[1], row[2], row[3], json.loads(row[4]))
            for name, expected in info.counts.items():
                # Reading every column of every row makes DuckDB verify each block's checksum.
                (count, _checksum) = con.execute(f'SELECT count(*), max(hash(t)) FROM raw."{name}" t').fetchone()
                if count != expected:
                    raise StoreUnreadable(
                        _("raw.{table} holds {count} rows, not the {expected} it was built with").format(
                            table=name, count=count, expected=expected
                        )
                    )
            return info
    except StoreUnreadable:
        raise
    except (duckdb.Error, OSError, ValueError, TypeError) as err:
        reason = str(err).splitlines()[0][:200]
        raise StoreUnreadable(_("the store cannot be read ({reason})").format(reason=reason)) from None


@dataclass(frozen=True)
class Candidate:
    """A store written to a temporary file and checked, not yet published."""

    path: Path
    info: BuildInfo


def write_candidate(
    data_dir: Path,
    store_path: Path,
    schema_path: Path = SCHEMA_PATH,
    manifest_raw: bytes | None = None,
    replayed: dict[str, pd.DataFrame] | None = None,
) -> Candidate:
    """Build and check a store from data/ beside `store_path`, not yet in its place. Caller holds the lock.

    `manifest_raw` is the manifest the store will be built from (the one on disk by default);
    `replayed` its programme tables when the caller has them already (None: replay the manifest here).
    Raises DataError, ManifestError, StoreUnreadable or OSError; leaves no temporary file behind."""
    data_dir, store_path = Path(data_dir), Path(store_path)
    manifest_raw = manifest.read_bytes(data_dir) if manifest_raw is None else manifest_raw
    digest = inputs_digest(data_dir, schema_path, manifest_raw)  # before reading, so a concurrent edit reads as stale
    frames = read_data(data_dir, load_schema(Path(schema_path)))
    entries = manifest.parse(manifest_raw, data_dir)
    if replayed is None:
        replayed = manifest.replay(data_dir, entries)
    programme_frames = {**programme_tables(data_dir, replayed), "imports": imports_table(entries)}
    counts = {name: len(frame) for name, frame in {**programme_frames, **frames}.items()}
    info = BuildInfo(STORE_FORMAT, digest, manifest.digest(manifest_raw), dt.datetime.now(dt.UTC).isoformat(), counts)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = atomic.temporary_sibling(store_path)
    try:
        _write_store(frames, programme_frames, tmp, info)
        atomic.reach("candidate-built")
        if read_build_info(tmp) != info:
            raise StoreUnreadable(_("the new store does not read back as written"))
        atomic.reach("candidate-checked")
    except BaseException:
        discard(tmp)
        raise
    return Candidate(tmp, info)


def discard(tmp: Path) -> None:
    """Remove a temporary store and its write-ahead log."""
    tmp.unlink(missing_ok=True)
    Path(f"{tmp}.wal").unlink(missing_ok=True)


def remove_orphans(data_dir: Path, store_path: Path) -> list[Path]:
    """Temporary files of killed builds and imports. Caller holds the lock, so no live writer owns them."""
    return atomic.remove_orphans(
        (Path(store_path).parent, f"{Path(store_path).name}{atomic.TMP_MARK}*"),
        (manifest.imports_dir(data_dir), f"*{atomic.TMP_MARK}*"),
    )


def remove_unlisted_raw_files(data_dir: Path, entries: list[manifest.Entry]) -> None:
    """Raw files no manifest entry names (left by an import killed before it was listed, or by a removal)."""
    listed = {e.file for e in entries}
    folder = manifest.imports_dir(data_dir)
    if folder.is_dir():
        for path in folder.iterdir():
            if re.fullmatch(RAW_FILE, path.name) and path.name not in listed:
                path.unlink(missing_ok=True)


def build_locked(data_dir: Path, store_path: Path, schema_path: Path = SCHEMA_PATH) -> BuildReport:
    """build_store's work, for a caller that already holds the write lock."""
    started = time.perf_counter()
    data_dir, store_path = Path(data_dir), Path(store_path)
    probe = atomic.temporary_sibling(store_path)
    probe.touch(exist_ok=False)  # a read-only folder fails here, before the work of a build
    probe.unlink()
    remove_orphans(data_dir, store_path)
    manifest_raw = manifest.read_bytes(data_dir)
    candidate = write_candidate(data_dir, store_path, schema_path, manifest_raw)
    try:
        os.replace(candidate.path, store_path)  # atomic on POSIX: readers see the old or the new store, never half
    except BaseException:
        discard(candidate.path)
        raise
    atomic.sync_folder(store_path.parent)
    remove_unlisted_raw_files(data_dir, manifest.parse(manifest_raw, data_dir))
    return BuildReport(store_path, time.perf_counter() - started, candidate.info.counts)


def build_store(
    data_dir: Path = DATA_DIR, store_path: Path = STORE_PATH, schema_path: Path = SCHEMA_PATH, timeout: float = 300.0
) -> BuildReport:
    """Check data/, replay every import and write the store, under the write lock; the previous store is
    replaced only if everything succeeds. Raises DataError or ManifestError listing what is wrong."""
    with atomic.write_lock(Path(data_dir), timeout):
        return build_locked(data_dir, store_path, schema_path)

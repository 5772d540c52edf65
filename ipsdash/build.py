"""Build the DuckDB store from data/: checked, idempotent and atomic."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from ipsdash import importer, programmes
from ipsdash.paths import DATA_DIR, SCHEMA_PATH, STORE_PATH
from ipsdash.validate import load_schema, read_data

# The public contract: view names and their leading columns are relied on by downloads and tests.
VIEWS_SQL = """
CREATE VIEW sources AS
SELECT s.source_id, s.citation, s.year, s.url, s.kind, s.short, s.status,
       coalesce(o.n, 0) + coalesce(m.n, 0) + coalesce(p.n, 0) AS n_values
FROM raw.sources s
LEFT JOIN (SELECT source_id, count(*) AS n FROM raw.observations GROUP BY ALL) o USING (source_id)
LEFT JOIN (SELECT source_id, count(*) AS n FROM raw.milestones GROUP BY ALL) m USING (source_id)
LEFT JOIN (SELECT source_id, count(*) AS n FROM raw.population GROUP BY ALL) p USING (source_id);

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
       string_agg(DISTINCT locator, '; ') AS locator
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
SELECT p.programme_id, p.name, p.geo_code, p.start_year, p.is_synthetic, coalesce(g.name, p.geo_code) AS geo_name
FROM raw.programmes p LEFT JOIN raw.geographies g USING (geo_code);

CREATE VIEW programme_quarters AS
SELECT *, CASE WHEN clients_served > 0 THEN clients_employed * 100.0 / clients_served END AS employment_rate_pct
FROM raw.programme_quarters;

CREATE VIEW fidelity_reviews AS SELECT * FROM raw.fidelity_reviews;

CREATE VIEW fidelity_bands AS
SELECT b.*, coalesce(s.short, '') AS source_short FROM raw.fidelity_bands b LEFT JOIN raw.sources s USING (source_id);
"""

# Programme-level tables have fixed types whatever the data (an import may be empty, or absent).
PROGRAMME_DDL = """
CREATE TABLE raw.programmes (programme_id VARCHAR PRIMARY KEY, name VARCHAR, geo_code VARCHAR,
                             start_year INTEGER, is_synthetic BOOLEAN NOT NULL);
CREATE TABLE raw.programme_quarters (programme_id VARCHAR, quarter VARCHAR, clients_served INTEGER,
                                     clients_employed INTEGER, is_synthetic BOOLEAN NOT NULL,
                                     PRIMARY KEY (programme_id, quarter));
CREATE TABLE raw.fidelity_reviews (programme_id VARCHAR, review_date DATE, scale VARCHAR, total_score DOUBLE,
                                   is_synthetic BOOLEAN NOT NULL, PRIMARY KEY (programme_id, review_date, scale));
"""


@dataclass(frozen=True)
class BuildReport:
    """What a build produced."""

    store_path: Path
    seconds: float
    counts: dict[str, int]


def _add_observation_ids(obs: pd.DataFrame) -> pd.DataFrame:
    """A stable id per value, from its key, so links to a value survive re-ordering the CSV."""
    key = ["geo_code", "metric", "year", "period", "series", "subject", "source_id"]
    joined = obs[key].astype("string").fillna("").agg("|".join, axis=1)
    ids = joined.map(lambda s: "obs-" + hashlib.sha1(s.encode()).hexdigest()[:10])
    return obs.assign(obs_id=ids)


def _programme_tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Imported programme data if any was imported, else the labelled demonstration set."""
    real = importer.replay(data_dir)
    demo = data_dir / "demo.yml"
    tables = real if real is not None else (programmes.demo_tables(demo) if demo.exists() else {})
    return {name: frame.assign(is_synthetic=real is None) for name, frame in tables.items()}


def _write_store(frames: dict[str, pd.DataFrame], programme_frames: dict[str, pd.DataFrame], path: Path) -> dict:
    frames = dict(frames, observations=_add_observation_ids(frames["observations"]))
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE SCHEMA raw")
        con.execute(PROGRAMME_DDL)
        for name, frame in programme_frames.items():
            con.register("frame", frame)
            con.execute(f'INSERT INTO raw."{name}" BY NAME SELECT * FROM frame')  # name from a fixed list
            con.unregister("frame")
        for name, frame in frames.items():
            con.register("frame", frame)
            con.execute(f'CREATE TABLE raw."{name}" AS SELECT * FROM frame')  # name from a fixed list
            con.unregister("frame")
        con.execute(VIEWS_SQL)
        con.execute("CHECKPOINT")
        return {name: len(frame) for name, frame in {**frames, **programme_frames}.items()}
    finally:
        con.close()


def build_store(
    data_dir: Path = DATA_DIR, store_path: Path = STORE_PATH, schema_path: Path = SCHEMA_PATH
) -> BuildReport:
    """Check data/ and write the store; the previous store is replaced only if everything succeeds."""
    started = time.perf_counter()
    frames = read_data(Path(data_dir), load_schema(Path(schema_path)))
    programme_frames = _programme_tables(Path(data_dir))
    store_path = Path(store_path)
    store_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=store_path.name + ".tmp", dir=store_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB must create the file itself
    try:
        counts = _write_store(frames, programme_frames, tmp)
        os.replace(tmp, store_path)  # atomic on POSIX: readers see the old or the new store, never half
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return BuildReport(store_path, time.perf_counter() - started, counts)

"""Read the tidy CSVs in data/ and check them against the data dictionary.

Every problem is collected (not just the first) and reported as `file:row: column: what is wrong`,
so a curator can fix a whole file in one pass.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pycountry
import yaml

from ipsdash.domain.vocabulary import FIDELITY_SCALES
from ipsdash.errors import UserError
from ipsdash.i18n import _

MIN_YEAR = 1980
TARGET_HORIZON_YEARS = 30
USER_ASSIGNED_CODE = re.compile(r"^X[A-Z]{2}$")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")  # ASCII digits only

# Value ranges by unit; any unit not listed must be >= 0.
UNIT_RANGES = {
    "percent": (0.0, 100.0),
    "correlation_r": (-1.0, 1.0),
    **{s.unit: (float(s.low), float(s.high)) for s in FIDELITY_SCALES.values() if s.unit},
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (row 0 means the whole file)."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class DataError(UserError):
    """Raised when data/ has problems; carries every one of them (each naming its file, row and column)."""

    scope = "data/"

    def __init__(self, problems: list[Problem]):
        super().__init__(_("the previous store was left as it was."), problems)


# Per-file rules that the data dictionary's prose cannot carry.
RULES: dict[str, dict] = {
    "sources.csv": {
        "required": ["source_id", "short", "citation", "kind", "status"],
        "int": ["year"],
        "date": ["accessed"],
        "vocab": {"status": "source_status"},
    },
    "geographies.csv": {
        "required": ["geo_code", "name", "level", "region", "ips_status"],
        "vocab": {"level": "level", "ips_status": "ips_status", "lc_status": "lc_status"},
    },
    "metrics.csv": {"required": ["metric", "label", "group"]},
    "observations.csv": {
        "required": ["geo_code", "metric", "value", "unit", "qualifier", "source_id", "locator", "note"],
        "int": ["year"],
        "float": ["value"],
        "vocab": {"unit": "unit", "qualifier": "qualifier"},
        "refs": {"geo_code": "geographies.csv", "metric": "metrics.csv", "source_id": "sources.csv"},
    },
    "milestones.csv": {
        "required": ["geo_code", "event", "year", "qualifier", "source_id", "locator"],
        "int": ["year"],
        "vocab": {"event": "event", "qualifier": "qualifier"},
        "refs": {"geo_code": "geographies.csv", "source_id": "sources.csv"},
    },
    "population.csv": {
        "required": ["geo_code", "year", "value", "source_id", "locator"],
        "int": ["year"],
        "float": ["value"],
        "refs": {"geo_code": "geographies.csv", "source_id": "sources.csv"},
    },
    "fidelity_bands.csv": {
        "required": ["scale", "band", "lower", "upper", "note"],
        "int": [],
        "float": ["lower", "upper"],
        "refs": {"source_id": "sources.csv"},
    },
}
LOAD_ORDER = [
    "sources.csv",
    "geographies.csv",
    "metrics.csv",
    "observations.csv",
    "milestones.csv",
    "population.csv",
    "fidelity_bands.csv",
]


def load_schema(schema_path: Path) -> dict:
    """Parse the data dictionary (data/schema.yml)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser, where PyYAML was built with it
    return yaml.load(schema_path.read_text(encoding="utf-8"), Loader=loader)


def is_valid_geo_code(code: str, level: str | None = None) -> bool:
    """True for WLD, an ISO 3166-1 alpha-3 or ISO 3166-2 code, or a user-assigned group code."""
    if code == "WLD":
        return True
    if USER_ASSIGNED_CODE.match(code):
        return level in (None, "group")
    if re.fullmatch(r"[A-Z]{3}", code):
        return pycountry.countries.get(alpha_3=code) is not None
    if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code):
        return pycountry.subdivisions.get(code=code) is not None
    return False


def _read_rows(path: Path, label: str, expected: list[str]) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Read a CSV strictly as UTF-8 (a BOM is tolerated); return (line number, row) pairs."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = _("not valid UTF-8 (byte {byte}); save the file as UTF-8").format(byte=exc.start)
        return [], [Problem(label, line, "", message)]
    if "\x00" in text:
        return [], [Problem(label, 0, "", _("contains NUL bytes; not a text CSV"))]
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = reader.fieldnames or []
    problems = [Problem(label, 1, c, _("missing column")) for c in expected if c not in header]
    problems += [Problem(label, 1, c, _("column not in data/schema.yml")) for c in header if c not in expected]
    if problems:
        return [], problems
    rows: list[tuple[int, dict]] = []
    try:
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                message = _("expected {count} fields").format(count=len(expected))
                problems.append(Problem(label, reader.line_num, "", message))
                continue
            if not any(v.strip() for v in row.values()):
                continue  # a stray blank line
            rows.append((reader.line_num, {k: v.strip() for k, v in row.items()}))
    except csv.Error as exc:
        problems.append(Problem(label, reader.line_num, "", _("malformed CSV: {error}").format(error=exc)))
    return rows, problems


def _is_past_date(text: str) -> bool:
    try:
        return (
            re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) is not None
            and dt.date.fromisoformat(text) <= dt.date.today()
        )
    except ValueError:
        return False


def _year_problem(text: str, row: dict, this_year: int) -> str | None:
    """What is wrong with a year cell, or None."""
    if not re.fullmatch(r"[0-9]{4}", text):
        return _("'{value}' is not a four-digit year").format(value=text)
    year = int(text)
    latest = this_year + (TARGET_HORIZON_YEARS if row.get("qualifier") == "target" else 0)
    if not MIN_YEAR <= year <= latest:
        return _("impossible year {year} (expected {first}-{last})").format(year=year, first=MIN_YEAR, last=latest)
    return None


def _number_problem(text: str, row: dict) -> str | None:
    """What is wrong with a number cell (checked against its row's unit when it has one), or None."""
    if not PLAIN_NUMBER.fullmatch(text):
        # float() would also take inf, nan, 1_000 and non-ASCII digits; none of them belongs here.
        if text.lower().lstrip("+-") not in ("inf", "infinity", "nan"):
            return _("'{value}' is not a number").format(value=text)
        return _("'{value}' is not a finite number").format(value=text)
    value = float(text)
    if not math.isfinite(value):  # 1e999
        return _("'{value}' is not a finite number").format(value=text)
    if "unit" in row:
        low, high = UNIT_RANGES.get(row["unit"], (0.0, float("inf")))
        if not low <= value <= high:
            return _("{value} is outside {low}-{high} for unit {unit}").format(
                value=f"{value:g}", low=f"{low:g}", high=f"{high:g}", unit=row["unit"]
            )
    return None


def _check_rows(label, rows, rules, schema, known, key) -> list[Problem]:
    vocab = schema["vocabularies"]
    this_year = dt.date.today().year
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    for line, row in rows:

        def bad(column: str, message: str, line: int = line) -> None:
            problems.append(Problem(label, line, column, message))

        for col in rules.get("required", []):
            if not row[col]:
                bad(col, _("is empty"))
        for col in rules.get("date", []):
            if row[col] and not _is_past_date(row[col]):
                bad(col, _("'{value}' is not a date like 2024-05-31 (and not in the future)").format(value=row[col]))
        for col in rules.get("int", []):
            if row[col] and (message := _year_problem(row[col], row, this_year)):
                bad(col, message)
        for col in rules.get("float", []):
            if row[col] and (message := _number_problem(row[col], row)):
                bad(col, message)
        for col, vocab_name in rules.get("vocab", {}).items():
            if row[col] and row[col] not in vocab[vocab_name]:
                bad(
                    col,
                    _("unknown {vocabulary} '{value}' (see data/schema.yml vocabularies.{vocabulary})").format(
                        vocabulary=vocab_name, value=row[col]
                    ),
                )
        for col, target in rules.get("refs", {}).items():
            if row[col] and row[col] not in known[target]:
                bad(
                    col,
                    _("unknown {column} '{value}' (not in data/{file})").format(
                        column=col, value=row[col], file=target
                    ),
                )
        if "level" in row and not is_valid_geo_code(row["geo_code"], row["level"]):
            bad(
                "geo_code",
                _("invalid geography code '{value}' (ISO 3166-1 alpha-3, ISO 3166-2, WLD, X??)").format(
                    value=row["geo_code"]
                ),
            )
        key_value = tuple(row[k] for k in key)
        if key_value in seen:
            bad(
                ",".join(key),
                _("duplicate key {key} (first at row {row})").format(key=key_value, row=seen[key_value]),
            )
        else:
            seen[key_value] = line
    if rows and "parent_code" in rows[0][1]:
        codes = {r["geo_code"] for _, r in rows}
        for line, row in rows:
            if row["parent_code"] and row["parent_code"] not in codes:
                message = _("unknown parent_code '{value}'").format(value=row["parent_code"])
                problems.append(Problem(label, line, "parent_code", message))
    return problems


def _to_frame(rows: list[tuple[int, dict]], rules: dict, columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame([r for _, r in rows], columns=columns)
    for col in rules.get("int", []):
        frame[col] = pd.to_numeric(frame[col].replace("", None)).astype("Int64")
    for col in rules.get("float", []):
        frame[col] = pd.to_numeric(frame[col]).astype("float64")
    return frame


def _display(path: Path) -> str:
    """A path as people should see it in messages: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_data(data_dir: Path, schema: dict) -> dict[str, pd.DataFrame]:
    """Read and check every CSV in data/; raise DataError listing every problem found."""
    problems: list[Problem] = []
    known: dict[str, set[str]] = {}
    parsed: dict[str, list[tuple[int, dict]]] = {}
    for name in LOAD_ORDER:
        spec = schema["files"][name]
        path = data_dir / name
        if not path.exists():
            problems.append(Problem(_display(path), 0, "", _("file is missing")))
            known[name] = set()
            continue
        label = _display(path)
        rows, read_problems = _read_rows(path, label, list(spec["columns"]))
        problems += read_problems
        problems += _check_rows(label, rows, RULES[name], schema, known, spec["key"])
        known[name] = {r[spec["key"][0]] for _, r in rows}
        parsed[name] = rows
    if problems:
        raise DataError(problems)
    return {
        name.removesuffix(".csv"): _to_frame(rows, RULES[name], list(schema["files"][name]["columns"]))
        for name, rows in parsed.items()
    }

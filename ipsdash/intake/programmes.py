"""Programme-level data: read and validate coordinators' files, and generate the labelled demonstration set.

Two kinds of file, CSV or XLSX, one row per programme-quarter or per fidelity review, with the columns
`contract.FILES` defines (outcomes: programme_id, programme_name, geo_code, start_year, quarter,
clients_served, clients_employed; fidelity: programme_id, review_date, scale, total_score).
Validation is the build's contract: `to_tables` converts with the same parsers `validate` checks
with, so a file that validates always builds. What spreadsheets really write is normalised once,
here, at the edge: surrounding spaces; whole numbers written as `40.0`; XLSX number and date cells
(a date cell becomes YYYY-MM-DD). An empty cell is empty in CSV and XLSX alike, and a literal `NA`
is text in both (so `NA` is refused where a number is due, and is a valid programme name).
Every problem is reported as `row N, column C: what is wrong`, where row N is the spreadsheet row
(the header is row 1). Reading is bounded by `limits.Limits` (bytes, rows, columns), checked before
a file is loaded into memory.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ipsdash.domain.vocabulary import FIDELITY_SCALES
from ipsdash.i18n import _
from ipsdash.i18n.formats import number
from ipsdash.intake.contract import FILES
from ipsdash.intake.limits import Limits, current_limits
from ipsdash.intake.validate import is_valid_geo_code

SCALES = {key: (scale.low, scale.high) for key, scale in FIDELITY_SCALES.items()}
MAX_PROBLEMS = 500  # problems kept for display; the count of all of them is always exact
FIRST_YEAR = 1985  # before IPS existed: an earlier year or date is a typo
MAX_COUNT = 1_000_000  # clients of one programme in one quarter; far inside the store's INTEGER type
MAX_NAME_CHARS = 200
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CHUNK_ROWS = 100_000  # rows turned into a DataFrame at a time, so a big file never sits in memory as lists

# Characters that a name must not hide: C0/C1 controls (NUL, newline, escape ...) and the Unicode
# bidirectional overrides that can make text display differently from what it is.
CONTROL = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_CONTROL_RE = re.compile(CONTROL)
WHOLE = r"-?[0-9]+(?:\.0+)?"  # 40, or 40.0 as Excel and pandas write whole numbers; never 1e2
DECIMAL = r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?"  # 104 or 104.5; never 1e2, inf or nan
MAX_DIGITS = 15  # a float64 holds every whole number of up to 15 digits exactly
PROGRAMME_ID = r"[A-Za-z0-9_.\-]{1,40}"  # what a programme id may be (files in, and the access file)


def show(value: object, width: int = 60) -> str:
    """A cell as it is safe to print in a message: control characters escaped, long text cut."""
    text = _CONTROL_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(value))
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class FileProblem:
    """One problem in an imported file."""

    row: int  # spreadsheet row (header = 1); 0 for the whole file
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row and not self.column:
            return self.message  # about the whole file
        if self.row and self.column:
            return _("row {row}, column {column}: {message}").format(
                row=self.row, column=self.column, message=self.message
            )
        if self.row:
            return _("row {row}: {message}").format(row=self.row, message=self.message)
        return _("column {column}: {message}").format(column=self.column, message=self.message)


class ProblemList(list):
    """Problems kept for display (at most `cap`), with `total` counting every problem found."""

    def __init__(self, problems: Iterable[FileProblem] = (), total: int | None = None, cap: int = MAX_PROBLEMS):
        kept = list(problems)
        super().__init__(kept[:cap])
        self.total = len(kept) if total is None else total


# --- reading: bytes -> a DataFrame of text cells, indexed by spreadsheet row ---------------------


class _Refused(Exception):
    """Reading stopped: the file is unreadable or over a limit."""

    def __init__(self, *problems: FileProblem, total: int | None = None):
        self.problems = list(problems)
        self.total = total


def read_table(raw: bytes, filename: str, limits: Limits | None = None) -> tuple[pd.DataFrame | None, ProblemList]:
    """Read CSV (UTF-8, BOM allowed) or XLSX (first sheet) bytes into text cells, normalised once.

    Blank rows are dropped (the others keep their spreadsheet row numbers as the index). Returns
    (None, problems) when the file cannot be read or breaks a limit; the limits are checked as the
    file is read, so an oversized file is refused without being loaded whole."""
    limits = limits or current_limits()
    is_xlsx = filename.lower().endswith(XLSX_SUFFIXES)
    try:
        if len(raw) > limits.max_bytes:
            raise _Refused(FileProblem(0, "", limits.bytes_message()))
        header, cells = _read_xlsx(raw, limits) if is_xlsx else _read_csv(raw, limits)
        return _tidy(header, cells)
    except _Refused as refused:
        return None, ProblemList(refused.problems, refused.total)
    except Exception as exc:  # any parser failure becomes a message, never a traceback
        kind = "XLSX" if is_xlsx else "CSV"
        message = _("cannot be read as {kind}: {error}").format(kind=kind, error=show(exc, 200))
        return None, ProblemList([FileProblem(0, "", message)])


def _read_csv(raw: bytes, limits: Limits) -> tuple[list[str], pd.DataFrame]:
    """Parse with Arrow's CSV reader (fast, and strict about the number of fields in every row)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw[:nul].count(b"\n") + 1
        raise _Refused(FileProblem(line, "", _("contains a NUL byte: this is not a text CSV (save it as CSV UTF-8)")))
    try:
        raw.decode("utf-8")  # Arrow checks too, but cannot say where
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = _("not valid UTF-8 (byte {byte}); save the file as CSV UTF-8").format(byte=exc.start)
        raise _Refused(FileProblem(line, "", message)) from None
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    if not body.strip():
        raise _Refused(FileProblem(0, "", _("is empty")))
    bad_rows: list[tuple[int, int]] = []  # (row, fields) of rows whose field count differs from the header's

    def skip_bad_row(row) -> str:
        bad_rows.append((row.number, row.actual_columns))
        return "skip"

    reader = pacsv.open_csv(
        io.BytesIO(body),
        # One thread, so Arrow can number the bad rows; each number counts records (the header is 1).
        read_options=pacsv.ReadOptions(use_threads=False, autogenerate_column_names=True, block_size=1 << 22),
        parse_options=pacsv.ParseOptions(
            newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=skip_bad_row
        ),
        convert_options=pacsv.ConvertOptions(
            column_types={f"f{i}": pa.string() for i in range(limits.max_columns + 1)},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    try:  # closed however it ends: a reader left to the interpreter's exit can abort the process
        width = len(reader.schema)
        if width > limits.max_columns:
            raise _Refused(FileProblem(1, "", limits.header_columns_message(width)))
        batches, rows = [], 0
        for batch in reader:
            rows += batch.num_rows
            if rows - 1 > limits.max_rows:
                raise _Refused(FileProblem(0, "", limits.rows_message()))
            batches.append(batch)
    finally:
        reader.close()
    if bad_rows:
        problems = [
            FileProblem(n, "", _("has {fields} fields; the header has {width}").format(fields=fields, width=width))
            for n, fields in bad_rows
        ]
        raise _Refused(*problems[:MAX_PROBLEMS], total=len(problems))
    table = pa.Table.from_batches(batches, schema=reader.schema)
    frame = table.to_pandas(types_mapper=lambda t: pd.StringDtype("pyarrow", na_value=np.nan))
    header = [str(h) for h in frame.iloc[0]]
    frame = frame.iloc[1:]
    frame.index = pd.RangeIndex(2, 2 + len(frame))  # no bad rows, so record numbers run on
    return header, frame


def _read_xlsx(raw: bytes, limits: Limits) -> tuple[list[str], pd.DataFrame]:
    """Stream the first sheet with openpyxl in read-only mode, never trusting its claimed size."""
    import openpyxl  # only XLSX imports need it

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise _Refused(FileProblem(0, "", _("is not an XLSX workbook (save it as .xlsx, or as CSV UTF-8)"))) from None
    # zipfile never returns more than an entry's declared size, so this bounds what parsing can cost.
    if unpacked > limits.max_bytes:
        raise _Refused(FileProblem(0, "", limits.bytes_message(unpacked=True)))
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    try:
        sheet = book.worksheets[0]
        # The sheet's <dimension> may claim A1:XFD1048576; ignore it, so each row comes only as wide as
        # its own last cell, and stop at the first row wider than the column limit.
        sheet.reset_dimensions()
        header: list[str] | None = None
        width = 0
        numbers: list[int] = []
        buffer: list[list[str]] = []
        chunks: list[pd.DataFrame] = []
        for row_no, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if len(values) > limits.max_columns:
                column = openpyxl.utils.get_column_letter(len(values))
                raise _Refused(FileProblem(row_no, column, limits.cell_column_message(column)))
            cells = [_cell_text(v) for v in values]
            if header is None:
                header = cells
                while header and header[-1] == "":
                    header.pop()
                continue
            if not any(cells):
                continue  # blank rows (also the gaps a sparse sheet leaves) cost nothing
            if len(numbers) >= limits.max_rows:
                raise _Refused(FileProblem(0, "", limits.rows_message()))
            numbers.append(row_no)
            buffer.append(cells)
            width = max(width, len(cells))
            if len(buffer) >= CHUNK_ROWS:
                chunks.append(_text_frame(buffer))
                buffer = []
    finally:
        book.close()
    if header is None:
        raise _Refused(FileProblem(0, "", _("the first sheet is empty")))
    width = max(width, len(header))
    chunks.append(_text_frame(buffer))
    frame = pd.concat([c.reindex(columns=range(width), fill_value="") for c in chunks], ignore_index=True)
    frame = frame.fillna("").astype("str")
    frame.index = pd.Index(numbers, dtype="int64")
    return header + [""] * (width - len(header)), frame


def _text_frame(rows: list[list[str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, dtype="str") if rows else pd.DataFrame()


def _cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV would hold: whole floats without .0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 10**MAX_DIGITS:
            return str(int(value))
        return repr(value)  # 40.5 stays 40.5; 1e+20 is refused where a whole number is due
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")  # a date with a time of day is not a review date
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _tidy(header: list[str], frame: pd.DataFrame) -> tuple[pd.DataFrame | None, ProblemList]:
    """Strip every cell, drop blank rows and nameless empty columns, name the columns by the header."""
    header = [h.strip() for h in header]
    named = [h for h in header if h]
    twice = _("appears twice in the header")
    duplicates = [FileProblem(1, h, twice) for h in dict.fromkeys(named) if named.count(h) > 1]
    if duplicates:
        return None, ProblemList(duplicates)
    frame = frame.set_axis(range(len(header)), axis=1).apply(lambda column: column.str.strip())
    frame = frame[(frame != "").any(axis=1)]
    # A column with neither a header nor a value is just an empty spreadsheet column.
    keep = [i for i, name in enumerate(header) if name or (frame[i] != "").any()]
    frame = frame[keep]
    # TRANSLATORS: the name shown for a spreadsheet column without a header; {number} counts from 1.
    frame.columns = [header[i] or _("(column {number})").format(number=i + 1) for i in keep]
    return frame, ProblemList()


# --- validation: every problem, by row and column --------------------------------------------------


def _numbers(series: pd.Series, pattern: str) -> tuple[pd.Series, pd.Series]:
    """(cell written as `pattern`, its value as float64, NaN otherwise), parsed by Arrow: fast, and no
    locale or Unicode digits (Python's float() would read '٤٠' as 40)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.array(series.to_numpy(dtype=object), type=pa.string()) if series.dtype == object else pa.array(series)
    written = pc.match_substring_regex(text, f"^(?:{pattern})$")
    values = pc.cast(pc.if_else(written, text, pa.scalar(None, pa.string())), pa.float64())
    as_series = pd.Series(written.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)
    return as_series, pd.Series(values.to_numpy(zero_copy_only=False), index=series.index, dtype="float64")


def _whole(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(written as a whole number, its value): 40 and 40.0 are 40; past 15 digits the value is not exact,
    so such cells are out of every range the checks allow."""
    written, values = _numbers(series, WHOLE)
    return written, values.where(values.abs() < 10**MAX_DIGITS)


def _decimal(series: pd.Series) -> pd.Series:
    """Values of cells written as plain decimals (104, 104.5); NaN for anything else (1e2, inf, nan, text)."""
    return _numbers(series, DECIMAL)[1]


def _dates(series: pd.Series) -> pd.Series:
    """Values of cells written as YYYY-MM-DD that are real dates; NaT for anything else. A midnight time
    after the date (`2019-03-15 00:00:00`, as Python and some exports write dates) is the same date,
    as it is for an XLSX date cell; any other time of day is refused."""
    shaped = series.where(series.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T]00:00(?::00(?:\.0+)?)?)?"))
    return pd.to_datetime(shaped.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")


def validate(frame: pd.DataFrame, kind: str, known_programmes: set[str]) -> ProblemList:
    """Every problem in an outcomes or fidelity table (empty when it can be imported); `.total` counts all."""
    problems: list[FileProblem] = []
    columns = FILES[kind].names
    missing = [c for c in columns if c not in frame.columns]
    problems += [FileProblem(1, c, _("missing column")) for c in missing]
    for column in [c for c in frame.columns if c not in columns]:
        separator = next((s for s in (";", "\t") if s in column), None)
        if separator == ";":
            message = _("unexpected column (the file looks semicolon-separated: save it as CSV UTF-8)")
        elif separator:
            message = _("unexpected column (the file looks tab-separated: save it as CSV UTF-8)")
        else:
            message = _("unexpected column")
        problems.append(FileProblem(1, show(column), message))
    if missing:
        return ProblemList(problems)
    if frame.empty:
        return ProblemList([FileProblem(0, "", _("has no data rows"))])
    total = len(problems)

    def flag(mask: pd.Series, column: str, message) -> None:
        nonlocal total
        rows = frame.index[mask.fillna(False).to_numpy(dtype=bool)]
        total += len(rows)
        for row in rows[:MAX_PROBLEMS]:
            value = frame.at[row, column]
            problems.append(FileProblem(int(row), column, message(show(value)) if callable(message) else message))

    for column in columns:
        flag(frame[column] == "", column, _("is empty"))
    ids = frame["programme_id"]
    flag(
        (ids != "") & ~ids.str.fullmatch(PROGRAMME_ID),
        "programme_id",
        lambda v: _("'{value}' is not a programme id (up to 40 letters, digits, - _ . only)").format(value=v),
    )
    if kind == "outcomes":
        _validate_outcomes(frame, flag)
    else:
        _validate_fidelity(frame, flag, known_programmes)
    key = list(FILES[kind].key)
    duplicated = frame.duplicated(key, keep="first") & (frame[key] != "").all(axis=1)
    duplicate = _("duplicate row for {key} (already given above)").format(key=" + ".join(key))
    flag(duplicated, key[-1], duplicate)
    order = {c: i for i, c in enumerate(columns)}
    return ProblemList(sorted(problems, key=lambda p: (p.row, order.get(p.column, 99))), total)


def _validate_outcomes(frame, flag) -> None:
    valid_geo = {c for c in frame["geo_code"].unique() if c != "WLD" and is_valid_geo_code(c, "country")}
    flag(
        (frame["geo_code"] != "") & ~frame["geo_code"].isin(valid_geo),
        "geo_code",
        lambda v: _("unknown geography code '{value}' (use ISO 3166-1 alpha-3 or ISO 3166-2, e.g. NLD, US-NH)").format(
            value=v
        ),
    )
    names = frame["programme_name"]
    flag(
        names.str.contains(CONTROL, regex=True),
        "programme_name",
        lambda v: _("'{value}' contains a control character; a name must be plain text on one line").format(value=v),
    )
    longer = _("is longer than {limit} characters").format(limit=number(MAX_NAME_CHARS, 0))
    flag(names.str.len() > MAX_NAME_CHARS, "programme_name", longer)
    quarter_ok = frame["quarter"].str.fullmatch(r"(19|20)[0-9]{2}-Q[1-4]")
    flag(
        (frame["quarter"] != "") & ~quarter_ok,
        "quarter",
        lambda v: _("'{value}' is not a quarter like 2019-Q3").format(value=v),
    )
    now = dt.date.today()
    current = f"{now.year}-Q{(now.month - 1) // 3 + 1}"
    flag(quarter_ok & (frame["quarter"] > current), "quarter", lambda v: _("{value} is in the future").format(value=v))
    written, start = _whole(frame["start_year"])
    flag((frame["start_year"] != "") & ~written, "start_year", lambda v: _("'{value}' is not a year").format(value=v))
    flag(
        written & ~start.between(FIRST_YEAR, now.year),
        "start_year",
        lambda v: _("impossible start year {value} (expected {first}-{last})").format(
            value=v, first=FIRST_YEAR, last=now.year
        ),
    )
    counts = {}
    for column in ("clients_served", "clients_employed"):
        written, values = _whole(frame[column])
        counts[column] = values
        flag((frame[column] != "") & ~written, column, lambda v: _("'{value}' is not a whole number").format(value=v))
        flag(written & (values < 0), column, lambda v: _("negative count {value}").format(value=v))
        flag(
            written & ~(values < 0) & ~(values <= MAX_COUNT),
            column,
            lambda v: _("{value} is more than {limit} clients of one programme in a quarter").format(
                value=v, limit=number(MAX_COUNT, 0)
            ),
        )
    flag(
        counts["clients_employed"] > counts["clients_served"],
        "clients_employed",
        lambda v: _("{value} employed is more than the clients served").format(value=v),
    )
    # One programme, one description: the store keeps one name, place and start year per programme
    # (start years compared by value, so 2015 and 2015.0 agree).
    described = frame[["programme_id", "programme_name", "geo_code"]].assign(
        start_year=start.astype("str").where(start.notna(), "?" + frame["start_year"])
    )
    first = described.groupby("programme_id")[["programme_name", "geo_code", "start_year"]].transform("first")
    for column in ("programme_name", "geo_code", "start_year"):
        flag(
            (described[column] != first[column]) & (frame[column] != ""),
            column,
            lambda v, c=column: _("'{value}' differs from this programme's {column} on an earlier row").format(
                value=v, column=c
            ),
        )


def _validate_fidelity(frame, flag, known_programmes) -> None:
    flag(
        (frame["programme_id"] != "") & ~frame["programme_id"].isin(known_programmes),
        "programme_id",
        lambda v: _("unknown programme '{value}': import its outcomes first").format(value=v),
    )
    dates = _dates(frame["review_date"])
    flag(
        (frame["review_date"] != "") & dates.isna(),
        "review_date",
        lambda v: _("'{value}' is not a date like 2019-03-15").format(value=v),
    )
    flag(dates > pd.Timestamp.today(), "review_date", lambda v: _("{value} is in the future").format(value=v))
    flag(
        dates < pd.Timestamp(FIRST_YEAR, 1, 1),
        "review_date",
        lambda v: _("{value} is before IPS existed ({year})").format(value=v, year=FIRST_YEAR),
    )
    flag(
        (frame["scale"] != "") & ~frame["scale"].isin(list(SCALES)),
        "scale",
        lambda v: _("unknown scale '{value}' (one of {scales})").format(value=v, scales=", ".join(SCALES)),
    )
    scores = _decimal(frame["total_score"])
    flag(
        (frame["total_score"] != "") & scores.isna(),
        "total_score",
        lambda v: _("'{value}' is not a number (write digits, like 104 or 104.5)").format(value=v),
    )
    # An unknown scale is flagged above; its score is still checked against every scale's range together.
    widest = (min(low for low, _ in SCALES.values()), max(high for _, high in SCALES.values()))
    low = frame["scale"].map(lambda s: SCALES.get(s, widest)[0]).astype("float64")
    high = frame["scale"].map(lambda s: SCALES.get(s, widest)[1]).astype("float64")
    known = frame["scale"].isin(list(SCALES))
    outside = scores.notna() & ((scores < low) | (scores > high))
    flag(outside & known, "total_score", lambda v: _("{value} is outside its scale's range").format(value=v))
    flag(
        outside & ~known,
        "total_score",
        lambda v: _("{value} is outside the range of every fidelity scale").format(value=v),
    )


def to_tables(frame: pd.DataFrame, kind: str, public: bool = False, import_id: str = "") -> dict[str, pd.DataFrame]:
    """Typed store tables (contract.TABLES) from a validated file, converted by the same parsers that validated
    it; every row carries `import_id`, the import that brought it."""
    if kind == "outcomes":
        first = frame.drop_duplicates("programme_id")
        programmes = pd.DataFrame(
            {
                "programme_id": first["programme_id"],
                "name": first["programme_name"],
                "geo_code": first["geo_code"],
                "start_year": _whole(first["start_year"])[1].astype("int64"),
                "import_id": import_id,
                "is_public": public,
            }
        )
        quarters = pd.DataFrame(
            {
                "programme_id": frame["programme_id"],
                "quarter": frame["quarter"],
                "clients_served": _whole(frame["clients_served"])[1].astype("int64"),
                "clients_employed": _whole(frame["clients_employed"])[1].astype("int64"),
                "import_id": import_id,
            }
        )
        return {"programmes": programmes, "programme_quarters": quarters}
    reviews = pd.DataFrame(
        {
            "programme_id": frame["programme_id"],
            "review_date": _dates(frame["review_date"]).dt.date,
            "scale": frame["scale"],
            "total_score": _decimal(frame["total_score"]),
            "import_id": import_id,
        }
    )
    return {"fidelity_reviews": reviews}


def demo_tables(params_path: Path) -> dict[str, pd.DataFrame]:
    """The seeded demonstration set: programmes, quarterly outcomes and yearly IPS-25 reviews whose
    programme-level fidelity-employment correlation is calibrated to the published r (data/demo.yml)."""
    p = {k: v["value"] if isinstance(v, dict) else v for k, v in yaml.safe_load(params_path.read_text()).items()}
    rng = np.random.default_rng(p["seed"])
    n = p["programmes"]
    # Correlated standard normals give each programme a fidelity level and an employment level.
    z = rng.multivariate_normal([0, 0], [[1, p["fidelity_employment_r"]], [p["fidelity_employment_r"], 1]], size=n)
    fidelity = np.clip(p["fidelity_mean"] + p["fidelity_sd"] * z[:, 0], 60, 125)
    rate = np.clip(p["employment_rate_mean"] + p["employment_rate_sd"] * z[:, 1], 5, 85) / 100
    ids = [f"DEMO{i + 1:03d}" for i in range(n)]
    programmes = pd.DataFrame(
        {
            "programme_id": ids,
            "name": [f"Demonstration programme {i + 1}" for i in range(n)],
            "geo_code": rng.choice(p["states"], size=n),
            "start_year": rng.integers(2001, 2012, size=n),
        }
    )
    first, last = (pd.Period(q.replace("-", ""), freq="Q") for q in p["quarters"])
    quarters = [f"{q.year}-Q{q.quarter}" for q in pd.period_range(first, last, freq="Q")]
    lo, hi = p["clients_per_quarter"]
    served = rng.integers(lo, hi, size=(n, len(quarters)))
    employed = rng.binomial(served, np.repeat(rate[:, None], len(quarters), axis=1))
    outcomes = pd.DataFrame(
        {
            "programme_id": np.repeat(ids, len(quarters)),
            "quarter": quarters * n,
            "clients_served": served.ravel(),
            "clients_employed": employed.ravel(),
        }
    )
    years = sorted({q[:4] for q in quarters})
    reviews = pd.DataFrame(
        [
            {
                "programme_id": pid,
                "review_date": dt.date(int(y), int(rng.integers(1, 13)), 15),
                "scale": "IPS-25",
                "total_score": float(np.clip(round(f + rng.normal(0, 3)), 25, 125)),
            }
            for pid, f in zip(ids, fidelity, strict=True)
            for y in years
        ]
    )
    return {"programmes": programmes, "programme_quarters": outcomes, "fidelity_reviews": reviews}

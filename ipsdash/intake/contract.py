"""The one contract for programme data: the coordinators' files (outcomes, fidelity) and the store tables
they become, each column once, with its type, its meaning and an example.

The template (`python -m ipsdash template`), the reader and validator (intake.programmes), the conversion
to store tables, the manifest's replay and merge, the build's table definitions and the property tests all
read these definitions; nothing else lists programme columns.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pandas as pd

from ipsdash.domain.vocabulary import FIDELITY_SCALES
from ipsdash.i18n import N_, _


@dataclass(frozen=True)
class Column:
    """One column: its name, its store type (DuckDB), what it holds, and an example cell for the template."""

    name: str
    sql: str
    meaning: str
    example: str = ""
    example_is_text: bool = False  # the example is words (translated in the template), not a code or a number


PROGRAMME_ID = Column("programme_id", "VARCHAR", "the coordinator's id of the programme", "P001")
# Which import brought the row (its manifest id); empty for the generated demonstration set.
IMPORT_ID = Column("import_id", "VARCHAR", "the id of the import that brought the row (blank: demonstration set)")
SYNTHETIC = Column("is_synthetic", "BOOLEAN NOT NULL", "the row is generated demonstration data, not a programme's")


@dataclass(frozen=True)
class FileKind:
    """A kind of file coordinators import: its columns in order, the key a row is unique by, and the store
    tables it fills."""

    kind: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    tables: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass(frozen=True)
class Table:
    """A store table of programme data: its columns (from a file, plus `import_id` and the flags the build
    adds), and its key."""

    name: str
    data: tuple[Column, ...]  # what the file says (the public view's leading columns, then is_synthetic)
    key: tuple[str, ...]
    added: tuple[Column, ...] = (IMPORT_ID,)  # what the import decides: where the row came from, who may see it

    @property
    def columns(self) -> tuple[Column, ...]:
        return (*self.data, *self.added)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def empty(self) -> pd.DataFrame:
        """No rows, with this table's columns (an import may hold none of them)."""
        return pd.DataFrame(columns=self.names)

    def ddl(self) -> str:
        """CREATE TABLE raw.<name> with fixed types, whatever the data (an import may be empty, or absent)."""
        columns = [f"{c.name} {c.sql}" for c in (*self.data, SYNTHETIC, *self.added)]
        return f"CREATE TABLE raw.{self.name} ({', '.join(columns)}, PRIMARY KEY ({', '.join(self.key)}))"


FILES = {
    "outcomes": FileKind(
        "outcomes",
        (
            PROGRAMME_ID,
            Column("programme_name", "VARCHAR", "the programme's name", N_("Example IPS team"), example_is_text=True),
            Column("geo_code", "VARCHAR", "where it runs: ISO 3166-1 alpha-3 or ISO 3166-2", "US-NH"),
            Column("start_year", "INTEGER", "the year it began", "2015"),
            Column("quarter", "VARCHAR", "the quarter, YYYY-Qn", "2019-Q1"),
            Column("clients_served", "INTEGER", "clients served in the quarter", "40"),
            Column("clients_employed", "INTEGER", "of those, clients in competitive work", "17"),
        ),
        ("programme_id", "quarter"),
        ("programmes", "programme_quarters"),
    ),
    "fidelity": FileKind(
        "fidelity",
        (
            PROGRAMME_ID,
            Column("review_date", "DATE", "the day of the fidelity review, YYYY-MM-DD", "2019-03-15"),
            Column("scale", "VARCHAR", f"the fidelity scale ({', '.join(FIDELITY_SCALES)})", "IPS-25"),
            Column("total_score", "DOUBLE", "the review's total score, within its scale's range", "104"),
        ),
        ("programme_id", "review_date", "scale"),
        ("fidelity_reviews",),
    ),
}

_OUT = {c.name: c for c in FILES["outcomes"].columns}
_FID = {c.name: c for c in FILES["fidelity"].columns}
TABLES = {
    "programmes": Table(
        "programmes",
        (
            PROGRAMME_ID,
            Column("name", "VARCHAR", _OUT["programme_name"].meaning),
            _OUT["geo_code"],
            _OUT["start_year"],
        ),
        ("programme_id",),
        (IMPORT_ID, Column("is_public", "BOOLEAN NOT NULL", "every import naming the programme was marked public")),
    ),
    "programme_quarters": Table(
        "programme_quarters",
        (PROGRAMME_ID, _OUT["quarter"], _OUT["clients_served"], _OUT["clients_employed"]),
        FILES["outcomes"].key,
    ),
    "fidelity_reviews": Table(
        "fidelity_reviews",
        (PROGRAMME_ID, _FID["review_date"], _FID["scale"], _FID["total_score"]),
        FILES["fidelity"].key,
    ),
}


def template(kind: str) -> bytes:
    """An empty template with one example row, for coordinators to fill in a spreadsheet. With a byte-order mark,
    so Excel opens it as UTF-8 and saves names typed into it as written. The header (column names) is read by
    the importer and stays as it is; the example's words are in the language in use."""
    columns = FILES[kind].columns
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    writer.writerow([_(c.example) if c.example_is_text else c.example for c in columns])
    return buffer.getvalue().encode("utf-8-sig")

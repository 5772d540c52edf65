"""What one imported file may cost: bytes, rows and columns, each configurable by an environment variable.

A limit is named in every message that enforces it, so a coordinator knows what to split and an
administrator knows what to raise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ipsdash.i18n import _
from ipsdash.i18n.formats import number

DEFAULTS = {
    "IPSDASH_MAX_IMPORT_BYTES": 200_000_000,  # also the unpacked size of an XLSX (a zip can hide a lot)
    "IPSDASH_MAX_IMPORT_ROWS": 2_000_000,
    "IPSDASH_MAX_IMPORT_COLUMNS": 50,
}


@dataclass(frozen=True)
class Limits:
    """Upper bounds on one imported file."""

    max_bytes: int = DEFAULTS["IPSDASH_MAX_IMPORT_BYTES"]
    max_rows: int = DEFAULTS["IPSDASH_MAX_IMPORT_ROWS"]
    max_columns: int = DEFAULTS["IPSDASH_MAX_IMPORT_COLUMNS"]

    def bytes_message(self, unpacked: bool = False) -> str:
        """The file (`unpacked`: an XLSX's unpacked contents) is over the byte limit."""
        if unpacked:
            message = _("unpacks to more than {limit} bytes (the limit IPSDASH_MAX_IMPORT_BYTES)")
        else:
            message = _("is larger than {limit} bytes (the limit IPSDASH_MAX_IMPORT_BYTES)")
        return message.format(limit=number(self.max_bytes, 0))

    def rows_message(self) -> str:
        return _("has more than {limit} data rows (the limit IPSDASH_MAX_IMPORT_ROWS); split the file").format(
            limit=number(self.max_rows, 0)
        )

    def header_columns_message(self, width: int) -> str:
        """The header is wider than the column limit."""
        return _(
            "the header has {width} columns, which is beyond the {limit}-column limit (IPSDASH_MAX_IMPORT_COLUMNS)"
        ).format(width=number(width, 0), limit=number(self.max_columns, 0))

    def cell_column_message(self, column: str) -> str:
        """A cell (of an XLSX sheet) lies past the column limit."""
        return _("a cell in column {column} is beyond the {limit}-column limit (IPSDASH_MAX_IMPORT_COLUMNS)").format(
            column=column, limit=number(self.max_columns, 0)
        )


def current_limits() -> Limits:
    """The limits in force: the environment's, else the defaults; a malformed setting raises ValueError."""
    values = {}
    for name, default in DEFAULTS.items():
        text = os.environ.get(name, "").strip().replace("_", "")
        if not text:
            values[name] = default
        elif text.isascii() and text.isdigit() and int(text) > 0:
            values[name] = int(text)
        else:
            raise ValueError(
                _("{variable} must be a positive whole number, not {value}").format(
                    variable=name, value=repr(os.environ[name])
                )
            )
    return Limits(*values.values())

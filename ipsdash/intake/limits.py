"""What one imported file may cost: bytes, rows and columns, each configurable by an environment variable.

A limit is named in every message that enforces it, so a coordinator knows what to split and an
administrator knows what to raise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

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

    def bytes_message(self, what: str = "is larger than") -> str:
        return f"{what} {self.max_bytes:,} bytes (the limit IPSDASH_MAX_IMPORT_BYTES)"

    def rows_message(self) -> str:
        return f"has more than {self.max_rows:,} data rows (the limit IPSDASH_MAX_IMPORT_ROWS); split the file"

    def columns_message(self) -> str:
        return f"is beyond the {self.max_columns:,}-column limit (IPSDASH_MAX_IMPORT_COLUMNS)"


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
            raise ValueError(f"{name} must be a positive whole number, not {os.environ[name]!r}")
    return Limits(*values.values())

"""CSV export that a spreadsheet opens as written: names intact, nothing in it run.

UTF-8 with a byte-order mark: without one, Excel on Windows reads a CSV as the system's code page
and shows "UmeÃ¥" for Umeå. pandas, LibreOffice, Sheets and Python's "utf-8-sig" read the mark as
what it is and drop it.
"""

from __future__ import annotations

import pandas as pd

# A cell starting with one of these is read as a formula by Excel, LibreOffice and Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """The frame as CSV bytes (UTF-8 with a byte-order mark) with every text cell neutralised; numbers are left
    as numbers."""
    text_columns = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    safe = frame.copy()
    for column in text_columns:
        safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")

"""Turn stored values into the short text people read on screen."""

from __future__ import annotations

import pandas as pd

from ipsdash.domain.vocabulary import QUALIFIERS
from ipsdash.i18n import formats


def format_number(value: float, unit: str) -> str:
    """1234.0 -> '1,234'; 30.52 percent -> '30.52%' (in Dutch '1.234', '30,52%'); up to two decimals, as given."""
    return formats.percent(value) if unit == "percent" else formats.number(value)


def format_value(value: float, unit: str, qualifier: str) -> str:
    """A value with its qualifier in symbols: '1,000+' (at least), '≤2%', '~45%', '20,000 (target)'."""
    number = format_number(value, unit)
    return QUALIFIERS[qualifier].template.format(number) if qualifier in QUALIFIERS else number


def value_texts(frame: pd.DataFrame) -> list[str]:
    """format_value of every row of a frame with value, unit and qualifier columns."""
    return [format_value(v, u, q) for v, u, q in zip(frame["value"], frame["unit"], frame["qualifier"], strict=True)]


def with_value_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame plus a `value_text` column: the value with its unit and qualifier, for tables."""
    units = frame["unit"].where(frame["unit"] != "percent", "")
    return frame.assign(value_text=[f"{t} {u}".strip() for t, u in zip(value_texts(frame), units, strict=True)])


def date_text(year: int, qualifier: str, period: str) -> str:
    """'2003', 'about 2002 (early 2000s)', 'by 2012', keeping the source's own wording."""
    year = int(year)
    if qualifier == "at_most":
        return f"by {year}"
    if qualifier == "approx":
        return f"about {year}" + (f" ({period})" if period and str(year) not in period else "")
    return str(year)


def year_span(years: pd.Series) -> str:
    """'2016–2019', or '2019' for a single year, or '' when there is none."""
    years = years.dropna()
    if years.empty:
        return ""
    lo, hi = int(years.min()), int(years.max())
    return f"{lo}–{hi}" if hi > lo else str(lo)

"""Numbers, percentages, years, dates and quarters as the language in use writes them (Babel's CLDR data):
'1,234' and '43.1%' in English, '1.234' and '43,1%' in Dutch, and the separators Plotly needs to do the
same on axes and in hover text."""

from __future__ import annotations

import datetime as dt
import functools
import math

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from ipsdash.i18n import current


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def number(value: float, decimals: int = 2) -> str:
    """1234.0 -> '1,234' (en) or '1.234' (nl); 30.52 -> '30.52' / '30,52': up to `decimals` places, as given."""
    if _missing(value):
        return "–"
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=current())


def percent(value: float, decimals: int = 2) -> str:
    """30.52 (a percentage) -> '30.52%' (en), '30,52%' (nl), '30,52 %' (es): the locale's own spacing."""
    if _missing(value):
        return "–"
    base = _locale(current()).percent_formats[None].pattern.split(";")[0]
    pattern = base.replace("#,##0", "#,##0" + ("." + "#" * decimals if decimals else ""), 1)
    return format_percent(value / 100, format=pattern, locale=current())


def date(day: dt.date | dt.datetime, style: str = "medium") -> str:
    """'3 Dec 2026' / '3 dec 2026' / '3 dic 2026' in the language in use."""
    return format_date(day, format=style, locale=current())


def quarter(year: int, number_: int) -> str:
    """Quarter 2 of 2024 as the language abbreviates it: 'Q2 2024', 'K2 2024' (nl), 'T2 2024' (es, it)."""
    return format_date(dt.date(int(year), 3 * int(number_) - 2, 1), format="QQQ y", locale=current())


def plotly_separators() -> str:
    """Plotly's `layout.separators` for the language in use: its decimal mark, then its group mark."""
    symbols = _locale(current()).number_symbols["latn"]
    return symbols["decimal"] + symbols["group"]

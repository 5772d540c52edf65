"""Turn stored values into the short text people read on screen."""

from __future__ import annotations

import decimal

import pandas as pd
from babel import Locale
from babel.numbers import format_decimal, format_percent

from ipsdash import i18n
from ipsdash.domain.vocabulary import with_qualifier
from ipsdash.i18n import N_, _, formats


def format_number(value: float, unit: str) -> str:
    """1234.0 -> '1,234'; 30.52 percent -> '30.52%' (in Dutch '1.234', '30,52%'); up to two decimals, as given."""
    return formats.percent(value) if unit == "percent" else formats.number(value)


def format_fixed(value: float, decimals: int, unit: str = "") -> str:
    """A number with exactly `decimals` places, as the language writes it and rounded as Python's
    f"{value:.2f}" rounds: r 0.5 -> '0.50' / '0,50'; 43.0 percent, 1 place -> '43.0%' / '43,0%' / '43,0 %'."""
    if value is None or value != value:
        return "–"
    exact = decimal.Decimal(value)  # a float's exact value, so that halves round as Python's format does
    places = "." + "0" * decimals if decimals else ""
    if unit == "percent":
        base = Locale.parse(i18n.current()).percent_formats[None].pattern.split(";")[0]
        return format_percent(exact / 100, format=base.replace("#,##0", "#,##0" + places, 1), locale=i18n.current())
    return format_decimal(exact, format="#,##0" + places, locale=i18n.current())


def format_value(value: float, unit: str, qualifier: str) -> str:
    """A value with its qualifier in symbols: '1,000+' (at least), '≤2%', '~45%', '20,000 (target)'."""
    return with_qualifier(format_number(value, unit), qualifier)


def value_texts(frame: pd.DataFrame) -> list[str]:
    """format_value of every row of a frame with value, unit and qualifier columns."""
    return [format_value(v, u, q) for v, u, q in zip(frame["value"], frame["unit"], frame["qualifier"], strict=True)]


# The units (data/schema.yml) that are words after a number, "36 programmes"; the others (ips25_score, fte,
# sek…) are codes and stay as written.
UNIT_WORDS = {
    # TRANSLATORS: units after a number in a table of values: "36 programmes", "12 countries".
    "programmes": N_("programmes"),
    "teams": N_("teams"),
    "sites": N_("sites"),
    "states": N_("states"),
    "countries": N_("countries"),
    "regions": N_("regions"),
    "people": N_("people"),
    "trials": N_("trials"),
    "jobs": N_("jobs"),
    "years": N_("years"),
    "months": N_("months"),
    "items": N_("items"),
    "meetings": N_("meetings"),
}


def unit_text(unit: str) -> str:
    """A unit as shown after a number, in the language in use ('' for a percentage)."""
    if unit == "percent":
        return ""
    return _(UNIT_WORDS[unit]) if unit in UNIT_WORDS else unit


def with_value_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame plus a `value_text` column: the value with its unit and qualifier, for tables."""
    units = frame["unit"].map(unit_text)
    return frame.assign(value_text=[f"{t} {u}".strip() for t, u in zip(value_texts(frame), units, strict=True)])


def date_text(year: int, qualifier: str, period: str) -> str:
    """'2003', 'about 2002 (early 2000s)', 'by 2012', keeping the source's own wording."""
    year = int(year)
    if qualifier == "at_most":
        # TRANSLATORS: a date known only as an upper bound: 'by 2012' (at the latest in 2012).
        return _("by {year}").format(year=year)
    if qualifier == "approx":
        if period and str(year) not in period:
            # TRANSLATORS: an approximate year with the source's own words for it: 'about 2002 (early 2000s)'.
            return _("about {year} ({period})").format(year=year, period=period)
        # TRANSLATORS: an approximate year: 'about 2002'.
        return _("about {year}").format(year=year)
    return str(year)


def year_span(years: pd.Series) -> str:
    """'2016–2019', or '2019' for a single year, or '' when there is none."""
    years = years.dropna()
    if years.empty:
        return ""
    lo, hi = int(years.min()), int(years.max())
    return f"{lo}–{hi}" if hi > lo else str(lo)

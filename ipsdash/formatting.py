"""Turn stored values into the short text people read on screen."""

from __future__ import annotations

import math

import pandas as pd


def format_number(value: float, unit: str) -> str:
    """1234.0 -> '1,234'; 30.52 percent -> '30.52%'; keeps the precision the source gave."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}%" if unit == "percent" else text


def format_value(value: float, unit: str, qualifier: str) -> str:
    """A value with its qualifier in symbols: '1,000+' (at least), '<=2%', '~45%', '20,000 (target)'."""
    number = format_number(value, unit)
    return {
        "at_least": f"{number}+",
        "at_most": f"≤{number}",
        "approx": f"~{number}",
        "estimate": f"≈{number} (est.)",
        "target": f"{number} (target)",
    }.get(qualifier, number)


def with_value_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame plus a `value_text` column: the value with its unit and qualifier, for tables."""
    texts = [format_value(v, u, q) for v, u, q in zip(frame["value"], frame["unit"], frame["qualifier"], strict=True)]
    units = frame["unit"].where(frame["unit"] != "percent", "")
    return frame.assign(value_text=[f"{t} {u}".strip() for t, u in zip(texts, units, strict=True)])

"""Provenance as data: which sources stand behind the values a view draws.

Every query returns each value with `source_id`, `source_short` and `locator`. A view passes the rows it
draws (and, for a derived value, the rows it was computed from: a fit cites its points, a per-million
value cites the count and the population) to `cite`, and shows exactly the union it returns.
"""

from __future__ import annotations

import pandas as pd

from ipsdash.i18n import _, ngettext

COLUMNS = ["source_id", "source_short", "locator"]


def cite(*frames: pd.DataFrame | None) -> pd.DataFrame:
    """The union of the sources behind the rows of `frames`: one row per (source, locator), in order of
    first appearance. Rows without a source (blank or missing source_id) cite nothing."""
    parts = []
    for frame in frames:
        if frame is None or frame.empty or "source_id" not in frame:
            continue
        part = frame.reindex(columns=COLUMNS).astype(object)
        part = part.assign(
            source_short=part["source_short"].fillna(part["source_id"]), locator=part["locator"].fillna("")
        )
        parts.append(part[part["source_id"].fillna("") != ""])
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(parts, ignore_index=True).astype(str).drop_duplicates().reset_index(drop=True)


def source_ids(cited: pd.DataFrame) -> list[str]:
    """The distinct sources of a citation frame, in order."""
    return list(dict.fromkeys(cited["source_id"]))


def by_source(cited: pd.DataFrame) -> list[tuple[str, str, list[str]]]:
    """(source_id, short label, its locators) per source, in order of first appearance."""
    grouped: dict[str, tuple[str, list[str]]] = {}
    for row in cited.itertuples(index=False):
        _short, locators = grouped.setdefault(row.source_id, (row.source_short, []))
        if row.locator and row.locator not in locators:
            locators.append(row.locator)
    return [(sid, short, locators) for sid, (short, locators) in grouped.items()]


def source_line(cited: pd.DataFrame, locators: bool = True, prefix: str = "") -> str:
    """Plain text 'Source: A (section); B' for slides and text alternatives (images leave out locators);
    `prefix` labels a line about part of a view ('Benchmark bands: A')."""
    names = [f"{short} ({'; '.join(locs)})" if locs and locators else short for _sid, short, locs in by_source(cited)]
    # TRANSLATORS: said of the sources of a chart that rests on none: 'Source: none'.
    listed = "; ".join(names) if names else _("none")
    if prefix:
        return f"{prefix}: {listed}"
    return ngettext("Source: {sources}", "Sources: {sources}", max(len(names), 1)).format(sources=listed)

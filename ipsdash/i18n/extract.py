"""Babel extractors for messages that live in data files rather than code: the measures' names in
data/metrics.csv (babel.cfg names this; `make catalogs` runs it). They are shown through `_()` where the
store hands them out (ipsdash.store.queries)."""

from __future__ import annotations

import csv
import io


def metrics_csv(fileobj, keywords, comment_tags, options):
    """Each measure's `label` in data/metrics.csv, as (line, function, message, comments)."""
    rows = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8"))
    for line, row in enumerate(rows, start=2):
        if row.get("label"):
            comment = f"TRANSLATORS: the name of a measure ({row['metric']}, data/metrics.csv)"
            yield line, None, row["label"], [comment]

"""A Babel extractor for messages that live in data files rather than code: the measures' names in
data/metrics.csv and the fidelity bands' names in data/fidelity_bands.csv (babel.cfg names the file and
its column; `make catalogs` runs it). The store hands them out through `_()` (ipsdash.store.queries)."""

from __future__ import annotations

import csv
import io


def csv_column(fileobj, keywords, comment_tags, options):
    """Each non-empty cell of the column `options['column']`, as (line, function, message, comments)."""
    column = options["column"]
    rows = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8"))
    for line, row in enumerate(rows, start=2):
        if row.get(column):
            yield line, None, row[column], [f"TRANSLATORS: {options.get('what', 'a name')} (data file, line {line})"]

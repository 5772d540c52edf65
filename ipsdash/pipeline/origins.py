"""Which import each stored programme row came from: the provenance a report cites for every number.

The store holds the programme tables but not, yet, which import brought each row; the manifest does. This
replays the manifest one import at a time, as the build does, and keeps for every row key the import
whose rows were merged last (later rows replace earlier ones of the same key, as in the store).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ipsdash.config import DATA_DIR
from ipsdash.intake.limits import current_limits
from ipsdash.pipeline import manifest

COLUMNS = ["table", "programme_id", "key", "import_id", "original_name", "imported_at"]


def row_origins(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One row per stored programme quarter and fidelity review: its table, programme, key (the quarter, or
    'review_date scale') and the import it came from (id, file name as imported, UTC date and time).
    Empty when nothing was imported (the demonstration set is then what is stored)."""
    entries = manifest.read_entries(data_dir)
    limits = current_limits()
    tables: dict[str, pd.DataFrame] = {}
    found: dict[tuple[str, str, str], manifest.Entry] = {}
    for entry in entries:
        new = manifest.replay_entry(entry, data_dir, manifest.known_programmes(tables), limits)
        tables = manifest.merge(tables, new)
        for name, frame in new.items():
            if name == "programmes":
                continue
            for programme, key in zip(frame["programme_id"], _keys(name, frame), strict=True):
                found[(name, programme, key)] = entry
    rows = [(t, p, k, e.id, e.original_name, e.imported_at) for (t, p, k), e in found.items()]
    return pd.DataFrame(rows, columns=COLUMNS)


def _keys(name: str, frame: pd.DataFrame) -> list[str]:
    if name == "programme_quarters":
        return list(frame["quarter"].astype(str))
    return [f"{d} {s}" for d, s in zip(frame["review_date"].astype(str), frame["scale"], strict=True)]

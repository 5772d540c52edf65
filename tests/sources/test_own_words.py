"""Maintainers' check: the notes and the ledger are written in our own words, not copied from the
source documents (no run of 8 words in common). Run by `make check-sources` where ../shared sits
beside the checkout; the default suite leaves this folder out (a user's clone has no ../shared)."""

from __future__ import annotations

import csv
import re

from ipsdash.config import ROOT
from tests.sources.conftest import SHARED_SOURCES


def _ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _our_own_texts(con) -> list[str]:
    """Every text written here: store notes and the ledger's statements and reasons."""
    notes = con.execute("SELECT note FROM observations UNION ALL SELECT note FROM milestones").fetchall()
    texts = [r[0] for r in notes]
    with (ROOT / "data" / "ledger.csv").open(encoding="utf-8", newline="") as f:
        texts += [text for row in csv.DictReader(f) for text in (row["statement"], row["reason"])]
    return texts


def test_notes_are_written_in_our_own_words(real_store):
    documents = sorted(SHARED_SOURCES.glob("*.txt"))
    assert documents, f"no source documents in {SHARED_SOURCES}"
    copied = set().union(*(_ngrams(p.read_text(encoding="utf-8")) for p in documents))
    offenders = [text for text in _our_own_texts(real_store) if _ngrams(text) & copied]
    assert offenders == []

"""Checks of data/ against the source documents in ../shared/sources: for maintainers, who have them.

Not part of `make test` (a clone has nothing beside it); `make check-sources` runs them, and there a
missing folder is a failure, never a skip."""

from __future__ import annotations

import pytest

from ipsdash.paths import ROOT

SHARED_SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def _the_documents_are_here():
    if not SHARED_SOURCES.is_dir():
        pytest.fail(f"the source documents are not beside this checkout: {SHARED_SOURCES} is missing")

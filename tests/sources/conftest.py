"""Checks of data/ against the source documents in ../shared/sources: for maintainers, who have them.

`make test` collects them only where ../shared exists (a user's clone and CI have nothing beside them);
`make check-sources` runs them alone, and there a missing folder is a failure, never a skip."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_SOURCES


@pytest.fixture(autouse=True)
def _the_documents_are_here():
    if not SHARED_SOURCES.is_dir():
        pytest.fail(f"the source documents are not beside this checkout: {SHARED_SOURCES} is missing")

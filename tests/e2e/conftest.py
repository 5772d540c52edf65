"""A served app and real headless Chromium. In CI a browser that cannot start fails; it never skips."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ipsdash.config import DATA_DIR
from tests import harness


@pytest.fixture(scope="session")
def browser():
    if not harness.chromium_available():
        message = f"Chromium not found at {harness.CHROMIUM}; install Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with harness.chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def base_url(real_store):
    with harness.serve() as url:
        yield url


@pytest.fixture(scope="session")
def titles(real_store) -> list[str]:
    """The default talk's slide titles as shown (figures filled from the store)."""
    from ipsdash.outputs import talk_track as talk

    _, slides = talk.load_talk("default", talk.options_from(real_store))
    return [talk.render_slide(real_store, s).title for s in slides]


@pytest.fixture
def open_page(browser, base_url):
    """Open a path at a viewport size; the page's context is closed after the test."""
    pages = []

    def _open(path: str, size: tuple[int, int] = (1280, 800), charts: int = 0):
        page, watch = harness.open_page(browser, size)
        pages.append(page)
        page.goto(base_url + path)
        harness.wait_until_drawn(page, charts=charts)
        return page, watch

    yield _open
    for page in pages:
        page.context.close()


@pytest.fixture
def screenshot_dir() -> Path | None:
    """Set IPSDASH_SCREENSHOTS=DIR to keep screenshots of what the tests saw."""
    folder = os.environ.get("IPSDASH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return None


PASSWORD = "s3cret-for-tests"


@pytest.fixture
def served(real_store, tmp_path):
    """An app on a copy of data/ behind the offline admin door (IPSDASH_ADMIN_PASSWORD = PASSWORD)."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", "imports", "logs", ".*.lock"))
    with harness.serve(env={"IPSDASH_ADMIN_PASSWORD": PASSWORD, "IPSDASH_DATA_DIR": str(data)}) as base:
        yield base, data

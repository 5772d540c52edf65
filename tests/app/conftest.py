"""Open an app page in AppTest, with URL parameters, through app.py's navigation."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from ipsdash.config import ROOT


@pytest.fixture
def open_app(real_store):
    """open_app('app_pages/map.py', view='us') -> the AppTest after the page ran, asserted exception-free."""

    def _open(page: str | None = None, **params) -> AppTest:
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            app.query_params[key] = value
        app.run()
        if page:
            app.switch_page(page).run()
        assert not app.exception
        return app

    return _open


def plain(text: str) -> str:
    """Markdown source as a reader sees it: escapes removed, links reduced to their text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text.replace("\\[", "\0").replace("\\]", "\1"))
    text = re.sub(r"\\(.)", r"\1", text.replace("\0", "[").replace("\1", "]"))
    return text.replace("**", "").replace("\u200b", "")


def page_text(app: AppTest) -> str:
    """Every markdown, caption, info and warning on the page as a reader sees it."""
    parts = [*app.markdown, *app.caption, *app.info, *app.warning, *app.error]
    return " ".join(plain(p.value) for p in parts)

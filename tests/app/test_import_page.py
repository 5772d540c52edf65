"""The Import page checks a file before it is imported: problems listed, or a quality report and a confirm
button; until the button is pressed nothing on disk changes."""

from __future__ import annotations

import hashlib

from ipsdash.config import DATA_DIR, STORE_PATH
from tests.app.conftest import plain
from tests.unit.conftest import OUTCOMES_HEADER


def _state() -> dict[str, str]:
    files = [STORE_PATH, *(DATA_DIR / "imports").glob("*")] if (DATA_DIR / "imports").exists() else [STORE_PATH]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


def _unlocked(open_app, monkeypatch):
    monkeypatch.setenv("IPSDASH_ADMIN_PASSWORD", "s3cret")
    app = open_app("app_pages/import_data.py")
    app.text_input[0].input("s3cret")
    app.button[0].click().run()
    return app


def test_a_good_file_gets_a_quality_report_and_a_confirm_button(open_app, monkeypatch):
    app = _unlocked(open_app, monkeypatch)
    before = _state()
    good = OUTCOMES_HEADER + "X1,New team,US-CT,2020,2019-Q4,20,8\nX1,New team,US-CT,2020,2020-Q1,20,1\n"
    app.file_uploader[0].set_value(("q1.csv", good.encode(), "text/csv")).run()
    assert not app.exception
    labels = [plain(e.label) for e in app.expander]
    assert "new programmes: 1" in labels and "employment rate under 15.5% or over 75%: 1" in labels
    assert any(plain(b.label) == "Confirm: import 2 rows from q1.csv" for b in app.button)
    assert _state() == before  # checked, not imported


def test_a_bad_file_lists_its_problems_and_offers_no_import(open_app, monkeypatch):
    app = _unlocked(open_app, monkeypatch)
    bad = OUTCOMES_HEADER + "X1,New team,US-CT,2020,2020-Q1,20,30\n"
    app.file_uploader[0].set_value(("bad.csv", bad.encode(), "text/csv")).run()
    shown = [e.value.replace("\\", "") for e in app.error]  # the text as the page shows it (escaped Markdown)
    assert any("1 problem(s) in bad.csv" in text and "nothing was imported" in text for text in shown)
    assert not any(b.label.startswith("Confirm") for b in app.button)

"""In real Chromium: /reports behind the offline admin door draws every section of a region's report, on a
desktop and a phone, with nothing serious for axe and no request leaving the machine; the Import page
checks a file, shows its quality report, and imports only when Confirm is pressed."""

from __future__ import annotations

from ipsdash.pipeline import manifest
from tests import harness
from tests.e2e.checks import axe
from tests.e2e.conftest import PASSWORD
from tests.unit.conftest import OUTCOMES_HEADER


def _unlock(page) -> None:
    page.get_by_label("Admin password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()


def test_a_region_report_draws_every_section_on_desktop_and_phone(browser, served, screenshot_dir):
    base, _ = served
    for size in ((1280, 720), (390, 844)):
        page, watch = harness.open_page(browser, size)
        page.goto(base + "/reports")
        harness.wait_until_drawn(page)
        _unlock(page)
        harness.wait_until_drawn(page, charts=6)
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.get_by_role("heading", name="What changed since 2014-Q3").is_visible()
        assert page.get_by_text("Demonstration data").first.is_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth") <= size[0]  # no sideways scrolling
        if screenshot_dir:
            page.screenshot(path=str(screenshot_dir / f"reports-{size[0]}.png"), full_page=True)
        found = axe(page)
        assert found["rules"] > 20 and found["serious"] == [], found["serious"]
        assert watch.blocked == []
        page.context.close()


def test_the_import_page_checks_then_imports_on_confirm(browser, served, tmp_path, screenshot_dir):
    base, data = served
    upload = tmp_path / "q1.csv"
    upload.write_text(OUTCOMES_HEADER + "X1,New team,US-CT,2020,2019-Q4,20,8\nX1,New team,US-CT,2020,2020-Q1,20,1\n")
    page, watch = harness.open_page(browser, (1280, 900))
    page.goto(base + "/import")
    harness.wait_until_drawn(page)
    _unlock(page)
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_text("Quality check").first.wait_for()
    harness.wait_until_drawn(page)
    assert page.get_by_text("employment rate under 15.5% or over 75%: 1").is_visible()
    assert manifest.read_entries(data) == []  # checked, not imported
    if screenshot_dir:
        page.screenshot(path=str(screenshot_dir / "import-check.png"), full_page=True)
    page.get_by_role("button", name="Confirm: import 2 rows from q1.csv").click()
    page.get_by_text("Imported 2 rows from q1.csv").wait_for(timeout=120_000)
    assert [e.original_name for e in manifest.read_entries(data)] == ["q1.csv"]
    assert watch.blocked == []
    page.context.close()

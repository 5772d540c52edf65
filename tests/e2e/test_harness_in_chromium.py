"""The harness itself: both ways of opening a page catch a request to an outside host, and it fails."""

from __future__ import annotations

import pytest

from tests import harness

FETCH_OUTSIDE = """async () => {
  try { await fetch('http://example.com/ipsdash-probe', {mode: 'no-cors'}); return 'reached'; }
  catch (err) { return 'failed'; }
}"""


@pytest.mark.parametrize("intercept", [True, False], ids=["routed", "observed"])
def test_outside_request_is_recorded_and_fails(browser, base_url, intercept):
    page, watch = harness.open_page(browser, intercept=intercept)
    try:
        page.goto(base_url + "/sources")
        harness.wait_until_drawn(page)
        assert watch.blocked == []  # the app itself asks nothing of the outside world
        assert page.evaluate(FETCH_OUTSIDE) == "failed"
        assert watch.blocked == ["http://example.com/ipsdash-probe"]
    finally:
        page.context.close()

"""Accessibility in real Chromium: axe-core finds nothing serious on any page, on a desktop and on a
phone; charts have a text alternative a screen reader announces; everything works from the keyboard,
with a visible focus ring, and the presenter's clicker keys leave Tab free to move through controls."""

from __future__ import annotations

import re

import pytest

from tests import harness
from tests.e2e import checks

PAGES = {"/": 0, "/map": 1, "/growth": 1, "/outcomes": 2, "/fidelity": 1, "/sources": 0, "/present": 1}
# Tall windows, so that what lies below the fold is in view and its colours can be measured too.
DESKTOP, PHONE = (1280, 1600), (390, 1600)
FOCUS_RING = """() => {
  const e = document.activeElement, style = getComputedStyle(e), box = e.getBoundingClientRect();
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
    || /\\d+(\\.\\d+)?px/.test(style.boxShadow.replace(/0px 0px 0px 0px/g, ''));
  return {tag: e.tagName, name: (e.innerText || e.getAttribute('aria-label') || '').split('\\n')[0].trim(),
          ring, shown: box.width > 2 && box.height > 2};
}"""


@pytest.mark.parametrize("path", list(PAGES))
def test_axe_finds_nothing_serious_on_desktop_or_phone(open_page, path):
    page, watch = open_page(path, DESKTOP, PAGES[path])
    desktop = checks.axe(page)
    page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
    page.wait_for_function(harness.CHARTS_FIT)
    harness.wait_until_drawn(page, charts=PAGES[path])
    phone = checks.axe(page)
    assert desktop["rules"] > 20 and phone["rules"] > 20  # axe ran its rules on the page
    assert desktop["serious"] == [], f"{path} at {DESKTOP}: {desktop['serious']}"
    assert phone["serious"] == [], f"{path} at {PHONE}: {phone['serious']}"
    assert watch.blocked == []


def test_charts_are_announced_with_their_text_alternative_and_the_data_opens_by_keyboard(open_page):
    page, _ = open_page("/outcomes", (1280, 900), charts=2)
    figures = page.get_by_role("figure")
    assert figures.count() == 2
    names = [figures.nth(i).get_attribute("aria-label") or "" for i in range(2)]
    assert re.search(r"hart of documented employment rates", names[0]) and "Source" in names[0]
    assert names[1].startswith("Dumbbell chart of employment") and re.search(r"\d+ trials", names[1])
    # The lazy 'data drawn' panel opens from the keyboard and shows the same words and the table.
    panel = page.locator('[data-testid="stExpander"]', has_text="The data drawn, and downloads").first
    panel.locator("summary").focus()
    assert page.evaluate(FOCUS_RING)["ring"]
    page.keyboard.press("Enter")
    panel.locator('[data-testid="stDataFrame"]').wait_for()
    assert panel.get_by_text(names[0][:60]).count() == 1


def test_focus_is_visible_and_the_clicker_keys_leave_tab_working_on_present(open_page, screenshot_dir):
    page, _ = open_page("/present", (1280, 720), charts=1)
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_RING)
        assert focus["shown"] and focus["ring"], f"no visible focus on {focus}"
        reached.append(focus["name"] if focus["tag"] == "BUTTON" else focus["tag"])
    buttons = [n for n in reached if n in ("« First", "‹ Previous", "Next ›", "Last »")]
    assert buttons == ["« First", "‹ Previous", "Next ›", "Last »"], reached
    if screenshot_dir:
        page.screenshot(path=screenshot_dir / "present-focus-1280.png")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUS_RING)["name"] == "Next ›"
    page.keyboard.press("Enter")  # a focused button works from the keyboard
    page.wait_for_function("() => new URLSearchParams(location.search).get('slide') === '2'")
    harness.wait_until_drawn(page)
    page.keyboard.press("PageDown")  # what a clicker sends
    page.wait_for_function("() => new URLSearchParams(location.search).get('slide') === '3'")
    harness.wait_until_drawn(page)
    seen = []
    for _ in range(3):  # Tab still moves from control to control, each with its ring
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_RING)
        assert focus["tag"] != "BODY" and focus["ring"], f"Tab after the clicker reached {focus}"
        seen.append(page.evaluate("() => document.activeElement.outerHTML"))
    assert len(set(seen)) == 3


def test_the_map_year_changes_from_the_keyboard(open_page):
    page, _ = open_page("/map?year=2010", (1280, 720), charts=1)
    thumb = page.get_by_role("slider").first
    thumb.focus()
    assert page.evaluate(FOCUS_RING)["ring"]
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => new URLSearchParams(location.search).get('year') === '2009'")
    harness.wait_until_drawn(page, charts=1)
    assert page.locator(".annotation-text").first.text_content().endswith("by 2009")

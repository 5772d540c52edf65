"""Nothing needs dragging, and nothing is too small to hit (WCAG 2.2: 2.5.7 dragging movements, 2.5.8 target
size), in real Chromium: every control on every page is at least 24 x 24 px on a desktop and on a phone; the
map's year moves a year at a time with buttons named for the year they go to, by click or key; the map's own
Play and Pause work by keyboard; and the map's area profile opens, changes and closes from the keyboard alone."""

from __future__ import annotations

import pytest

from tests import harness

PAGES = {"/": 0, "/map": 1, "/map?view=us&area=US-NH": 2, "/growth": 1, "/outcomes": 2, "/fidelity": 1}
PAGES |= {"/sources": 0, "/present": 1}
DESKTOP, PHONE = (1280, 720), (390, 844)
# Every control a keyboard reaches, measured as the box a pointer hits: a visually hidden input (radio,
# checkbox, slider) by its label or the thumb around its 1-px wrapper; a link shown only on focus (skip
# to content) while focused. Not measured: what is not drawn (a tooltip's empty trigger) or lies wholly
# off the page (a phone's closed menu). The two exceptions WCAG allows and this test applies:
#  - inline: a link inside a sentence (its height is the line's);
#  - spacing: an undersized target whose 24-px circle meets no other target and no other such circle.
TARGETS = """() => {
  const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const tiny = e => { const r = e.getBoundingClientRect(); return r.width <= 1 && r.height <= 1; };
  const boxes = [], seen = new Set();
  for (const e of document.querySelectorAll(FOCUSABLE)) {
    let target = e;
    if (e.tagName === 'INPUT' && tiny(e.parentElement)) target = e.closest('label') || e.parentElement.parentElement;
    if (seen.has(target)) continue;
    seen.add(target);
    let r = target.getBoundingClientRect();
    if (tiny(target)) { target.focus(); r = target.getBoundingClientRect(); target.blur(); }
    const style = getComputedStyle(target);
    if (r.width * r.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
    if (r.right <= 0 || r.left >= window.innerWidth) continue;
    const sentence = e.tagName === 'A' && e.closest('p, li');
    boxes.push({
      name: (e.getAttribute('aria-label') || e.innerText || e.title || e.type || e.tagName).trim().split('\\n').pop(),
      where: (e.closest('[data-testid]') || {dataset: {}}).dataset.testid || '',
      left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
      inline: !!sentence && sentence.textContent.trim().length > e.textContent.trim().length,
    });
  }
  const centre = b => [(b.left + b.right) / 2, (b.top + b.bottom) / 2];
  const gap = (p, b) => Math.hypot(Math.max(b.left - p[0], 0, p[0] - b.right),
                                   Math.max(b.top - p[1], 0, p[1] - b.bottom));  // a point to a box
  const small = b => b.width < 23.5 || b.height < 23.5;  // sub-pixel layout: 23.8 px drawn is not a failure
  return boxes.filter(b => small(b) && !b.inline).filter(b => {
    const c = centre(b);
    const apart = o => Math.hypot(...centre(o).map((v, i) => v - c[i]));
    return boxes.some(o => o !== b && (gap(c, o) < 12 || (small(o) && apart(o) < 24)));
  }).map(b => `${b.name} (${b.where}): ${b.width.toFixed(1)} x ${b.height.toFixed(1)} at ${b.left},${b.top}`);
}"""
COUNT = "() => document.querySelectorAll('button, input, a[href]').length"


@pytest.mark.parametrize("path", list(PAGES))
def test_every_control_is_at_least_24_px_on_desktop_and_phone(open_page, path):
    page, watch = open_page(path, DESKTOP, PAGES[path])
    too_small = {}
    for size in (DESKTOP, PHONE):
        if size != DESKTOP:
            page.set_viewport_size({"width": size[0], "height": size[1]})
            page.wait_for_function(harness.CHARTS_FIT)
            harness.wait_until_drawn(page, charts=PAGES[path])
        assert page.evaluate(COUNT) >= 5  # the page drew its controls
        too_small[size] = page.evaluate(TARGETS)
    assert too_small == {DESKTOP: [], PHONE: []}
    assert watch.blocked == []


YEAR = "() => new URLSearchParams(location.search).get('year')"
NOTE = harness.FIRST_NOTE_JS


def _year_is(page, year: str) -> None:
    page.wait_for_function(f"() => ({YEAR})() === '{year}'")
    harness.wait_until_drawn(page, charts=1)
    assert page.evaluate(NOTE).endswith(f"by {year}")  # the map shows that year


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_year_steps_by_buttons_named_for_their_year_by_click_and_key(open_page, size):
    page, watch = open_page("/map?year=2004", size, 1)
    previous = page.get_by_role("button", name="Previous year (2003)", exact=True)
    following = page.get_by_role("button", name="Next year (2005)", exact=True)
    for button in (previous, following):
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24 and box["x"] + box["width"] <= size[0]
    following.click()  # one click, no drag
    _year_is(page, "2005")
    page.get_by_role("button", name="Next year (2006)", exact=True).focus()
    page.keyboard.press("Enter")
    _year_is(page, "2006")
    assert page.get_by_role("button", name="Next year (2007)", exact=True).evaluate("e => e === document.activeElement")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    _year_is(page, "2005")
    page.get_by_role("slider").focus()  # the slider's own keys still step and jump
    page.keyboard.press("Home")
    _year_is(page, "1990")
    assert page.get_by_role("button", name="Previous year", exact=True).is_disabled()
    page.keyboard.press("End")  # the last year: the URL drops the year, the map shows it
    page.wait_for_function(f"() => ({YEAR})() === null")
    harness.wait_until_drawn(page, charts=1)
    assert page.get_by_role("button", name="Next year", exact=True).is_disabled()
    assert page.get_by_role("button", name="Previous year", exact=False).first.is_enabled()
    assert watch.blocked == []


AREA = "() => new URLSearchParams(location.search).get('area')"
FOCUSED = "() => document.activeElement.getAttribute('aria-label') || document.activeElement.textContent"


def _press_tab_until(page, name: str, limit: int = 60) -> None:
    """Tab until the focused control is `name` (its accessible name or text), as a keyboard user gets there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED).startswith(name):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {name!r}")


def _area_is(page, area: str | None, charts: int) -> None:
    page.wait_for_function(f"([wanted]) => ({AREA})() === wanted", arg=[area])
    harness.wait_until_drawn(page, charts=charts)


def test_the_area_profile_opens_changes_and_closes_by_keyboard_alone(open_page):
    page, watch = open_page("/map", DESKTOP, 1)
    _press_tab_until(page, "Area profile")  # from the top of the page, through every control before it
    page.keyboard.type("Netherl")
    page.keyboard.press("Enter")
    _area_is(page, "NLD", 2)
    assert page.get_by_role("heading", name="Profile: Netherlands (NLD)").is_visible()
    assert page.evaluate(FOCUSED) == "Area profile"  # the picker keeps the focus through the rerun
    page.keyboard.press("Escape")  # clears the pick: the profile closes, focus stays
    _area_is(page, None, 1)
    assert page.get_by_role("heading", name="Profile: Netherlands (NLD)").count() == 0
    assert page.evaluate(FOCUSED) == "Area profile"
    page.keyboard.type("Italy")
    page.keyboard.press("Enter")
    _area_is(page, "ITA", 2)
    _press_tab_until(page, "Emilia-Romagna")  # a sub-area of the profile is a real button
    page.keyboard.press("Enter")
    _area_is(page, "IT-45", 2)
    assert page.get_by_role("heading", name="Profile: Emilia-Romagna, Italy (IT-45)").is_visible()
    assert watch.blocked == []


INTERRUPTED = """() => {
  const plot = document.querySelector('.js-plotly-plot');
  window.__interrupted = false;
  plot.on('plotly_animationinterrupted', () => { window.__interrupted = true; });
}"""


def test_the_map_s_play_and_pause_work_by_keyboard(open_page):
    page, watch = open_page("/map?year=2000", DESKTOP, 1)
    _press_tab_until(page, "Play")  # Plotly draws it in SVG: without our script Tab never gets there
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "button"
    page.keyboard.press("Enter")  # the years run from the first, one after another
    page.wait_for_function("() => /by 19\\d\\d/.test(document.querySelector('.annotation-text').textContent)")
    page.evaluate(INTERRUPTED)
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Pause"
    page.keyboard.press("Space")  # stops the animation where it is
    page.wait_for_function("() => window.__interrupted")
    assert watch.blocked == []

"""Each page settles in real Chromium with the network blocked: no exception, no outside request."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from tests import harness

PAGES = {
    "/": ("Individual Placement and Support worldwide", 0),
    "/sources": ("Sources and data", 0),
    "/map": (re.compile(r"^Countries by year of first IPS programme, as of 20\d\d$"), 1),
    "/growth": ("How IPS grew", 1),
    "/outcomes": ("Employment outcomes", 2),
    "/fidelity": ("Fidelity and employment", 1),
    "/growth?tab=Adoption+curves": ("How IPS grew", 1),
    "/growth?tab=Learning+community+vs+outside": ("How IPS grew", 1),
    "/map?view=us&area=US-NH": (re.compile(r"^US states by year of first IPS programme, as of 20\d\d$"), 2),
    "/present": ("Where it started", 1),
}


@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_draws_offline_without_errors(open_page, screenshot_dir, path):
    """At a 1280x720 projector, then the same page widened to 1920x1080 (one load: the suite stays short)."""
    heading, charts = PAGES[path]
    page, watch = open_page(path, (1280, 720), charts)
    for size in [(1280, 720), (1920, 1080)]:
        if size[0] != 1280:
            page.set_viewport_size({"width": size[0], "height": size[1]})
            page.wait_for_function(harness.CHARTS_FIT)
            harness.wait_until_drawn(page, charts=charts)
        assert page.get_by_role("heading", name=heading).is_visible()
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator(".js-plotly-plot .main-svg").count() >= charts
        # The modebar is there (zoom, reset), but not its camera: that picture would have no source line.
        # (A slide on /present shows no modebar at all.)
        if charts and not path.startswith("/present"):
            assert page.locator(".js-plotly-plot .modebar-btn").count() > 0
        assert page.locator('.modebar-btn[data-title^="Download plot"]').count() == 0
        if screenshot_dir:
            name = path.strip("/").replace("?", "-").replace("&", "-").replace("=", "_") or "home"
            page.screenshot(path=screenshot_dir / f"{name}-{size[0]}.png")
    assert watch.blocked == [], f"requests left the machine: {watch.blocked}"


def test_home_cards_show_figures_and_link_to_their_source(open_page):
    page, _ = open_page("/")
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert "857" in values and "55% vs 25%" in values
    page.get_by_role("link", name=re.compile(r"^Source: Pogue et al\. \(2022\)")).first.click()
    page.wait_for_function("() => location.pathname === '/sources' && location.search.includes('source=pogue2022')")
    page.wait_for_function("() => [...document.querySelectorAll('p')].some(p => /values match/.test(p.innerText))")
    assert page.get_by_text("values match").first.inner_text().split()[0].isdigit()


def test_filtered_values_download_as_safe_csv(open_page, real_store):
    page, watch = open_page("/sources?geo=NLD")
    expected = real_store.execute("SELECT count(*) FROM observations WHERE geo_code = 'NLD'").fetchone()[0]
    assert page.get_by_text(f"{expected} values match").is_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name=f"Download these {expected} values (CSV)").click()
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)  # Excel reads it as UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("obs_id,geo_code,geo_name")
    assert len(lines) == expected + 1
    assert all(",NLD," in line for line in lines[1:])
    assert watch.blocked == []


def test_growth_chart_settings_popover_changes_scale_and_url(open_page):
    page, watch = open_page("/growth?scale=cubic", charts=1)
    # A bad link parameter is reported where it can be seen, not inside the closed settings popover.
    assert page.get_by_text("The link's scale = 'cubic' is not one of linear, log").is_visible()
    page.get_by_role("button", name="Chart settings").click()
    page.get_by_text("Log", exact=True).click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('scale') === 'log'")
    page.wait_for_function("() => document.querySelector('.js-plotly-plot')?._fullLayout?.yaxis?.type === 'log'")
    assert page.get_by_text("Chart settings: log scale").is_visible()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert watch.blocked == []


def test_each_page_in_the_navigation_has_an_icon_and_the_tab_icon_is_served_here(open_page):
    """The menu's icons come from the font Streamlit ships; the browser tab's icon is a file of ours served by
    the app (a Material icon there would be fetched from Google's font CDN)."""
    page, watch = open_page("/", (1280, 720), 0)
    links = page.locator('[data-testid="stTopNavLink"]')
    assert links.count() >= 7
    for i in range(links.count()):
        assert links.nth(i).locator('[data-testid="stIconMaterial"]').count() == 1, links.nth(i).inner_text()
    href = page.evaluate("() => document.querySelector(\"link[rel='shortcut icon']\").href")
    assert not harness._outside(href), href
    assert page.request.get(href).headers["content-type"] == "image/png"
    assert watch.blocked == []

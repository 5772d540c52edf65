"""The adoption map draws real shapes in Chromium with the network blocked, animates, and opens profiles."""

from __future__ import annotations

import pytest

from ipsdash.views import map as map_view
from ipsdash.views import settings
from tests import harness

COLOURED = """() => [...document.querySelectorAll('.choroplethlocation')]
  .filter(p => getComputedStyle(p).fill !== 'rgb(228, 230, 234)').length"""
CENTRE_OF = """(code) => {
  const path = [...document.querySelectorAll('.choroplethlocation')].find(p => p.__data__ && p.__data__.loc === code);
  const r = path.getBoundingClientRect();
  return [r.left + r.width / 2, r.top + r.height / 2];
}"""


def _local_responses(page) -> list[tuple[int, str]]:
    responses: list[tuple[int, str]] = []
    page.on("response", lambda r: responses.append((r.status, r.url)))
    return responses


def _countries_started_by(con, year: int) -> int:
    return con.execute(
        "SELECT count(DISTINCT geo_code) FROM milestones JOIN geographies USING (geo_code) WHERE level = 'country' "
        "AND event IN ('first_programme', 'jj_dartmouth_pilot') AND year <= ?",
        [year],
    ).fetchone()[0]


def test_world_map_draws_country_shapes_offline(browser, base_url, real_store):
    last = map_view.options(real_store).years["world"][-1]
    view = map_view.build(real_store, settings.MapSettings("world", "first_programme", last))
    in_view = sum(len(trace.locations) for trace in view.figure.data if trace.type == "choropleth")
    page, watch = harness.open_page(browser, (1280, 720))
    responses = _local_responses(page)
    page.goto(base_url + "/map")
    harness.wait_until_drawn(page, charts=1)
    # Every country in view drew from our GeoJSON (the grey ones too): Plotly's base map is not drawn.
    assert page.locator(".choroplethlocation").count() == in_view > 150
    assert page.locator(".geo .layer.land path").count() == 0
    assert page.evaluate(COLOURED) >= 20  # the 20 countries with IPS
    assert page.evaluate(harness.FIRST_NOTE_JS) == f"20 countries with IPS documented by {last}"
    assert (200, base_url + "/app/static/geo/world.geojson") in responses
    assert (200, base_url + "/app/static/topojson/world_110m.json") in responses  # the empty one Plotly asks for
    assert watch.blocked == [], f"requests left the machine: {watch.blocked}"
    page.context.close()


def test_play_animates_from_the_first_year_to_the_last(browser, base_url, real_store):
    last = map_view.options(real_store).years["world"][-1]
    page, watch = harness.open_page(browser, (1280, 720))
    page.goto(base_url + "/map?year=2000")
    harness.wait_until_drawn(page, charts=1)
    started = _countries_started_by(real_store, 2000)
    assert (
        page.evaluate(harness.FIRST_NOTE_JS)
        == f"{started} {'country' if started == 1 else 'countries'} with IPS documented by 2000"
    )
    page.locator(".updatemenu-button", has_text="▶ Play").click()
    seen = set()
    page.wait_for_function("() => /by 19\\d\\d/.test(document.querySelector('.annotation-text').textContent)")
    seen.add(page.evaluate(harness.FIRST_NOTE_JS))
    page.wait_for_function(
        f"() => /by {last}/.test(document.querySelector('.annotation-text').textContent)", timeout=60_000
    )
    seen.add(page.evaluate(harness.FIRST_NOTE_JS))
    assert f"20 countries with IPS documented by {last}" in seen and len(seen) == 2
    assert watch.blocked == []
    page.context.close()


def test_clicking_the_netherlands_opens_its_profile(browser, base_url):
    page, watch = harness.open_page(browser, (1280, 900))
    page.goto(base_url + "/map")
    harness.wait_until_drawn(page, charts=1)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    x, y = page.evaluate(CENTRE_OF, "NLD")
    page.mouse.click(x, y)
    page.wait_for_function("() => location.search.includes('area=NLD')")
    harness.wait_until_drawn(page, charts=2)
    assert page.get_by_role("heading", name="Profile: Netherlands (NLD)").is_visible()
    assert page.get_by_text("Joined learning community").count() >= 1 or page.locator(".js-plotly-plot").count() == 2
    assert watch.blocked == []
    page.context.close()


@pytest.mark.parametrize(
    ("view", "where"), [("us", "level = 'state'"), ("europe", "level = 'country' AND region = 'Europe'")]
)
def test_other_views_colour_every_area_the_sources_document(browser, base_url, real_store, view, where):
    documented = real_store.execute(
        f"SELECT count(*) FROM geographies WHERE {where} AND ips_status <> 'not_documented'"  # fixed strings
    ).fetchone()[0]
    page, watch = harness.open_page(browser, (1280, 720))
    page.goto(base_url + f"/map?view={view}")
    harness.wait_until_drawn(page, charts=1)
    assert page.evaluate(COLOURED) == documented > 10
    assert watch.blocked == []
    page.context.close()


def test_first_visit_straight_to_map_uses_the_app_navigation(browser):
    # A fresh server: Streamlit's old pages/ mode would run the page without app.py.
    with harness.serve() as fresh:
        page, _ = harness.open_page(browser, (1280, 720))
        page.goto(fresh + "/map")
        harness.wait_until_drawn(page, charts=1)
        links = page.locator('[data-testid="stTopNavLink"], [data-testid="stSidebarNavLink"]')
        nav = [link.get_by_test_id("stMarkdownContainer").inner_text().strip() for link in links.all()]
        # app.py's titles, not the old mode's file names ("app", "home", "map", ...)
        assert nav[:2] == ["Home", "Adoption map"] and "Sources" in nav and "app" not in nav
        assert page.get_by_role("link", name="Adoption map", exact=True).count() == 1
        page.context.close()


def test_the_serving_process_never_maps_the_geometry_stack(browser, base_url):
    """The maps draw from GeoJSON prepared ahead of time (python -m ipsdash geo). After a US map with an
    area open, and every page the suite served before it (slides, exports, the published copy), the app's
    process has mapped no GDAL, GEOS or PROJ."""
    page, _ = harness.open_page(browser, (1280, 720))
    page.goto(base_url + "/map?view=us&area=US-NH")
    harness.wait_until_drawn(page, charts=2)
    page.context.close()
    assert harness.geometry_libraries_mapped(base_url.pid) == []

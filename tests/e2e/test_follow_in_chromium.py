"""The room follows the presenter on one laptop (setting a), in real Chromium: a presenter and a phone in
two browser contexts; the phone follows each step, leaves to explore and comes back, cannot move the
room, and is told when the presenter stops; the presenter view moves the slide window; axe-core finds
nothing serious on /follow or the presenter view, and the new controls are usable at 390 px."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from ipsdash.outputs import publish
from tests import harness
from tests.e2e.checks import axe

PHONE = (390, 844)
H1_IS = "title => document.querySelector('h1') && document.querySelector('h1').innerText === title"
TARGET = """name => {
  const e = [...document.querySelectorAll('button, a')].find(e => e.innerText.includes(name));
  if (!e) return null;
  const r = e.getBoundingClientRect();
  return {width: r.width, height: r.height, left: r.left, right: r.right, inner: window.innerWidth};
}"""


@pytest.fixture(scope="module")
def laptop(real_store, tmp_path_factory):
    """The presenter's laptop: one app process, its follow state in a temporary folder and copied into
    a published copy (IPSDASH_FOLLOW_COPY) that a plain static server serves."""
    folder, site = tmp_path_factory.mktemp("follow"), tmp_path_factory.mktemp("published") / "site"
    publish.publish(real_store, site)
    env = {"IPSDASH_FOLLOW_DIR": str(folder), "IPSDASH_FOLLOW_COPY": str(site)}
    with harness.serve(env=env) as url:
        url.follow_dir, url.site = folder, site
        yield url


@pytest.fixture(scope="module")
def static_server(laptop):
    """A plain static file server (Python's http.server) serving the published copy."""
    port = harness.free_port()
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(laptop.site)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/index.html", timeout=2).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "http.server did not start"
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def open_at(browser, url: str, size=(1280, 720), charts: int = 1):
    page, watch = harness.open_page(browser, size)
    page.goto(url)
    harness.wait_until_drawn(page, charts=charts)
    return page, watch


def shows(page, title: str) -> None:
    """Wait (polling) until the page's slide is `title` and drawn."""
    page.wait_for_function(H1_IS, arg=title, timeout=60_000)  # as long as the harness waits for a page
    harness.wait_until_drawn(page, charts=1)


def start_following(presenter) -> None:
    presenter.get_by_role("button", name="Let the room follow").click()
    presenter.wait_for_function("() => new URLSearchParams(location.search).has('key')")
    presenter.get_by_role("button", name="Stop: let the room go").wait_for()
    harness.wait_until_drawn(presenter)


def state(folder) -> dict:
    return json.loads((folder / "default.json").read_text())


def test_a_phone_follows_explores_comes_back_and_cannot_move_the_room(browser, laptop, titles, screenshot_dir):
    presenter, watch = open_at(browser, laptop + "/present")
    phone, phone_watch = harness.open_page(browser, PHONE)
    try:
        phone.goto(laptop + "/follow?talk=default")
        phone.get_by_text("Waiting for the presenter").wait_for()
        start_following(presenter)
        shows(phone, titles[0])  # the phone's poll noticed the start, without a reload
        for number in (2, 3):
            presenter.keyboard.press("ArrowRight")
            shows(presenter, titles[number - 1])
            shows(phone, titles[number - 1])
            assert phone.get_by_text(f"Following the presenter · slide {number} / 12").is_visible()
            assert phone.get_by_text(re.compile(r"^Sources?:")).first.is_visible()
        if screenshot_dir:
            phone.screenshot(path=screenshot_dir / "follow-390.png")
            presenter.screenshot(path=screenshot_dir / "present-following-1280.png")

        # The phone's keys, and someone else's /present, move only their own window, never the room.
        phone.keyboard.press("ArrowRight")
        intruder, _ = open_at(browser, laptop + "/present?slide=3")
        intruder.keyboard.press("ArrowRight")
        intruder.wait_for_function("() => location.search.includes('slide=4')")
        intruder.get_by_role("button", name="Let the room follow").click()
        intruder.get_by_text("another window already leads the room").wait_for()
        intruder.context.close()
        assert state(laptop.follow_dir)["slide"] == 3
        assert phone.locator("h1").inner_text() == titles[2]

        # Leave to explore: the slide's view on its own page, with its settings; the presenter goes on.
        phone.get_by_role("link", name="Explore this view on its own page").click()
        phone.wait_for_url(re.compile(r"/map\?.*follow=default"))
        harness.wait_until_drawn(phone, charts=1)
        assert "year=2005" in phone.url
        presenter.keyboard.press("ArrowRight")
        presenter.wait_for_function(H1_IS, arg=titles[3])
        assert "/map?" in phone.url  # exploring is not interrupted
        phone.get_by_role("link", name="Back to the presenter").click()
        shows(phone, titles[3])  # back on the slide the presenter is on now

        presenter.get_by_role("button", name="Stop: let the room go").click()
        phone.get_by_text("The presenter has ended the talk").wait_for()
        assert phone.locator("h1").inner_text() == titles[3]  # the phone stays where it is
        assert watch.blocked == [] and phone_watch.blocked == []
    finally:
        presenter.context.close()
        phone.context.close()


def test_the_presenter_view_and_the_slide_window_move_together(browser, laptop, titles, screenshot_dir):
    slides, _ = open_at(browser, laptop + "/present")
    try:
        start_following(slides)
        link = slides.get_by_role("link", name=re.compile("^Presenter view"))
        assert link.get_attribute("target") == "_blank"  # a second window
        with slides.context.expect_page() as opened:
            link.click()
        view = opened.value
        harness.wait_until_drawn(view, charts=2)  # the slide and the next slide's thumbnail
        assert view.get_by_text("Welcome the room.").is_visible()
        assert view.get_by_text(f"Next: {titles[1]}").is_visible()
        view.get_by_text(re.compile(r"^Elapsed \d+:\d\d$")).wait_for()
        view.keyboard.press("ArrowRight")  # a key in the presenter view...
        shows(slides, titles[1])  # ...moves the slide window
        view.wait_for_function("t => document.body.innerText.includes('Next: ' + t)", arg=titles[2])
        slides.keyboard.press("ArrowRight")  # and a key in the slide window moves the presenter view
        view.wait_for_function("t => document.body.innerText.includes('Next: ' + t)", arg=titles[3])
        if screenshot_dir:
            view.screenshot(path=screenshot_dir / "presenter-view-1280.png")
        for page in (view, slides):
            result = axe(page)
            assert result["rules"] > 20 and result["serious"] == [], result["serious"]
        slides.get_by_role("button", name="Stop: let the room go").click()
        slides.get_by_role("button", name="Let the room follow").wait_for()
    finally:
        slides.context.close()


def test_follow_is_accessible_and_its_controls_fit_a_phone(browser, laptop, titles):
    presenter, _ = open_at(browser, laptop + "/present", PHONE)
    phone, _ = open_at(browser, laptop + "/follow?talk=default", PHONE, charts=0)
    try:
        start = presenter.evaluate(TARGET, "Let the room follow")
        assert start["width"] >= 24 and start["height"] >= 24 and start["left"] >= 0 and start["right"] <= 390
        start_following(presenter)
        shows(phone, titles[0])
        for page, name in ((phone, "Explore this view"), (presenter, "Stop: let the room go")):
            target = page.evaluate(TARGET, name)
            assert target["width"] >= 24 and target["height"] >= 24, (name, target)
            assert target["left"] >= 0 and target["right"] <= target["inner"], (name, target)
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
        result = axe(phone)
        assert result["rules"] > 20 and result["serious"] == [], result["serious"]
        presenter.get_by_role("button", name="Stop: let the room go").click()
        phone.get_by_text("The presenter has ended the talk").wait_for()
    finally:
        presenter.context.close()
        phone.context.close()


def published_shows(page, title: str) -> None:
    page.wait_for_function(
        "t => document.getElementById('title')?.innerText === t && document.querySelector('#chart .main-svg')",
        arg=title,
        timeout=60_000,
    )


def test_the_published_follow_page_follows_with_file_requests_alone(
    browser, laptop, static_server, titles, screenshot_dir
):
    presenter, _ = open_at(browser, laptop + "/present")
    phone, watch = harness.open_page(browser, PHONE)
    requests = []
    phone.on("request", lambda r: requests.append((r.method, r.url)))
    try:
        phone.goto(static_server + "/follow.html")
        # Waiting, or the end of an earlier test's session (the module's tests share the folder).
        phone.get_by_text(re.compile("Waiting for the presenter|The presenter has ended")).wait_for()
        start_following(presenter)
        published_shows(phone, titles[0])
        for number in (2, 3):
            presenter.keyboard.press("ArrowRight")
            shows(presenter, titles[number - 1])
            published_shows(phone, titles[number - 1])
        assert phone.get_by_text("Following the presenter · slide 3 / 12").is_visible()
        if screenshot_dir:
            phone.screenshot(path=screenshot_dir / "published-follow-390.png", full_page=True)
        assert phone.locator("#source").inner_text().startswith("Source")

        # Exploring moves this phone alone; a write to the state file is refused by the static server.
        phone.get_by_role("button", name="‹ Previous").click()
        published_shows(phone, titles[1])
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(urllib.request.Request(static_server + "/follow/default.json", b"{}", method="PUT"))
        assert state(laptop.follow_dir)["slide"] == 3
        assert json.loads((laptop.site / "follow" / "default.json").read_text())["slide"] == 3
        presenter.keyboard.press("ArrowRight")
        shows(presenter, titles[3])
        phone.get_by_text("the presenter is on slide 4").wait_for()
        assert phone.locator("#title").inner_text() == titles[1]  # still exploring
        phone.get_by_role("button", name="Back to the presenter").click()
        published_shows(phone, titles[3])

        result = axe(phone)
        assert result["rules"] > 20 and result["serious"] == [], result["serious"]
        presenter.get_by_role("button", name="Stop: let the room go").click()
        phone.get_by_text("The presenter has ended the talk").wait_for()
        assert phone.locator("#title").inner_text() == titles[3]
    finally:
        presenter.context.close()
        phone.context.close()
    assert watch.blocked == []
    assert {method for method, _ in requests} == {"GET"}  # the page only reads
    assert all(url.startswith(static_server) for _, url in requests)

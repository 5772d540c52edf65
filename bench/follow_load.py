"""The follow scenario of bench/load.py: K phones follow the presenter through every slide.

For each target (one app process, the cluster through nginx, the published follow page through nginx),
K headless Chromium phones (390 x 844, each a fresh context) open the follow page and wait for slide 1;
then the presenter steps through every slide. The presenter's step is the same call the step buttons
make (ipsdash.outputs.follow.step, writing the shared state file); a script in each phone records, in
the phone's own clock (Date.now(), the same machine), when the new slide's title is on screen with its
chart drawn. Printed: the delay from each step to each phone's redraw (p50, p95), server CPU-seconds
per follower over the stepping (replicas and nginx apart, so a follower's polling between steps counts
too), replica memory growth per open follower, and errors (a phone that missed a slide).
"""

from __future__ import annotations

import time

from ipsdash.outputs import follow
from ipsdash.outputs import talk_track as talk
from tests import harness

PHONE = (390, 844)
STEP_TIMEOUT = 120.0  # seconds every phone may take to show one step on a shared, busy machine
# In each phone: the moment (epoch ms) each slide title was first on screen with its chart drawn.
RECORD_REDRAWS = """(() => {
  if (window !== window.top) return;
  window.__redraws = {};
  const drawn = %s;
  setInterval(() => {
    const h1 = document.querySelector('h1');
    const title = h1 ? h1.innerText.replace(/\u200b/g, '') : '';  // escaped text keeps links from forming
    if (!title || title in window.__redraws) return;
    try { if (drawn()) window.__redraws[title] = Date.now(); } catch (err) {}
  }, 20);
})();"""
LIVE_DRAWN = """() => {
  const app = document.querySelector('[data-test-script-state]');
  if (!app || document.querySelector('[data-testid="stSkeleton"]')) return false;
  return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'));
}"""
PUBLISHED_DRAWN = "() => !!document.querySelector('#chart .main-svg') || document.querySelector('#chart').hidden"


def _wait_all(pages, title: str, deadline: float) -> list[float | None]:
    """Each phone's redraw time (epoch seconds) of `title`, None for a phone that missed it."""
    found: list[float | None] = [None] * len(pages)
    while time.monotonic() < deadline and None in found:
        for i, page in enumerate(pages):
            if found[i] is None:
                at = page.evaluate("t => (window.__redraws || {})[t]", title)
                found[i] = at / 1000 if at else None
        time.sleep(0.05)
    return found


def follow_run(browser, url: str, k: int, meter, titles: list[str], published: bool, run):
    """K phones following the presenter through every slide of the default talk at `url`; fills and
    returns `run` (bench/load.py's Run), measured by `meter` (its Meter)."""
    follow.end("default")
    key = follow.start("default", len(titles), 1)
    before_open = meter.sample()
    pages = []
    started = time.monotonic()
    try:
        for _ in range(k):
            page, _ = harness.open_page(browser, PHONE, intercept=False)
            page.add_init_script(RECORD_REDRAWS % (PUBLISHED_DRAWN if published else LIVE_DRAWN))
            page.on("crash", lambda _: run.errors.append("a phone crashed"))
            page.goto(url, wait_until="commit")
            pages.append(page)
        first = _wait_all(pages, titles[0], time.monotonic() + 600)
        run.errors += ["a phone never showed slide 1" for at in first if at is None]
        opened = meter.sample()
        rss_per_phone = (opened[3] - before_open[3]) / k
        for number in range(2, len(titles) + 1):
            stepped = time.time()
            follow.step("default", key, number)
            redraws = _wait_all(pages, titles[number - 1], time.monotonic() + STEP_TIMEOUT)
            run.seconds += [at - stepped for at in redraws if at is not None]
            run.errors += [f"slide {number}: a phone did not redraw in time" for at in redraws if at is None]
        meter.record(run, opened, meter.sample())
        run.rss_growth = int(rss_per_phone * k)
        run.errors += [
            "exception shown" for page in pages if not published and page.locator('[data-testid="stException"]').count()
        ]
    finally:
        follow.stop("default", key)
        for page in pages:
            page.context.close()
    run.wall = time.monotonic() - started
    return run


def slide_titles(con) -> list[str]:
    """The default talk's slide titles as the phones show them."""
    _, slides = talk.load_talk("default", talk.options_from(con))
    return [talk.render_slide(con, s).title for s in slides]


def follow_targets(one, many, static) -> list[tuple[object, str, bool]]:
    """(target, the follow page's address, published?) for the three settings."""
    return [
        (one, one.url + "/follow?talk=default", False),
        (many, many.url + "/follow?talk=default", False),
        (static, static.url + "follow.html", True),
    ]


def print_follow(name: str, k: int, slides: int, run, percentile) -> None:
    """One row: delays from step to redraw, and what the server spent per follower."""
    other = max(run.machine_cpu - run.server_cpu - run.nginx_cpu - run.client_cpu, 0)
    print(
        f"follow   {name:<22} {len(run.seconds):>4}/{k * (slides - 1):<4} {percentile(run.seconds, 0.5):>6.2f} "
        f"{percentile(run.seconds, 0.95):>6.2f} {run.wall:>7.1f} {run.server_cpu / k:>9.2f} "
        f"{run.nginx_cpu / k:>8.3f} {run.rss_growth / k / 2**20:>8.1f} {run.client_cpu:>9.1f} {other:>8.1f} "
        f"{len(run.errors):>6}"
    )
    for error in sorted(set(run.errors))[:5]:
        print(f"{'':<10}error: {error}")

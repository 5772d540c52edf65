"""Serve the app and drive real headless Chromium with every non-loopback request blocked.

Shared by the e2e tests and the benchmark so both load pages the same way.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from deploy.cluster import streamlit_command

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("IPSDASH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces for "no request leaves the machine": no host name resolves except localhost.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
DRAWN_JS = """([minCharts, settleMs]) => {
  const ready = (() => {
    const app = document.querySelector('[data-test-script-state]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"]')) return false;
    // Every chart has drawn, and every map has drawn its areas (its GeoJSON arrives separately).
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    if (charts.length < minCharts) return false;
    return charts.every(c => {
      const plot = c.querySelector('.js-plotly-plot');
      if (!plot || !plot.querySelector('.main-svg')) return false;
      return !plot.querySelector('.geo') || plot.querySelectorAll('.choroplethlocation').length > 0;
    });
  })();
  // A rerun can leave the page briefly idle between two runs: require the state to hold a moment.
  if (!ready) { window.__ipsdashReadySince = null; return false; }
  window.__ipsdashReadySince = window.__ipsdashReadySince || performance.now();
  return performance.now() - window.__ipsdashReadySince >= settleMs;
}"""


# After a resize: every chart has been laid out again at its container's new width.
# The first note on the page as a reader reads it: a note folded onto lines (Plotly draws each line as its
# own <tspan class="line">) with a space where it folds.
FIRST_NOTE_JS = """() => {
  const note = document.querySelector('.annotation-text');
  const lines = [...note.querySelectorAll('tspan.line')].map(line => line.textContent);
  return lines.length ? lines.join(' ') : note.textContent;
}"""
CHARTS_FIT = """() => [...document.querySelectorAll('.js-plotly-plot')].every(
  p => p._fullLayout && Math.abs(p._fullLayout.width - p.parentElement.clientWidth) <= 2)"""


def chromium_available() -> bool:
    """True when the Chromium binary the tests drive is installed."""
    return Path(CHROMIUM).exists()


def free_port() -> int:
    """A TCP port nobody is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served(str):
    """A served app's base URL (a str: `base + "/map"`), with the server's process id and the moment
    (time.monotonic) it was started."""

    pid: int
    started: float


# Shared objects of the geometry stack (geopandas' shapely/GEOS, pyproj/PROJ, pyogrio/GDAL): a serving
# process never maps one (geometry is prepared ahead of time by `python -m ipsdash geo`).
GEOMETRY_LIBRARIES = re.compile(r"/(shapely|pyproj|pyogrio|fiona)[./]|lib(gdal|geos|geos_c|proj)[-.]")


def geometry_libraries_mapped(pid: int) -> list[str]:
    """The geometry stack's shared objects mapped into process `pid` (Linux: read from /proc/PID/maps)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return sorted({Path(line.split()[-1]).name for line in maps.splitlines() if GEOMETRY_LIBRARIES.search(line)})


def resident_mib(pid: int) -> float:
    """Resident memory of process `pid` in MiB (Linux: VmRSS in /proc/PID/status)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) / 1024


@contextlib.contextmanager
def serve(
    script: str = "app.py", env: dict[str, str] | None = None, timeout: float = 90, cwd: Path = ROOT
) -> Iterator[Served]:
    """Run `streamlit run script` in `cwd` (this checkout by default) on a free loopback port; yield its base URL."""
    port = free_port()
    command = streamlit_command(script, port)
    log = open(ROOT / f".streamlit-{port}.log", "w+")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
    )
    base = Served(f"http://127.0.0.1:{port}")
    base.pid, base.started = process.pid, time.monotonic()
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"streamlit did not start:\n{log.read()[-3000:]}")
            time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        Path(log.name).unlink(missing_ok=True)


@dataclass
class Watch:
    """What a page tried to do on the network."""

    blocked: list[str] = field(default_factory=list)
    ws_bytes_received: int = 0


def _outside(url: str) -> bool:
    return not url.startswith(("data:", "blob:", "file:")) and (urlparse(url).hostname or "") not in LOOPBACK


def open_page(browser, size: tuple[int, int] = (1280, 800), intercept: bool = True):
    """A new page whose non-loopback requests are recorded; returns (page, watch).

    With `intercept` (the tests), every request is routed through Playwright and outside ones are
    aborted. Without it (the benchmark), requests are only observed: routing pauses each request for
    a round trip to this process, a cost real users never pay that grows with a page's request
    count. Outside hosts still cannot be reached: Chromium runs with no name resolution for them."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, accept_downloads=True)
    page = context.new_page()
    watch = Watch()

    def guard(route):
        if _outside(route.request.url):
            watch.blocked.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    if intercept:
        context.route("**/*", guard)
    else:
        page.on("request", lambda request: watch.blocked.append(request.url) if _outside(request.url) else None)

    def on_websocket(ws):
        if _outside(ws.url):
            watch.blocked.append(ws.url)

        def count(payload):
            watch.ws_bytes_received += len(payload) if payload else 0

        ws.on("framereceived", count)

    page.on("websocket", on_websocket)
    return page, watch


def wait_until_drawn(page, charts: int = 0, settle_ms: int = 300, timeout_ms: int = 60_000) -> None:
    """Wait until the script has finished, at least `charts` Plotly charts are on the page and every
    chart (and map) has drawn, and all of that has held for `settle_ms`."""
    page.wait_for_selector("[data-test-script-state]", timeout=timeout_ms)
    page.wait_for_function(DRAWN_JS, arg=[charts, settle_ms], timeout=timeout_ms, polling=50)


@contextlib.contextmanager
def chromium() -> Iterator:
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()

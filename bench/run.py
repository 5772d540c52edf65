"""Benchmark: each page's time to fully drawn as a ratio to a bare Streamlit page, in one run.

Machines here are shared and noisy, so absolute times mean little: every figure is a ratio to the
bare page (bench/bare_page.py, one Plotly line chart) served and loaded the same way. Each page's
loads alternate with bare-page loads and the ratio is the median of those pairs, so a machine
slowing down part-way through a run does not skew one page against another. Also prints the bytes
each page received over its websocket and the store build time.

    python bench/run.py [--loads 7] [--lang nl --lang it] [--warm]
    (--lang: each page in these languages too; --warm: also a returning visitor's load, the browser's
    cache already holding Streamlit's scripts, as a ratio to the bare page loaded the same way)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipsdash.pipeline.build import build_store  # noqa: E402
from tests import harness  # noqa: E402

# Path -> number of Plotly charts the page must have drawn before it counts as fully drawn.
PAGES = {
    "/": 0,
    "/sources": 0,
    "/map": 1,
    "/map?view=us": 1,
    "/map?area=NLD": 2,
    "/growth": 1,
    "/outcomes": 2,
    "/fidelity": 2,
    "/present": 1,
}


def rerun_ms(reruns: int = 15) -> tuple[float, float]:
    """Median script time of a rerun after a filter change on /growth (app.py records it in session
    state), and the median time AppTest takes for such a rerun, both over `reruns` reruns."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["tab"] = "Trends"
    app.run()
    app.switch_page("app_pages/growth.py").run()
    script_ms, wall_ms = [], []
    for i in range(reruns):
        widget = app.selectbox(key="url_measure").set_value(["lc_states", "programmes"][i % 2])
        started = time.perf_counter()
        widget.run()
        wall_ms.append((time.perf_counter() - started) * 1000)
        script_ms.append(app.session_state["_script_ms"])
    return statistics.median(script_ms), statistics.median(wall_ms)


def import_seconds(rows: int = 100_000) -> float:
    """Seconds to validate and import an outcomes file of `rows` rows (into a copy of data/), store rebuild included."""
    import shutil

    from ipsdash.config import DATA_DIR
    from ipsdash.pipeline import importer

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", "imports", ".build.lock"))
        lines = [f"P{i // 40},Team {i // 40},US-NH,2010,{2000 + (i % 40) // 4}-Q{1 + i % 4},50,20" for i in range(rows)]
        path = Path(tmp) / "big.csv"
        path.write_text(
            "programme_id,programme_name,geo_code,start_year,quarter,clients_served,clients_employed\n"
            + "\n".join(lines)
            + "\n"
        )
        started = time.perf_counter()
        importer.import_file(path, "outcomes", data_dir=data, store_path=data / "store.duckdb")
        return time.perf_counter() - started


def slide_step_ms(browser, base: str) -> float:
    """Median time from pressing the Right arrow on /present to the next slide fully drawn (slides 1-11)."""
    page, _ = harness.open_page(browser, (1280, 720), intercept=False)
    page.goto(base + "/present")
    harness.wait_until_drawn(page, charts=1, settle_ms=0)
    times = []
    for slide in range(2, 12):
        started = time.perf_counter()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => location.search.includes('slide={slide}')", polling=20)
        page.wait_for_function("() => document.querySelector('h1') && !document.querySelector('[data-stale=\"true\"]')")
        harness.wait_until_drawn(page, charts=1, settle_ms=0)
        times.append(time.perf_counter() - started)
    page.context.close()
    return statistics.median(times)


LOAD_TIMEOUT_MS = 240_000  # a shared machine under heavy load can take minutes; a ratio is still a ratio


def time_load(browser, url: str, charts: int) -> tuple[float, int, list[str]]:
    """Seconds from navigation to fully drawn, websocket bytes received, and any blocked requests."""
    page, watch = harness.open_page(browser, intercept=False)
    started = time.perf_counter()
    page.goto(url, timeout=LOAD_TIMEOUT_MS)
    harness.wait_until_drawn(page, charts=charts, settle_ms=0, timeout_ms=LOAD_TIMEOUT_MS)
    elapsed = time.perf_counter() - started
    page.wait_for_timeout(200)  # let trailing websocket frames arrive before counting
    page.context.close()
    return elapsed, watch.ws_bytes_received, watch.blocked


def time_warm_load(context, url: str, charts: int) -> float:
    """Seconds from navigation to fully drawn for a returning visitor: a new tab in `context`, whose
    cache already holds what an earlier visit fetched (Streamlit's and Plotly's scripts)."""
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url, timeout=LOAD_TIMEOUT_MS)
    harness.wait_until_drawn(page, charts=charts, settle_ms=0, timeout_ms=LOAD_TIMEOUT_MS)
    elapsed = time.perf_counter() - started
    page.close()
    return elapsed


def measure_warm(browser, url: str, bare_url: str, loads: int, charts: int) -> float:
    """The median ratio of a returning visitor's load of `url` to one of the bare page (each in its
    own browser context, warmed by one visit), loads interleaved as in `measure`."""
    ours, bare = browser.new_context(), browser.new_context()
    time_warm_load(ours, url, charts)
    time_warm_load(bare, bare_url, 1)
    ratios = [time_warm_load(ours, url, charts) / time_warm_load(bare, bare_url, 1) for _ in range(loads)]
    ours.close()
    bare.close()
    return statistics.median(ratios)


def measure(browser, url: str, bare_url: str, loads: int, charts: int) -> tuple[float, float, int, list[str]]:
    """Loads of `url` interleaved with loads of the bare page (after one warm-up of each), so drift in
    a shared machine's speed hits both alike. Returns the median of the paired ratios, the page's
    median seconds, and the websocket bytes and blocked requests of its last load."""
    time_load(browser, url, charts)
    time_load(browser, bare_url, 1)
    pairs = [(time_load(browser, url, charts), time_load(browser, bare_url, 1)[0]) for _ in range(loads)]
    last = pairs[-1][0]
    ratio = statistics.median(page[0] / bare for page, bare in pairs)
    return ratio, statistics.median(page[0] for page, _ in pairs), last[1], last[2]


def compare(args: argparse.Namespace) -> int:
    """Each page of this checkout and of `--against` (its store built first), both as ratios to the bare
    page, their loads interleaved page by page, so the two versions meet the same machine."""
    import subprocess

    subprocess.run([sys.executable, "-m", "ipsdash", "build"], cwd=args.against, check=True, capture_output=True)
    with (
        harness.chromium() as browser,
        harness.serve("bench/bare_page.py") as bare,
        harness.serve() as app,
        harness.serve(cwd=args.against, env={"PYTHONPATH": str(args.against)}) as other,
    ):
        bare_url = bare + "/"
        print(f"ratio to the bare page: this checkout vs {args.against}")
        print(f"{'page':<16} {'this':>8} {'against':>8}")
        for path, charts in PAGES.items():
            if args.page and path not in args.page:
                continue
            for base in (app, other):  # one warm-up each
                time_load(browser, base + path, charts)
            ours, theirs = [], []
            for _ in range(args.loads):  # this, bare, that, bare: drift hits both versions alike
                ours.append(time_load(browser, app + path, charts)[0] / time_load(browser, bare_url, 1)[0])
                theirs.append(time_load(browser, other + path, charts)[0] / time_load(browser, bare_url, 1)[0])
            print(f"{path:<16} {statistics.median(ours):>8.2f} {statistics.median(theirs):>8.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=7)
    parser.add_argument("--page", action="append", help="measure only these paths (repeatable)")
    parser.add_argument(
        "--lang", action="append", default=[], help="also measure each page in this language (repeatable)"
    )
    parser.add_argument(
        "--against", type=Path, help="another checkout (e.g. a worktree of an older commit) measured in the same run"
    )
    parser.add_argument(
        "--warm", action="store_true", help="also a returning visitor's load (the browser cache already warm)"
    )
    args = parser.parse_args()
    if args.against:
        return compare(args)

    script, wall = rerun_ms()
    print(f"/growth filter change: {script:.0f} ms script time per rerun (median; {wall:.0f} ms as AppTest sees it)")
    with tempfile.TemporaryDirectory() as tmp:
        builds = [build_store(store_path=Path(tmp) / f"bench-{i}.duckdb").seconds for i in range(3)]
    print(f"import of a 100,000-row outcomes file: {import_seconds():.1f} s (validation, raw copy, store rebuild)")
    print(f"store build: median {statistics.median(builds) * 1000:.0f} ms over 3 builds")

    with harness.chromium() as browser, harness.serve("bench/bare_page.py") as bare, harness.serve() as app:
        bare_url = bare + "/"
        bare_times = [time_load(browser, bare_url, 1)[0] for _ in range(args.loads + 1)][1:]
        bare_time = statistics.median(bare_times)
        print(f"bare page (1 Plotly line chart): {bare_time * 1000:.0f} ms")
        print("ratio: median over loads of (page load / the bare load right after it)")
        warm_head = f" {'warm':>6}" if args.warm else ""
        print(f"{'page':<24} {'ratio':>6}{warm_head} {'median ms':>10} {'ws KiB':>8}  outside requests")
        for path, charts in PAGES.items():
            if args.page and path not in args.page:
                continue
            for lang in [None, *args.lang]:
                shown = path if lang is None else f"{path}{'&' if '?' in path else '?'}lang={lang}"
                ratio, seconds, ws_bytes, blocked = measure(browser, app + shown, bare_url, args.loads, charts)
                warm = f" {measure_warm(browser, app + shown, bare_url, args.loads, charts):>6.2f}" if args.warm else ""
                kib = ws_bytes / 1024
                print(f"{shown:<24} {ratio:>6.2f}{warm} {seconds * 1000:>10.0f} {kib:>8.0f}  {len(blocked)}")
        step = slide_step_ms(browser, app)
        print(
            f"/present: key press to next slide drawn: median {step * 1000:.0f} ms = {step / bare_time:.2f} x bare load"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: a fresh server's start and memory, as ratios to a fresh bare Streamlit page, in one run.

Each round starts a new server for the bare page (bench/bare_page.py), this checkout and, with
`--against DIR`, another checkout (a `git worktree` of an older commit), one after another, and for
each measures: seconds from starting the process until it answers its health check, seconds until its
first /map has drawn in headless Chromium (the first page pays for the imports), resident memory after
it, and whether the process has mapped the geometry stack's libraries (GDAL, GEOS, PROJ). Medians over
the rounds; times also as ratios to the bare page's.

    python bench/startup.py [--rounds 5] [--against DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import time_load  # noqa: E402
from tests import harness  # noqa: E402


@dataclass
class Start:
    ready_s: float  # process started -> health check answers
    drawn_s: float  # process started -> first page drawn
    rss_mib: float  # after the first page
    geometry: int  # geometry-stack libraries mapped


def fresh_start(browser, path: str, charts: int, **serve_args) -> Start:
    """Start a new server, load `path` once, measure, stop it."""
    with harness.serve(**serve_args) as base:
        ready = time.monotonic() - base.started
        time_load(browser, base + path, charts)
        drawn = time.monotonic() - base.started
        return Start(ready, drawn, harness.resident_mib(base.pid), len(harness.geometry_libraries_mapped(base.pid)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--page", default="/map", help="the first page each fresh server draws (default: /map)")
    parser.add_argument("--against", type=Path, help="another checkout measured in the same run")
    args = parser.parse_args()

    servers = {"bare page": ({"script": "bench/bare_page.py"}, "/", 1), "this checkout": ({}, args.page, 1)}
    if args.against:
        subprocess.run([sys.executable, "-m", "ipsdash", "build"], cwd=args.against, check=True, capture_output=True)
        env = {"PYTHONPATH": str(args.against)}
        servers[str(args.against)] = ({"cwd": args.against, "env": env}, args.page, 1)
    results: dict[str, list[Start]] = {name: [] for name in servers}
    with harness.chromium() as browser:
        for _ in range(args.rounds):  # one server of each kind per round: drift hits all alike
            for name, (serve_args, path, charts) in servers.items():
                results[name].append(fresh_start(browser, path, charts, **serve_args))

    bare = results["bare page"]
    print(f"fresh servers, median of {args.rounds} rounds; first page: {args.page} (the bare page: its one chart)")
    header = ("server", "ready s", "x bare", "drawn s", "x bare", "RSS MiB", "GDAL,GEOS,PROJ")
    print(f"{header[0]:<28}" + "".join(f"{h:>9}" for h in header[1:6]) + f"{header[6]:>16}")
    for name, starts in results.items():
        ready = statistics.median(s.ready_s for s in starts)
        drawn = statistics.median(s.drawn_s for s in starts)
        ready_x = statistics.median(s.ready_s / b.ready_s for s, b in zip(starts, bare, strict=True))
        drawn_x = statistics.median(s.drawn_s / b.drawn_s for s, b in zip(starts, bare, strict=True))
        rss = statistics.median(s.rss_mib for s in starts)
        libraries = max(s.geometry for s in starts)
        print(
            f"{name[-28:]:<28}{ready:>9.2f}{ready_x:>9.2f}{drawn:>9.2f}{drawn_x:>9.2f}{rss:>9.0f}"
            f"{f'{libraries} mapped' if libraries else 'none':>16}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

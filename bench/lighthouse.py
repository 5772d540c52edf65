"""Lighthouse accessibility score and cumulative layout shift of every page, desktop and phone.

Serves the app on a loopback port and runs Lighthouse (npm `lighthouse`) against the system Chromium,
headless, with every host but the loopback unresolvable. Windows are tall (2400 px) so that nothing
below the fold escapes the audit. Prints one line per page and size: the accessibility score, the
audits that failed, and the layout shift while loading.

    python bench/lighthouse.py [--pages / /present] [--sizes desktop phone] [--json results.json]

Lighthouse is taken from $LIGHTHOUSE, from PATH, or installed once from the npm registry into
~/.cache/ipsdash/lighthouse (12.x: the last major that runs on Debian's Node 20).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import harness  # noqa: E402

PAGES = ["/", "/map", "/growth", "/outcomes", "/fidelity", "/sources", "/present"]
LIGHTHOUSE_VERSION = "12.8.2"
CACHE = Path.home() / ".cache" / "ipsdash" / "lighthouse"
TALL = 2400
SIZES = {
    "desktop": ["--preset=desktop", "--screenEmulation.width=1280", f"--screenEmulation.height={TALL}"],
    "phone": [
        "--form-factor=mobile",
        "--screenEmulation.mobile",
        "--screenEmulation.width=390",
        f"--screenEmulation.height={TALL}",
        "--screenEmulation.deviceScaleFactor=3",
    ],
}


def lighthouse_command() -> list[str]:
    """The Lighthouse executable: $LIGHTHOUSE, on PATH, or installed from npm into the user's cache."""
    found = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    if found:
        return [found]
    installed = CACHE / "node_modules" / ".bin" / "lighthouse"
    if not installed.exists():
        print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {CACHE}", file=sys.stderr)
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )
    return [str(installed)]


def audit(command: list[str], url: str, size: str, out: Path) -> dict:
    """One Lighthouse run; returns the accessibility score, failed accessibility audits and CLS."""
    # Lighthouse splits the flags on spaces unless a value is quoted (the resolver rules have spaces).
    flags = " ".join(
        f'{f.split("=")[0]}="{f.split("=", 1)[1]}"' if " " in f else f
        for f in ["--headless=new", *harness.CHROMIUM_FLAGS[1:]]
    )
    done = subprocess.run(
        [
            *command,
            url,
            # Of the performance audits only layout shift: the others read every script's body, which
            # times out on a loaded machine and is not what this measures.
            "--only-categories=accessibility",
            "--only-audits=cumulative-layout-shift",
            f"--chrome-flags={flags}",
            *SIZES[size],
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            "--max-wait-for-load=60000",
        ],
        env={**os.environ, "CHROME_PATH": harness.CHROMIUM},
        timeout=300,
    )
    if done.returncode:
        return {"accessibility": None, "failed": ["(lighthouse failed: see its message above)"], "cls": float("nan")}
    report = json.loads(out.read_text())
    audits = report["audits"]
    failed = [
        ref["id"]
        for ref in report["categories"]["accessibility"]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]
    where = {
        name: [
            item.get("node", {}).get("selector", "") for item in audits[name].get("details", {}).get("items", [])[:3]
        ]
        for name in failed
    }
    return {
        "accessibility": round(100 * report["categories"]["accessibility"]["score"]),
        "failed": [f"{name} at {', '.join(where[name])}" if where[name] else name for name in failed],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
    }


def warm_up(base: str) -> None:
    """Open one page first, so the measured loads meet a server that has had a visitor (imports done,
    caches warm), as an audience does."""
    with harness.chromium() as browser:
        page, _ = harness.open_page(browser)
        page.goto(base + "/")
        harness.wait_until_drawn(page)
        page.context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", nargs="+", default=PAGES)
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--url", help="audit a running app at this base URL instead of serving one")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    command = lighthouse_command()
    results = []
    with tempfile.TemporaryDirectory() as tmp, harness.serve() if not args.url else _given(args.url) as base:
        warm_up(base)
        print(f"{'page':<12} {'size':<8} {'a11y':>4} {'CLS':>6}  failed audits")
        for path in args.pages:
            for size in args.sizes:
                row = {"page": path, "size": size, **audit(command, base + path, size, Path(tmp) / "report.json")}
                results.append(row)
                score = "-" if row["accessibility"] is None else row["accessibility"]
                print(f"{path:<12} {size:<8} {score:>4} {row['cls']:>6.3f}  {' '.join(row['failed'])}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


class _given:
    """A context manager yielding an already running app's URL (no server started or stopped)."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    def __enter__(self) -> str:
        return self.url

    def __exit__(self, *exc) -> None:
        return None


if __name__ == "__main__":
    main()

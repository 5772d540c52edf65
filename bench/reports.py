"""Benchmark: the cost of `report --all` for 50 regions x 500 programmes x 40 quarters, and the /reports page
load as a ratio to a bare Streamlit page (bench/bare_page.py), measured in one run.

A copy of data/ gets one generated outcomes import (50 US states, 10 programmes each, 40 quarters: 500
programmes and 20,000 rows; `--programmes-per-region 500` reads the size as 500 programmes in each
region instead: 25,000 programmes and 1,000,000 rows) and its store; `python -m ipsdash report --all`
then writes a pack per state, timed as a whole process, HTML only and, on a few states, HTML and PDF
(the PDF is one Chromium render a section, so its cost is given per region). The page: navigation to
/reports, the offline admin password typed, until all six charts of the first region's report have
drawn, interleaved with loads of the bare page; the ratio is the median of the pairs.

    python bench/reports.py [--loads 5] [--pdf-regions 3] [--programmes-per-region 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import time_load  # noqa: E402
from ipsdash.config import DATA_DIR  # noqa: E402
from tests import harness  # noqa: E402

STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
]
QUARTERS = 40
PASSWORD = "bench-password"


def make_data(folder: Path, per_region: int) -> tuple[Path, str]:
    """A data/ copy with 50 x `per_region` programmes x 40 quarters imported; returns it and the last quarter."""
    data = folder / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("*.duckdb*", "imports", "logs", ".*.lock"))
    quarters = [f"{2016 + i // 4}-Q{i % 4 + 1}" for i in range(QUARTERS)]
    rng = np.random.default_rng(21)
    lines = ["programme_id,programme_name,geo_code,start_year,quarter,clients_served,clients_employed"]
    for state in STATES:
        for p in range(per_region):
            rate = rng.uniform(0.25, 0.6)
            for q in quarters:
                served = int(rng.integers(20, 120))
                lines.append(
                    f"{state}{p},Team {p} of {state},US-{state},2012,{q},{served},{rng.binomial(served, rate)}"
                )
    source = folder / "outcomes.csv"
    source.write_text("\n".join(lines) + "\n")
    _cli("import", "outcomes", str(source), "--data-dir", str(data), "--store", str(data / "ipsdash.duckdb"))
    return data, quarters[-1]


def _cli(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ipsdash", *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"ipsdash {' '.join(args[:3])} failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def time_reports_page(browser, url: str) -> float:
    """Seconds from navigation to /reports, through the password, until the report's six charts are drawn."""
    page, _ = harness.open_page(browser, intercept=False)
    started = time.perf_counter()
    page.goto(url)
    page.get_by_label("Admin password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    harness.wait_until_drawn(page, charts=6, settle_ms=0, timeout_ms=180_000)
    elapsed = time.perf_counter() - started
    page.context.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--pdf-regions", type=int, default=3)
    parser.add_argument("--programmes-per-region", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        data, quarter = make_data(Path(folder), args.programmes_per_region)
        print(
            f"data: {len(STATES)} regions x {args.programmes_per_region} programmes x {QUARTERS} quarters imported "
            f"in {time.perf_counter() - started:.1f} s"
        )
        paths = ["--data-dir", str(data), "--store", str(data / "ipsdash.duckdb")]
        out = Path(folder) / "packs"
        seconds = _cli("report", "--all", "--quarter", quarter, "--out", str(out), "--no-pdf", *paths)
        sizes = [p.stat().st_size for p in out.glob("*.html")]
        print(
            f"report --all --no-pdf: {len(sizes)} HTML packs in {seconds:.1f} s "
            f"({seconds / len(sizes):.2f} s a region, {statistics.median(sizes) / 1e6:.1f} MB each)"
        )
        pdf_seconds = []
        for state in STATES[: args.pdf_regions]:
            pdf = Path(folder) / f"{state}.pdf"
            html_path = Path(folder) / f"{state}.html"
            pdf_seconds.append(
                _cli("report", f"US-{state}", "--quarter", quarter, "--pdf", str(pdf), "--html", str(html_path), *paths)
            )
        per_region = statistics.median(pdf_seconds)
        print(
            f"report REGION --pdf --html: {per_region:.1f} s a region (median of {len(pdf_seconds)}, one process "
            f"each); report --all with PDFs for {len(STATES)} regions: about {per_region * len(STATES) / 60:.0f} "
            "min at that rate (extrapolated, not measured)"
        )
        env = {"IPSDASH_DATA_DIR": str(data), "IPSDASH_ADMIN_PASSWORD": PASSWORD}
        with harness.serve(env=env) as app, harness.serve("bench/bare_page.py") as bare, harness.chromium() as browser:
            time_reports_page(browser, app + "/reports")
            time_load(browser, bare, 1)
            pairs = [
                (time_reports_page(browser, app + "/reports"), time_load(browser, bare, 1)[0])
                for _ in range(args.loads)
            ]
        ratio = statistics.median(page / base for page, base in pairs)
        print(
            f"/reports (password to six charts drawn): {statistics.median(p for p, _ in pairs):.2f} s, "
            f"{ratio:.2f} x the bare page (median of {args.loads} pairs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

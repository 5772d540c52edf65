"""What a fresh app process's memory is made of: resident memory after importing each library in a
fresh interpreter, and a real server's memory before and after its first pages.

    python bench/import_memory.py

Three tables:
1. each library alone: RSS of a fresh `python -c "import X"` minus that of a bare interpreter;
2. cumulative, in the order the app loads them (each line imports everything above it too);
3. a served app (`streamlit run app.py`): RSS idle, after a first `/`, after a first `/map`, after
   every page; and which of the heavy libraries the server has loaded by then.
Each figure is the median of three fresh processes. Loopback only.
"""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402
from deploy import cluster as deploy_cluster  # noqa: E402

PROBE = (
    "import os, time; started = time.perf_counter(); {imports}; elapsed = time.perf_counter() - started; "
    "print(int(open('/proc/self/statm').read().split()[1]) * os.sysconf('SC_PAGE_SIZE'), elapsed)"
)
# What the app loads, in the order it loads it.
STEPS = [
    ("python", "pass"),
    ("streamlit", "import streamlit"),
    ("pandas + numpy", "import pandas, numpy"),
    ("duckdb", "import duckdb"),
    ("pyarrow (Streamlit's dataframe transport)", "import pyarrow"),
    ("plotly.graph_objects", "import plotly.graph_objects"),
    ("yaml + pycountry", "import yaml, pycountry"),
    ("pycountry databases read", "import pycountry; len(pycountry.countries); len(pycountry.subdivisions)"),
    ("ipsdash.ui.boot (what every page imports)", "import ipsdash.ui.boot"),
    (
        "every ipsdash module the pages use",
        "import ipsdash.views, ipsdash.ui.panels, ipsdash.ui.presenter, ipsdash.ui.admin, ipsdash.outputs.talk_html",
    ),
]
# Measured alone, to show what a page does not load: geometry is prepared ahead of time (python -m
# ipsdash geo), and scipy waits for the first confidence band or growth fit.
NOT_LOADED = [
    ("geopandas (shapely, pyproj, pyogrio)", "import geopandas"),
    ("scipy.special (a fidelity band's t)", "import scipy.special"),
    ("scipy.optimize (growth fits)", "import scipy.optimize"),
]
HEAVY = [
    "streamlit",
    "pandas",
    "numpy",
    "duckdb",
    "pyarrow",
    "plotly",
    "geopandas",
    "shapely",
    "pyproj",
    "pyogrio",
    "scipy",
]
# Loaded into the served app (through PYTHONPATH): on SIGUSR1, write the loaded top-level modules.
SITECUSTOMIZE = textwrap.dedent(
    """
    import os, signal, sys
    def _dump(*_):
        target = os.environ["IPSDASH_MODULES_OUT"]
        with open(target + ".tmp", "w") as out:
            out.write("\\n".join(sorted({name.split(".")[0] for name in list(sys.modules)})))
        os.replace(target + ".tmp", target)
    signal.signal(signal.SIGUSR1, _dump)
    """
)


def rss_after(imports: str) -> tuple[int, float]:
    """Median RSS of three fresh interpreters after `imports`, and the median seconds the imports took."""
    values, seconds = [], []
    for _ in range(3):
        result = subprocess.run(
            [sys.executable, "-c", PROBE.format(imports=imports)], cwd=ROOT, capture_output=True, text=True, check=True
        )
        rss, elapsed = result.stdout.split()[-2:]
        values.append(int(rss))
        seconds.append(float(elapsed))
    return int(statistics.median(values)), statistics.median(seconds)


def mb(value: int) -> str:
    return f"{value / 2**20:6.0f} MB"


def memory(pid: int) -> str:
    """RSS split into anonymous memory (the process's own) and file-backed pages (library code, which
    every replica on a machine shares)."""
    rollup = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":", 1)
        rollup[key] = int(value.split()[0]) * 1024
    return (
        f"{mb(rollup['Rss'])} = {mb(rollup['Anonymous'])} own + {mb(rollup['Rss'] - rollup['Anonymous'])} shared code"
    )


def loaded_modules(pid: int, out: Path) -> set[str]:
    """Top-level modules the served app has imported (asked through the sitecustomize above)."""
    out.unlink(missing_ok=True)
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + 10
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    return set(out.read_text().split()) if out.exists() else set()


def served(tmp: Path) -> None:
    """Serve the app alone (one replica, its own port) and sample its RSS around its first pages."""
    (tmp / "sitecustomize.py").write_text(SITECUSTOMIZE)
    out = tmp / "modules.txt"
    env = {"PYTHONPATH": str(tmp), "IPSDASH_MODULES_OUT": str(out)}
    old = {key: os.environ.get(key) for key in env}
    os.environ.update(env)  # the replica inherits this process's environment
    try:
        with deploy_cluster.running(tmp / "run", replicas=1) as cluster:
            port, pid = cluster.replicas[0]
            url = f"http://127.0.0.1:{port}"
            print(f"{'served app (one process)':<44} {'RSS':>9}")
            print(f"{'  idle, after start':<44} {memory(pid)}")
            for label, paths in (
                ("  after a first /", ["/"]),
                ("  after a first /map", ["/map"]),
                ("  after every page", load.MIX),
            ):
                for path in paths:
                    run = load.Run()
                    load._run_async(load._ws_once(url, path, run))
                    if run.errors:
                        raise RuntimeError(f"{path}: {run.errors}")
                loaded = ", ".join(m for m in HEAVY if m in loaded_modules(pid, out))
                print(f"{label:<44} {memory(pid)}; loaded: {loaded}")
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def main() -> int:
    base, _ = rss_after("pass")
    print(f"{'library alone (fresh interpreter)':<44} {'RSS':>9} {'over bare python':>17} {'import s':>9}")
    for label, imports in STEPS[1:] + NOT_LOADED:
        value, seconds = rss_after(imports)
        print(f"{label:<44} {mb(value)} {mb(value - base):>17} {seconds:>9.2f}")
    print()
    print(f"{'cumulative, in the order the app loads':<44} {'RSS':>9} {'step adds':>17}")
    previous, done = 0, []
    for label, imports in STEPS:
        done.append(imports)
        value, _ = rss_after("; ".join(done))
        print(f"{label:<44} {mb(value)} {mb(value - previous) if previous else '':>17}")
        previous = value
    print()
    with tempfile.TemporaryDirectory() as tmp:
        served(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Load test: K concurrent viewers on a mix of pages, against one app process and against the cluster.

    python bench/load.py [--sessions 20] [--replicas 2] [--clients browser,ws,published,follow] [--followers 10]
                         [--stagger 0] [--timeout 1800]

Starts the cluster of deploy/cluster.py (nginx in front of N replicas, all on 127.0.0.1) and runs
each kind of client against two targets: "one server" (the first replica's own port: one Streamlit
process, as `make run` serves) and "cluster" (nginx). Clients:

- browser: K headless Chromium pages (tests/harness.py), each in a fresh context (a first visit,
  nothing cached), opened at once (or spread over --stagger seconds). A script injected into every
  page records when it is fully drawn (the harness's definition), so the time is the page's own.
- ws: K bare websocket sessions speaking Streamlit's protocol: they ask for the page's script run
  and read until it has finished; no scripts, geometry or drawing. Almost no client CPU, so they
  show the server's side without the browsers competing for the same cores.
- published: K headless Chromium pages, as `browser`, on the published copy the cluster's nginx
  serves at /published/ (static pages, no session): the same mix, page for page (index.html for /,
  talk.html for /present, map.html for /map, ...). Drawn: every Plotly chart has its SVG and every
  map its areas, held for 300 ms. Only nginx should spend CPU; the replicas' CPU shows it.
- follow: --followers phones follow the presenter through every slide of the default talk, against
  one server, the cluster and the published follow page (bench/follow_load.py): the delay from each
  step to each phone's redraw, and CPU and memory per follower.

Printed per run: time to drawn (p50, p95), server CPU-seconds per session (utime+stime of the
replicas, and of nginx, from /proc before/after), resident memory per open session (replica RSS
growth while all K are open / K), errors, and how busy the machine was: the client's own CPU and
everything else's (the machine may be shared). Every replica is warmed first (one session of each
page), so the once-per-process first-load cost is reported apart. Also prints the bytes a phone
receives for /map, straight from Streamlit, through nginx and as the published map.html. Loopback
only; every wait is bounded and --timeout ends the whole run.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import os
import secrets
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import follow_load  # noqa: E402
from bench.run import PAGES  # noqa: E402  (path -> charts the page must draw)
from deploy import cluster as deploy_cluster  # noqa: E402
from tests import harness  # noqa: E402

MIX = ["/", "/map", "/growth", "/outcomes", "/fidelity", "/present"]
# Each live page's counterpart in the published copy, so both runs open the same mix.
PUBLISHED = {
    "/": "index.html",
    "/map": "map.html",
    "/growth": "growth.html",
    "/outcomes": "outcomes.html",
    "/fidelity": "fidelity.html",
    "/present": "talk.html",
}
PHONE = (390, 844)
TICKS = os.sysconf("SC_CLK_TCK")
# Injected into every page: record (in the page's own clock, ms since navigation) when it became fully
# drawn by the harness's definition and stayed so for 300 ms.
RECORD_DRAWN = """(() => {
  if (window !== window.top) return;
  const drawn = %s;
  const timer = setInterval(() => {
    try {
      if (drawn([%d, 300])) { window.__drawnAt = window.__ipsdashReadySince; clearInterval(timer); }
    } catch (err) {}
  }, 50);
})();"""
# A published (static) page: loaded, and every Plotly chart drawn (maps with their areas).
STATIC_DRAWN_JS = """([minCharts, settleMs]) => {
  const charts = [...document.querySelectorAll('.plotly-graph-div')];
  const ready = document.readyState === 'complete' && charts.length >= minCharts && charts.every(c =>
    c.querySelector('.main-svg') && (!c.querySelector('.geo') || c.querySelector('.choroplethlocation')));
  if (!ready) { window.__ipsdashReadySince = null; return false; }
  window.__ipsdashReadySince = window.__ipsdashReadySince || performance.now();
  return performance.now() - window.__ipsdashReadySince >= settleMs;
}"""


@dataclass
class Target:
    """Where the sessions go, and the processes that serve them."""

    name: str
    url: str
    replica_pids: list[int]
    nginx_pid: int | None = None


@dataclass
class Run:
    """What one batch of K sessions measured."""

    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0
    server_cpu: float = 0.0
    nginx_cpu: float = 0.0
    rss_growth: int = 0
    client_cpu: float = 0.0
    machine_cpu: float = 0.0


# --- /proc -------------------------------------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def cpu_seconds(pids: list[int], with_children: bool = False) -> float:
    """utime + stime of these processes, in seconds; with their ended children's too (a browser's
    page processes come and go)."""
    fields = [f for f in map(_stat, pids) if f]
    last = 15 if with_children else 13
    return sum(sum(int(v) for v in f[11:last]) for f in fields) / TICKS


def rss_bytes(pids: list[int]) -> int:
    """Resident memory of these processes."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/statm").read_text().split()
        except OSError:
            continue
        total += int(fields[1]) * os.sysconf("SC_PAGE_SIZE")
    return total


def descendants(root: int) -> list[int]:
    """Every live process below `root`."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))):
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def machine_busy_seconds() -> float:
    """CPU-seconds all cores have spent not idle since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / TICKS


class Meter:
    """CPU and memory of the server, the client (this process and its browsers) and the machine."""

    def __init__(self, target: Target, server_side: set[int]):
        self.target = target
        self.server_side = server_side

    def _nginx(self) -> list[int]:
        pid = self.target.nginx_pid
        return [pid, *descendants(pid)] if pid else []

    def _client(self) -> list[int]:
        return [os.getpid()] + [p for p in descendants(os.getpid()) if p not in self.server_side]

    def sample(self) -> tuple[float, float, float, int, float]:
        return (
            cpu_seconds(self.target.replica_pids),
            cpu_seconds(self._nginx()),
            cpu_seconds(self._client(), with_children=True),
            rss_bytes(self.target.replica_pids),
            machine_busy_seconds(),
        )

    def record(self, run: Run, before: tuple, after: tuple) -> None:
        run.server_cpu, run.nginx_cpu, run.client_cpu = (after[i] - before[i] for i in range(3))
        run.rss_growth = after[3] - before[3]
        run.machine_cpu = after[4] - before[4]


# --- clients -----------------------------------------------------------------------------------


def browser_sessions(
    browser, target: Target, paths: list[str], stagger: float, deadline: float, recorders: dict[str, str]
) -> tuple[Run, list]:
    """Open one fresh Chromium page per path, all at once (or spread over `stagger` s), and wait until
    every one is drawn (or the deadline): `recorders[path]` is the script that records it. Returns the
    run and the pages, still open."""
    run, pages = Run(), []
    started = time.monotonic()
    for i, path in enumerate(paths):
        page, _ = harness.open_page(browser, intercept=False)
        page.add_init_script(recorders[path])
        page.on("response", lambda r, p=path: run.errors.append(f"{p}: HTTP {r.status}") if r.status >= 500 else None)
        page.on("crash", lambda _, p=path: run.errors.append(f"{p}: page crashed"))
        if stagger:
            time.sleep(max(0.0, started + stagger * i / len(paths) - time.monotonic()))  # arrival schedule
        page.goto(target.url + path, wait_until="commit")
        pages.append((path, page))
    for path, page in pages:
        try:
            page.wait_for_function(
                "() => window.__drawnAt !== undefined", timeout=max(deadline - time.monotonic(), 1) * 1000
            )
        except Exception:  # a timeout or a closed page: this session's error, the others go on
            run.errors.append(f"{path}: not drawn in time")
            continue
        if page.locator('[data-testid="stException"]').count():
            run.errors.append(f"{path}: exception shown")
        run.seconds.append(page.evaluate("window.__drawnAt") / 1000)
    run.wall = time.monotonic() - started
    return run, [page for _, page in pages]


async def _ws_session(url: str, path: str, run: Run, started_at: float, hold: asyncio.Event) -> None:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    # A cookie of its own, as a browser gets on its first response, so nginx spreads the sessions.
    cookie = {"Cookie": f"ipsdash_route={secrets.token_hex(16)}"}
    stream = url.replace("http", "ws", 1) + "/_stcore/stream"
    # Like a browser: answers the server's pings but sends none of its own, and waits for the
    # handshake as long as the run allows (the library's defaults would give up after 10-20 s).
    options = {"subprotocols": ["streamlit"], "max_size": None, "ping_interval": None, "open_timeout": None}
    try:
        async with connect(stream, additional_headers=cookie, **options) as ws:
            request = BackMsg()
            request.rerun_script.page_name = path.strip("/")
            await ws.send(request.SerializeToString())
            while True:
                message = ForwardMsg()
                message.ParseFromString(await ws.recv())
                kind = message.WhichOneof("type")
                if kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                    run.errors.append(f"{path}: exception shown")
                if kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    break
            run.seconds.append(time.monotonic() - started_at)
            await hold.wait()  # stay open: memory is sampled with every session open
    except Exception as err:  # refused, closed or malformed: this session's error, the others go on
        run.errors.append(f"{path}: {type(err).__name__} {err}")


async def _ws_batch(target: Target, paths: list[str], stagger: float, deadline: float, meter: Meter, before) -> Run:
    run, hold = Run(), asyncio.Event()
    started = time.monotonic()

    async def one(i: int, path: str) -> None:
        await asyncio.sleep(stagger * i / len(paths))
        await _ws_session(target.url, path, run, time.monotonic(), hold)

    tasks = [asyncio.create_task(one(i, path)) for i, path in enumerate(paths)]
    try:
        async with asyncio.timeout(max(deadline - time.monotonic(), 1)):
            while len(run.seconds) + len(run.errors) < len(paths):
                await asyncio.sleep(0.05)
    except TimeoutError:
        run.errors.append(f"{len(paths) - len(run.seconds) - len(run.errors)} session(s) not finished in time")
    run.wall = time.monotonic() - started
    meter.record(run, before, meter.sample())
    hold.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return run


def ws_sessions(target: Target, paths: list[str], stagger: float, deadline: float, meter: Meter) -> Run:
    """K websocket-only sessions (see the module docstring); measured with all of them open."""
    return _run_async(_ws_batch(target, paths, stagger, deadline, meter, meter.sample()))


def _run_async(coroutine):
    """Run a coroutine to its end on a thread of its own: Playwright's sync API owns this thread's loop."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def live_recorders() -> dict[str, str]:
    """Per live page, the script that records when it is drawn (the harness's definition)."""
    return {path: RECORD_DRAWN % (harness.DRAWN_JS, PAGES[path]) for path in MIX}


def published_recorders(folder: Path) -> dict[str, str]:
    """Per published page, the script that records when all of the charts in its file are drawn."""
    return {
        page: RECORD_DRAWN % (STATIC_DRAWN_JS, (folder / page).read_text().count('class="plotly-graph-div"'))
        for page in PUBLISHED.values()
    }


def measure_browser(browser, target: Target, paths, stagger, deadline, meter: Meter, recorders) -> Run:
    """K browser sessions; server figures sampled while all of them are still open."""
    before = meter.sample()
    run, pages = browser_sessions(browser, target, paths, stagger, deadline, recorders)
    meter.record(run, before, meter.sample())
    for page in pages:
        page.context.close()
    return run


def phone_bytes(browser, url: str, static: bool = False) -> tuple[int, int, int]:
    """Bytes a phone's first visit to `url` receives: HTTP as transferred (headers and compressed
    bodies, Chromium's own count), the websocket's payload, and the number of HTTP requests.
    `static`: a published page (no Streamlit on it)."""
    page, watch = harness.open_page(browser, PHONE, intercept=False)
    http = {"bytes": 0, "requests": 0}

    def finished(event: dict) -> None:
        http["bytes"] += int(event["encodedDataLength"])
        http["requests"] += 1

    cdp = page.context.new_cdp_session(page)
    cdp.on("Network.loadingFinished", finished)
    cdp.send("Network.enable")
    try:
        page.goto(url)
        if static:
            page.wait_for_function(STATIC_DRAWN_JS, arg=[1, 300], timeout=60_000, polling=50)
        else:
            harness.wait_until_drawn(page, charts=1)
        page.wait_for_load_state("networkidle")
    finally:
        page.context.close()
    return http["bytes"], watch.ws_bytes_received, http["requests"]


def warm_up(port: int) -> None:
    """One session of every page on this replica, so its once-per-process first load is not counted."""
    target = Target("warm-up", f"http://127.0.0.1:{port}", [])
    for path in MIX:
        run = Run()
        _run_async(_ws_once(target.url, path, run))
        if run.errors:
            raise RuntimeError(f"warm-up of {path} on port {port} failed: {run.errors}")


async def _ws_once(url: str, path: str, run: Run) -> None:
    hold = asyncio.Event()
    hold.set()
    async with asyncio.timeout(120):
        await _ws_session(url, path, run, time.monotonic(), hold)


def proxied_requests(run_dir: Path) -> int:
    """How many requests nginx has passed to a replica so far (its access log names the upstream)."""
    log = run_dir / "access.log"
    return sum(" upstream=-" not in line for line in log.read_text().splitlines()) if log.exists() else 0


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by the nearest-rank rule; nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def print_run(client: str, target: Target, sessions: int, run: Run) -> None:
    drawn = len(run.seconds)
    per = sessions or 1
    other = run.machine_cpu - run.server_cpu - run.nginx_cpu - run.client_cpu
    print(
        f"{client:<8} {target.name:<22} {drawn:>3}/{sessions:<3} {percentile(run.seconds, 0.5):>6.1f} "
        f"{percentile(run.seconds, 0.95):>6.1f} {run.wall:>7.1f} {run.server_cpu / per:>9.2f} "
        f"{run.nginx_cpu / per:>8.3f} "
        f"{run.rss_growth / per / 2**20:>8.1f} {run.client_cpu:>9.1f} {max(other, 0):>8.1f} {len(run.errors):>6}"
    )
    for error in sorted(set(run.errors))[:5]:
        print(f"{'':<10}error: {error}")


def measure_follow(browser, targets: tuple[Target, Target, Target], server_side: set[int], followers: int) -> None:
    """The follow scenario (bench/follow_load.py) against one server, the cluster and the published copy."""
    from ipsdash.store.database import connect

    with connect() as con:
        titles = follow_load.slide_titles(con)
    print(
        f"follow: {followers} phones (390x844) follow the presenter through {len(titles)} slides; delay = step"
        " to each phone's redraw (s); CPU-s and MB per follower over the stepping"
    )
    for target, url, published in follow_load.follow_targets(*targets):
        run = follow_load.follow_run(browser, url, followers, Meter(target, server_side), titles, published, Run())
        follow_load.print_follow(target.name, followers, len(titles), run, percentile)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions per run (K)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument(
        "--clients",
        default="browser,ws,published,follow",
        help="any of browser, ws, published, follow (comma-separated)",
    )
    parser.add_argument("--followers", type=int, default=10, help="phones following the presenter (follow)")
    parser.add_argument("--stagger", type=float, default=0.0, help="spread the K arrivals over this many seconds")
    parser.add_argument("--run-timeout", type=float, default=600.0, help="seconds one run of K sessions may take")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds the whole load test may take")
    parser.add_argument("--no-bytes", action="store_true", help="skip the phone /map bytes measurement")
    args = parser.parse_args()
    clients = [c.strip() for c in args.clients.split(",") if c.strip()]
    if unknown := set(clients) - {"browser", "ws", "published", "follow"}:
        parser.error(f"unknown client(s): {', '.join(sorted(unknown))} (browser, ws, published, follow)")
    if not deploy_cluster.find_nginx():
        print("nginx is not installed: run `make cluster` once (it installs Debian's nginx) or apt-get install nginx")
        return 1

    def out_of_time(*_):
        raise TimeoutError(f"the load test took longer than --timeout {args.timeout} s")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(args.timeout)
    paths = [MIX[i % len(MIX)] for i in range(args.sessions)]
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start (shared: others' work counts)"
    )
    print(f"pages: {', '.join(MIX)} in turn; {args.sessions} sessions per run; stagger {args.stagger:.0f} s")
    print(f"published copy: {', '.join(PUBLISHED[p] for p in MIX)} in turn, the same number of sessions")
    with tempfile.TemporaryDirectory() as tmp:
        # The presenter's follow state in a folder of the run's own (the replicas and nginx read it there).
        os.environ["IPSDASH_FOLLOW_DIR"] = str(Path(tmp) / "follow")
        return _measure(args, clients, paths, Path(tmp))


def _measure(args, clients: list[str], paths: list[str], tmp: Path) -> int:
    with deploy_cluster.running(tmp / "cluster", args.replicas) as cluster:
        replica_pids = [pid for _, pid in cluster.replicas]
        first_port, first_pid = cluster.replicas[0]
        one = Target("one server", f"http://127.0.0.1:{first_port}", [first_pid])
        many = Target(f"cluster ({args.replicas} replicas)", cluster.url, replica_pids, cluster.nginx_pid)
        static = Target(
            "published copy (nginx)", cluster.url + deploy_cluster.PUBLISHED_URL, replica_pids, cluster.nginx_pid
        )
        server_side = {*replica_pids, cluster.nginx_pid, *descendants(cluster.nginx_pid)}

        before_rss, before_cpu = rss_bytes(replica_pids), cpu_seconds(replica_pids)
        for port, _ in cluster.replicas:
            warm_up(port)
        print(
            f"first load (one session of each page, once per replica): RSS {before_rss / len(replica_pids) / 2**20:.0f}"
            f" -> {rss_bytes(replica_pids) / len(replica_pids) / 2**20:.0f} MB a replica,"
            f" {(cpu_seconds(replica_pids) - before_cpu) / len(replica_pids):.1f} CPU-s a replica"
        )
        with harness.chromium() as browser:
            if not args.no_bytes:
                print("bytes a phone (390x844) receives for /map on a first visit:")
                for name, url in (
                    ("straight from Streamlit", one.url + "/map"),
                    ("through nginx (gzip)", many.url + "/map"),
                    ("published map.html", static.url + "map.html"),
                ):
                    http, ws, requests = phone_bytes(browser, url, static=url.endswith(".html"))
                    print(
                        f"  {name:<24} HTTP {http / 1e6:5.2f} MB in {requests} requests + websocket {ws / 1e3:.0f} kB"
                    )
            print(
                f"{'client':<8} {'target':<22} {'drawn':>7} {'p50 s':>6} {'p95 s':>6} {'wall s':>7} "
                f"{'CPU-s/ses':>9} {'nginx':>8} {'MB/ses':>8} {'client s':>9} {'other s':>8} {'errors':>6}"
            )
            for client in [c for c in clients if c != "follow"]:
                for target in (static,) if client == "published" else (one, many):
                    meter = Meter(target, server_side)
                    deadline = time.monotonic() + args.run_timeout
                    if client == "browser":
                        run = measure_browser(browser, target, paths, args.stagger, deadline, meter, live_recorders())
                    elif client == "published":
                        pages = [PUBLISHED[p] for p in paths]
                        recorders = published_recorders(cluster.published)
                        proxied = proxied_requests(cluster.run_dir)
                        run = measure_browser(browser, target, pages, args.stagger, deadline, meter, recorders)
                        proxied = proxied_requests(cluster.run_dir) - proxied
                    else:
                        run = ws_sessions(target, paths, args.stagger, deadline, meter)
                    print_run("browser" if client == "published" else client, target, args.sessions, run)
                    if client == "published":
                        print(f"{'':<10}requests that reached a replica: {proxied} (their CPU-s is idling)")
            if "follow" in clients:
                measure_follow(browser, (one, many, static), server_side, args.followers)
    print(
        "CPU-s/ses: server CPU-seconds per session (all replicas; for the published copy, what the replicas"
        " spent meanwhile: none of its requests reach them); nginx: nginx's per session; MB/ses: replica RSS"
        " growth per open session; client s: CPU-seconds of this process and its browsers; other s: CPU-seconds"
        " of everything else on the machine during the run."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

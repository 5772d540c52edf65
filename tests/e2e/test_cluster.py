"""The documented cluster (deploy/cluster.py): nginx from Debian's packages in front of two app
replicas, driven by real Chromium. Needs nginx: locally a missing nginx skips with a reason; in CI
(`CI=true`, where .ci/run installs it) it fails."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from deploy import cluster as deploy_cluster
from ipsdash.config import DATA_DIR, ROOT
from tests import harness

LOG_LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d+) \d+ upstream=(?P<upstream>.*) route=(?P<route>\S+)$'
)
STATE_WATCH = """() => {
  window.__connectionStates = [];
  const app = document.querySelector('[data-test-connection-state]');
  new MutationObserver(() => window.__connectionStates.push(app.getAttribute('data-test-connection-state')))
    .observe(app, {attributes: true, attributeFilter: ['data-test-connection-state']});
}"""
RECONNECTED = """() => window.__connectionStates.some(s => s !== 'CONNECTED')
  && document.querySelector('[data-test-connection-state="CONNECTED"]') !== null"""
# A published (static) page is drawn when every Plotly div has drawn its SVG and every map its areas.
PUBLISHED_DRAWN = """() => document.readyState === 'complete'
  && [...document.querySelectorAll('.plotly-graph-div')].every(div => div.querySelector('.main-svg')
    && (!div.querySelector('.geo') || div.querySelector('.choroplethlocation')))"""
ADMIN_PASSWORD = "cluster-door"
# Two people's machines, as the cluster's nginx sees them: a second nginx whose two listeners connect
# onwards from two loopback addresses (Linux routes all of 127.0.0.0/8 to the loopback device).
CLIENTS_CONF = """daemon off;
pid @@RUN@@/clients.pid;
error_log @@RUN@@/clients-error.log warn;
events { worker_connections 256; }
http {
    client_body_temp_path @@RUN@@/clients-body;
    proxy_temp_path @@RUN@@/clients-proxy;
    fastcgi_temp_path @@RUN@@/clients-fastcgi;
    uwsgi_temp_path @@RUN@@/clients-uwsgi;
    scgi_temp_path @@RUN@@/clients-scgi;
    access_log off;
    map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
    @@SERVERS@@
}"""
CLIENT_SERVER = """server {
        listen 127.0.0.1:@@PORT@@;
        location / {
            proxy_pass @@CLUSTER@@;
            proxy_bind @@ADDRESS@@;
            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1h;
        }
    }"""


@pytest.fixture(scope="module")
def cluster(browser, real_store, tmp_path_factory):
    if not deploy_cluster.find_nginx():
        message = "nginx not found; install Debian's nginx package (bash .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # The replicas share a copy of data/, as a deployment's replicas share a volume: imports go there.
    data = tmp_path_factory.mktemp("shared") / "data"
    shutil.copytree(DATA_DIR, data, ignore=shutil.ignore_patterns("imports", "logs", ".*lock", "*.tmp*"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IPSDASH_DATA_DIR", str(data))
        patch.setenv("IPSDASH_ADMIN_PASSWORD", ADMIN_PASSWORD)  # the Import page's door, for the throttle test
        with deploy_cluster.running(tmp_path_factory.mktemp("cluster"), replicas=2) as running:
            running.data_dir = data
            yield running


def proxied_requests(cluster) -> list[dict[str, str]]:
    """nginx's access log, one dict a request that nginx passed to a replica."""
    lines = (cluster.run_dir / "access.log").read_text().splitlines()
    matches = (LOG_LINE.search(line) for line in lines)
    return [m.groupdict() for m in matches if m and m["upstream"] != "-"]


def route_of(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "ipsdash_route")


def replica_of(cluster, route: str) -> str:
    """The one replica that served every proxied request of this visitor."""
    upstreams = {r["upstream"] for r in proxied_requests(cluster) if r["route"] == route}
    assert len(upstreams) == 1, upstreams
    return upstreams.pop()


def wait_for_stream_logged(cluster, route: str, timeout: float = 10) -> None:
    """nginx logs a websocket when it closes: wait for this visitor's to appear."""
    deadline = time.monotonic() + timeout
    while not any(r["path"] == "/_stcore/stream" and r["route"] == route for r in proxied_requests(cluster)):
        assert time.monotonic() < deadline, "nginx never logged the closed websocket"
        time.sleep(0.1)


def fetch(url: str, headers: dict[str, str] | None = None):
    """(status, headers (case-insensitive), body) of a GET."""
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


def test_pages_draw_through_nginx_over_its_websocket(cluster, browser):
    page, watch = harness.open_page(browser)
    sockets = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        page.goto(cluster.url + "/map")
        harness.wait_until_drawn(page, charts=1)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert sockets == [cluster.url.replace("http", "ws", 1) + "/_stcore/stream"]
        assert watch.blocked == []
    finally:
        page.context.close()


def test_one_visitor_stays_on_one_replica_and_visitors_spread(cluster, browser):
    page, _ = harness.open_page(browser)
    try:
        page.goto(cluster.url + "/")
        harness.wait_until_drawn(page)
        page.get_by_role("link", name="Growth").first.click()  # a page change runs over the same websocket
        page.wait_for_url("**/growth")
        harness.wait_until_drawn(page, charts=1)
        route = route_of(page)
    finally:
        page.context.close()
    wait_for_stream_logged(cluster, route)
    assert replica_of(cluster, route) in {f"127.0.0.1:{port}" for port, _ in cluster.replicas}

    # Visitors with different cookies (the same address, as a room behind one NAT) use both replicas.
    for i in range(40):
        fetch(cluster.url + "/_stcore/health", {"Cookie": f"ipsdash_route=visitor-{i}"})
    used = {r["upstream"] for r in proxied_requests(cluster) if r["route"].startswith("visitor-")}
    assert used == {f"127.0.0.1:{port}" for port, _ in cluster.replicas}


def test_scripts_and_geometry_arrive_gzipped_and_cached(cluster):
    _, _, index = fetch(cluster.url + "/")
    bundle = re.search(rb'src="\.?/?(static/js/index\.[^"]+\.js)"', index)
    assert bundle, "no main script in index.html"
    bundle = bundle[1].decode()
    replica = f"http://127.0.0.1:{cluster.replicas[0][0]}"
    # Before: the replica alone sends its main script uncompressed, however the browser asks.
    assert fetch(f"{replica}/{bundle}", {"Accept-Encoding": "gzip"})[1].get("Content-Encoding") is None
    for path in (bundle, "app/static/geo/world.geojson"):
        plain = fetch(f"{replica}/{path}")[2]
        status, headers, body = fetch(f"{cluster.url}/{path}", {"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == plain
        assert len(body) < len(plain) / 2
        assert "max-age=" in headers["Cache-Control"]
    assert "immutable" in fetch(f"{cluster.url}/{bundle}")[1]["Cache-Control"]


def max_age(headers) -> int:
    return int(re.search(r"max-age=(\d+)", headers["Cache-Control"])[1])


def test_the_published_copy_is_served_by_nginx_alone_and_draws_offline(cluster, browser):
    # A phone in the audience. Requests observed, not intercepted: Chromium asks for no /favicon.ico
    # while it routes requests, and a real phone does (outside hosts still cannot resolve).
    page, watch = harness.open_page(browser, (390, 844), intercept=False)
    # A route cookie of its own marks this viewer's requests in nginx's log.
    page.context.add_cookies([{"name": "ipsdash_route", "value": "published-viewer", "url": cluster.url}])
    statuses = []
    page.on("response", lambda r: statuses.append((r.status, r.url)))
    try:
        page.goto(cluster.url + "/published/")  # the folder's index.html
        assert page.get_by_role("heading", level=1).count() == 1
        page.locator("a[href='map.html']").click()  # relative links work under /published/
        page.wait_for_url("**/published/map.html")
        page.wait_for_function(PUBLISHED_DRAWN, timeout=60_000)
        assert page.locator(".choroplethlocation").count() > 0
        page.goto(cluster.url + "/published/talk.html#slide-2")
        page.wait_for_function(PUBLISHED_DRAWN, timeout=60_000)
        charts = (cluster.published / "talk.html").read_text().count('class="plotly-graph-div"')
        assert charts > 1
        assert page.locator(".js-plotly-plot .main-svg").count() >= charts
        assert page.locator("#slide-2").count() == 1
    finally:
        page.context.close()
    assert watch.blocked == []  # nothing from outside: Plotly, geometry and base map all came from nginx
    assert [u for status, u in statuses if status >= 400] == []
    assert [r["path"] for r in proxied_requests(cluster) if r["route"] == "published-viewer"] == []  # nginx alone

    script = (cluster.published / "assets" / "plotly.min.js").read_bytes()
    status, headers, body = fetch(cluster.url + "/published/assets/plotly.min.js", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == script and len(body) < len(script) / 2
    assert max_age(headers) >= 7 * 86400  # a returning phone does not fetch 1.4 MB again
    status, headers, body = fetch(cluster.url + "/published/talk.html", {"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert max_age(headers) <= 600  # a republished copy reaches viewers within minutes


def test_an_import_on_the_shared_data_reaches_every_replica(cluster, browser, tmp_path):
    pages = []
    for port, _ in cluster.replicas:
        page, _ = harness.open_page(browser)
        pages.append(page)
        page.goto(f"http://127.0.0.1:{port}/fidelity")
        harness.wait_until_drawn(page, charts=1)
        assert page.get_by_text("Demonstration data").count()
    outcomes = tmp_path / "outcomes.csv"
    outcomes.write_text(
        "programme_id,programme_name,geo_code,start_year,quarter,clients_served,clients_employed\n"
        + "".join(f"R{i},Team {i},US-VT,2012,2019-Q2,50,{20 + i}\n" for i in range(6))
    )
    done = subprocess.run(
        [sys.executable, "-m", "ipsdash", "import", "outcomes", str(outcomes)],
        cwd=ROOT,
        env={**os.environ, "IPSDASH_DATA_DIR": str(cluster.data_dir)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    try:
        for page in pages:  # each replica reopens the replaced store on its next run, no restart
            page.reload()
            harness.wait_until_drawn(page)
            assert page.get_by_text("Demonstration data").count() == 0
    finally:
        for page in pages:
            page.context.close()


def test_a_dead_replica_is_skipped_and_its_viewers_reconnect(cluster, browser):
    """Runs last in this module: it kills a replica."""
    viewer, _ = harness.open_page(browser)
    newcomers = []
    server_errors = []
    try:
        viewer.goto(cluster.url + "/")
        harness.wait_until_drawn(viewer)
        viewer.evaluate(STATE_WATCH)
        route = route_of(viewer)
        port = int(replica_of(cluster, route).rsplit(":", 1)[1])
        os.kill(dict(cluster.replicas)[port], signal.SIGKILL)

        # New visitors whose cookie points at the dead replica, arriving while it is down.
        for _ in range(2):
            page, _ = harness.open_page(browser)
            page.context.add_cookies([{"name": "ipsdash_route", "value": route, "url": cluster.url}])
            page.on("response", lambda r: server_errors.append(r.url) if r.status >= 500 else None)
            page.goto(cluster.url + "/", wait_until="commit")
            newcomers.append(page)
        for page in newcomers:
            harness.wait_until_drawn(page)
            assert page.locator('[data-testid="stException"]').count() == 0
        assert server_errors == []

        # The viewer's page reconnects (to the surviving replica) and works: it can change page.
        viewer.wait_for_function(RECONNECTED, timeout=30_000)
        viewer.get_by_role("link", name="Growth").first.click()
        viewer.wait_for_url("**/growth")
        harness.wait_until_drawn(viewer, charts=1)
        assert viewer.locator('[data-testid="stException"]').count() == 0
    finally:
        for page in [viewer, *newcomers]:
            page.context.close()
    survivor = next(f"127.0.0.1:{p}" for p, _ in cluster.replicas if p != port)
    wait_for_stream_logged(cluster, route)
    streams = [r for r in proxied_requests(cluster) if r["route"] == route and r["path"] == "/_stcore/stream"]
    assert streams[-1]["upstream"].split(", ")[-1] == survivor  # nginx lists every replica it tried


@pytest.fixture
def two_clients(cluster, tmp_path):
    """{address: URL}: the cluster reached from 127.0.0.2 and from 127.0.0.3."""
    ports = {address: deploy_cluster.free_port() for address in ("127.0.0.2", "127.0.0.3")}
    servers = "\n    ".join(
        CLIENT_SERVER.replace("@@PORT@@", str(port)).replace("@@ADDRESS@@", address).replace("@@CLUSTER@@", cluster.url)
        for address, port in ports.items()
    )
    conf = tmp_path / "clients.conf"
    conf.write_text(CLIENTS_CONF.replace("@@SERVERS@@", servers).replace("@@RUN@@", str(tmp_path)))
    nginx = subprocess.Popen(
        [deploy_cluster.find_nginx(), "-c", str(conf), "-p", str(tmp_path)], start_new_session=True
    )
    urls = {address: f"http://127.0.0.1:{port}" for address, port in ports.items()}
    try:
        deploy_cluster._wait_healthy(urls["127.0.0.2"], nginx, tmp_path / "clients-error.log", time.monotonic() + 30)
        yield urls
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)


def failures_logged() -> list[str]:
    """The audit log's failed unlocks (the replicas write to the suite's IPSDASH_LOG_DIR)."""
    log = Path(os.environ["IPSDASH_LOG_DIR"]) / "audit.log"
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return [line for line in lines if 'event="unlock_failed"' in line]


def wrong_password(page, timeout: float = 30):
    """Send a wrong admin password and wait until the replica logged it; the page's error message."""
    before = len(failures_logged())
    page.get_by_label("Admin password").fill("not the password")
    page.get_by_role("button", name="Unlock").click()
    deadline = time.monotonic() + timeout
    while len(failures_logged()) == before:
        assert time.monotonic() < deadline, "the failed unlock was never logged"
        time.sleep(0.05)
    return page.locator('[data-testid="stAlertContentError"]').first


def test_two_people_behind_the_proxy_are_throttled_separately(cluster, browser, two_clients):
    """Each replica sees the address nginx saw (uvicorn trusts X-Forwarded-For from loopback, where the
    cluster's nginx is), so one person's wrong passwords slow down that person, not the whole room."""
    from playwright.sync_api import expect

    first, _ = harness.open_page(browser)
    pages = [first]
    try:
        first.goto(two_clients["127.0.0.2"] + "/import")
        expect(wrong_password(first)).to_have_text("Wrong password.")
        wrong_password(first)
        expect(wrong_password(first)).to_contain_text("Try again in")  # three failures from 127.0.0.2: wait

        def visitor(address: str):
            """A new session from `address`, on the same replica as the first (the same route cookie)."""
            page, _ = harness.open_page(browser)
            pages.append(page)
            route = {"name": "ipsdash_route", "value": route_of(first), "url": two_clients[address]}
            page.context.add_cookies([route])
            page.goto(two_clients[address] + "/import")
            page.get_by_label("Admin password").wait_for()
            return page

        other = visitor("127.0.0.3")
        answer = wrong_password(other)  # a fresh page: its first error is this run's answer
        answer.wait_for()
        assert answer.inner_text() == "Wrong password."  # someone else's first failure is free
        same = visitor("127.0.0.2")  # a new session from the throttled address is still throttled
        if same.get_by_role("button", name="Unlock").is_enabled():
            expect(wrong_password(same)).to_contain_text("Try again in")
        else:
            expect(same.get_by_text("Too many wrong passwords")).to_be_visible()
    finally:
        for page in pages:
            page.context.close()
    failed = failures_logged()
    assert sum('client="127.0.0.2"' in line for line in failed) >= 3
    assert sum('client="127.0.0.3"' in line for line in failed) == 1


def test_stop_ends_nginx_and_every_replica(cluster):
    """Runs after the kill: `make cluster-stop` ends whatever of the cluster is still running."""
    lines = (cluster.run_dir / "replicas").read_text().splitlines()
    assert [tuple(map(int, line.split())) for line in lines] == cluster.replicas  # one `PORT PID` a line
    pids = [pid for _, pid in cluster.replicas] + [cluster.nginx_pid]
    deploy_cluster.stop(cluster.run_dir)
    assert [pid for pid in pids if deploy_cluster.is_running(pid, "")] == []
    for port in [p for p, _ in cluster.replicas] + [int(cluster.url.rsplit(":", 1)[1])]:
        with pytest.raises(OSError):
            fetch(f"http://127.0.0.1:{port}/_stcore/health")

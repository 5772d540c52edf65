"""Run ipsdash as nginx in front of N Streamlit replicas on one machine, without Docker.

The same topology as deploy/compose.yaml, on loopback only:

    python deploy/cluster.py start [--replicas 2] [--port 8080] [--dir .cluster] [--published DIR] [--install-nginx]
    python deploy/cluster.py stop [--dir .cluster]
    python deploy/cluster.py publish [DIR]
    python deploy/cluster.py render --server app:8501 --listen 8080 --www /srv/www --run /tmp/nginx
    python deploy/cluster.py www DIR

`start` serves the app on free loopback ports, writes the published copy (`python -m ipsdash
publish`, into DIR/www/published unless --published names another folder) while they start,
renders deploy/nginx.conf.template into DIR, starts nginx (Debian's package) in front and prints
its address; nginx serves the app at / and the published copy at /published/. DIR/replicas has
one `PORT PID` line per replica, DIR/nginx.pid nginx's PID. The replicas all run from this
checkout, so they share data/: an import made through any of them rebuilds the one store for all
of them. `publish` rewrites the published copy (after an import, say) while nginx keeps serving.
`make cluster`, `make cluster-stop`, tests/e2e/test_cluster.py and bench/load.py all use this file.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ipsdash.config import follow_dir

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
# Compressed once into .gz twins that nginx serves with gzip_static; fonts and images are already compressed.
COMPRESSIBLE = {".js", ".mjs", ".css", ".json", ".geojson", ".svg", ".html", ".map", ".txt", ".wasm", ".csv"}
START_TIMEOUT = 180.0  # replicas and the published copy, on a machine that may be busy
PUBLISHED_URL = "/published/"


@dataclass
class Cluster:
    """A running cluster: nginx's address and PID, each replica's port and PID, and where the published
    copy is."""

    url: str
    nginx_pid: int
    replicas: list[tuple[int, int]]
    run_dir: Path
    published: Path | None = None  # the published copy's folder, served at /published/
    children: list[subprocess.Popen] = field(default_factory=list, repr=False)


def find_nginx() -> str | None:
    """Path of the nginx binary, if installed."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def install_nginx() -> str:
    """Install Debian's nginx package (as root) when it is missing; return the binary's path."""
    found = find_nginx()
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("nginx is not installed: run `apt-get install nginx` as root (or this command as root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "nginx"], check=True, env=env)
    found = find_nginx()
    if not found:
        raise SystemExit("apt-get installed nginx but no nginx binary is on PATH")
    return found


def free_port() -> int:
    """A loopback TCP port nobody is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_nginx(
    servers: list[str],
    listen: str,
    www: Path,
    run: Path,
    error_log: str = "stderr",
    access_log: str = "/dev/stdout",
    user: str | None = None,
    published: Path | None = None,
    follow: Path | None = None,
) -> str:
    """The nginx configuration for these upstream `host:port` servers, from deploy/nginx.conf.template.
    `published`: the published copy's folder (www/published by default), served at /published/.
    `follow`: the folder of the presenter's follow state (the data folder's follow/ by default),
    whose NAME.json files are served at /published/follow/.
    `user`: the account a root master hands its workers to (none when nginx runs unprivileged)."""
    lines = "\n".join(f"        server {server} max_fails=1 fail_timeout=10s;" for server in servers)
    values = {
        "@@SERVERS@@": lines,
        "@@LISTEN@@": listen,
        "@@WWW@@": str(www),
        "@@PUBLISHED@@": str(published or Path(www) / "published"),
        "@@FOLLOW@@": str(follow or follow_dir()),
        "@@RUN@@": str(run),
        "@@ERROR_LOG@@": error_log,
        "@@ACCESS_LOG@@": access_log,
    }
    text = TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace(key, value)
    if user:
        text = text.replace("worker_processes auto;", f"user {user};\nworker_processes auto;", 1)
    return text


def _tree_stamp(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def prepare_www(www: Path) -> Path:
    """Fill `www` with what nginx serves from disk: Streamlit's frontend bundles at static/, its icon
    and the app's static/ at app/static/, each compressible file beside a .gz twin. Skipped when unchanged."""
    import streamlit

    frontend = Path(streamlit.__file__).parent / "static" / "static"
    app_static = ROOT / "static"
    stamp = _tree_stamp(frontend, app_static)
    stamp_file = www / ".stamp"
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return www
    shutil.rmtree(www, ignore_errors=True)
    shutil.copytree(frontend, www / "static")
    shutil.copytree(app_static, www / "app" / "static")
    shutil.copy2(frontend.parent / "favicon.png", www / "favicon.png")
    write_gzip_twins(www)
    stamp_file.write_text(stamp)
    return www


def write_gzip_twins(folder: Path) -> None:
    """Beside each compressible file of 1 kB or more, its .gz twin, for nginx's gzip_static."""
    for path in list(folder.rglob("*")):
        if path.is_file() and path.suffix in COMPRESSIBLE and path.stat().st_size >= 1024:
            twin = Path(f"{path}.gz")
            twin.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
            os.utime(twin, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))  # same Last-Modified and ETag


def _begin_publish(folder: Path) -> tuple[Path, subprocess.Popen]:
    """Start `python -m ipsdash publish` into a fresh folder beside `folder` (it runs while the
    replicas start); returns that folder and the process."""
    if folder.exists() and any(folder.iterdir()) and not (folder / "talk.html").exists():
        raise RuntimeError(f"{folder} is not a published copy (no talk.html): refusing to replace it")
    fresh = folder.with_name(f"{folder.name}.new")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "ipsdash", "publish", str(fresh)]
    return fresh, subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish_publish(folder: Path, fresh: Path, process: subprocess.Popen, deadline: float) -> Path:
    """Wait for the publishing process, compress its files and put the fresh copy in `folder`'s place."""
    try:
        out, err = process.communicate(timeout=max(deadline - time.monotonic(), 1))
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        shutil.rmtree(fresh, ignore_errors=True)
        raise RuntimeError("`python -m ipsdash publish` did not finish in time") from None
    if process.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        raise RuntimeError(f"`python -m ipsdash publish` failed:\n{(err or out)[-3000:]}")
    write_gzip_twins(fresh)
    # A swap of two renames, not a rewrite in place: nginx never serves a half-written copy, and no
    # .gz twin of an older page outlives it (gzip_static would serve a twin whose page is gone).
    old = folder.with_name(f"{folder.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    fresh.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    return folder


def publish_copy(folder: Path, timeout: float = 600) -> Path:
    """Write the published copy (`python -m ipsdash publish`, from the store the app serves) into
    `folder` with .gz twins, replacing an earlier copy there as one step."""
    folder = folder.resolve()
    fresh, process = _begin_publish(folder)
    return _finish_publish(folder, fresh, process, time.monotonic() + timeout)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, deadline: float) -> None:
    while not _healthy(url):
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"{url} did not become healthy (see {log}):\n{tail}")
        time.sleep(0.2)


def streamlit_command(script: str, port: int) -> list[str]:
    """`streamlit run script` on 127.0.0.1:port, headless, sending no usage statistics (replicas, tests, benchmarks)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]


def _start_replica(port: int, run_dir: Path, env: dict[str, str]) -> subprocess.Popen:
    command = streamlit_command("app.py", port)
    with open(run_dir / f"replica-{port}.log", "w") as log:
        # A session of its own: `make cluster` returns while the replicas keep running.
        return subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )


def start(
    run_dir: Path, replicas: int = 2, port: int | None = None, install: bool = False, published: Path | None = None
) -> Cluster:
    """Start `replicas` Streamlit processes and nginx in front of them, all on 127.0.0.1, and publish
    the static copy nginx serves at /published/ (into `published`, by default run_dir/www/published)."""
    nginx = install_nginx() if install else find_nginx()
    if not nginx:
        raise RuntimeError("nginx is not installed (Debian package `nginx`)")
    if any(is_running(pid, "streamlit") for _, pid in read_replicas(run_dir)):
        raise RuntimeError(f"a cluster already runs from {run_dir}; stop it first (make cluster-stop)")
    stop(run_dir)  # whatever is left of a cluster that ended without `stop` (its files, a lone nginx)
    run_dir = run_dir.resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    www = prepare_www(run_dir / "www")
    for old_log in run_dir.glob("replica-*.log"):
        old_log.unlink()
    # One cookie secret for all replicas, so a cookie one of them signed is good on the others.
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    deadline = time.monotonic() + START_TIMEOUT
    ports = [free_port() for _ in range(replicas)]
    children = [_start_replica(p, run_dir, env) for p in ports]
    cluster = Cluster("", 0, [(p, c.pid) for p, c in zip(ports, children, strict=True)], run_dir, children)
    _write_replicas(cluster)
    published = cluster.published = (published or www / "published").resolve()
    publishing = None
    try:
        fresh, publishing = _begin_publish(published)
        for p, child in zip(ports, children, strict=True):
            _wait_healthy(f"http://127.0.0.1:{p}", child, run_dir / f"replica-{p}.log", deadline)
        _finish_publish(published, fresh, publishing, deadline)
        listen = f"127.0.0.1:{port or free_port()}"
        conf = run_dir / "nginx.conf"
        conf.write_text(
            render_nginx(
                [f"127.0.0.1:{p}" for p in ports],
                listen,
                www,
                run_dir,
                error_log=str(run_dir / "nginx-error.log"),
                access_log=str(run_dir / "access.log"),
                # Workers run as whoever started the cluster, like the replicas, so they can read a
                # run folder inside a private one (pytest's temporary folders are 0700).
                user="root" if os.geteuid() == 0 else None,
                published=published,
            )
        )
        check = subprocess.run([nginx, "-t", "-q", "-c", str(conf), "-p", str(run_dir)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx rejects {conf}:\n{check.stderr}")
        with open(run_dir / "nginx.log", "w") as log:
            proxy = subprocess.Popen(
                [nginx, "-c", str(conf), "-p", str(run_dir)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        cluster.children.append(proxy)
        cluster.nginx_pid = proxy.pid
        cluster.url = f"http://{listen}"
        (run_dir / "nginx.pid").write_text(f"{proxy.pid}\n")
        _wait_healthy(cluster.url, proxy, run_dir / "nginx-error.log", deadline)
        (run_dir / "url").write_text(cluster.url + "\n")
    except BaseException:
        if publishing and publishing.poll() is None:
            publishing.kill()
            publishing.wait()
        stop(run_dir)
        raise
    return cluster


def _write_replicas(cluster: Cluster) -> None:
    (cluster.run_dir / "replicas").write_text("".join(f"{port} {pid}\n" for port, pid in cluster.replicas))


def read_replicas(run_dir: Path) -> list[tuple[int, int]]:
    """The `(port, pid)` of each replica of the cluster run from `run_dir`."""
    path = run_dir / "replicas"
    if not path.exists():
        return []
    return [tuple(int(v) for v in line.split()) for line in path.read_text().splitlines() if line.strip()]


def is_running(pid: int, name: str) -> bool:
    """True while `pid` is a live process whose command line mentions `name` (a PID can be reused)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return name in cmdline and state != "Z"


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # only our own children: a zombie still shows in /proc


KILL_WAIT = 10.0  # seconds a SIGKILLed process may take to disappear on a loaded machine


def stop(run_dir: Path, timeout: float = 10) -> int:
    """End nginx and every replica started from `run_dir`; returns how many processes were ended."""
    targets = [(pid, "streamlit") for _, pid in read_replicas(run_dir)]
    pid_file = run_dir / "nginx.pid"
    if pid_file.exists():
        targets.append((int(pid_file.read_text().split()[0]), "nginx"))
    live = [pid for pid, name in targets if is_running(pid, name)]
    for pid in live:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for pid, name in targets:
        killed_at = None
        while True:
            _reap(pid)
            if not is_running(pid, name):
                break
            now = time.monotonic()
            if killed_at is None and now > deadline:  # ignored SIGTERM for `timeout` seconds: SIGKILL
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                killed_at = now
            elif killed_at is not None and now > killed_at + KILL_WAIT:
                break  # not gone even after SIGKILL (stuck in the kernel): nothing more a signal can do
            time.sleep(0.05)
    for name in ("replicas", "nginx.pid", "url"):
        (run_dir / name).unlink(missing_ok=True)
    return len(live)


@contextlib.contextmanager
def running(run_dir: Path, replicas: int = 2) -> Iterator[Cluster]:
    """A cluster for the length of a `with` block (tests, load test); its published copy is in
    run_dir/www/published."""
    cluster = start(run_dir, replicas)
    try:
        yield cluster
    finally:
        stop(run_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    start_cmd = commands.add_parser("start", help="start nginx and N replicas on 127.0.0.1")
    start_cmd.add_argument("--replicas", type=int, default=2)
    start_cmd.add_argument("--port", type=int, default=8080, help="nginx's port (0: any free port)")
    start_cmd.add_argument("--dir", type=Path, default=ROOT / ".cluster")
    start_cmd.add_argument("--install-nginx", action="store_true", help="apt-get install nginx if missing")
    start_cmd.add_argument("--published", type=Path, help="folder of the published copy (default: DIR/www/published)")
    stop_cmd = commands.add_parser("stop", help="end the replicas and nginx")
    stop_cmd.add_argument("--dir", type=Path, default=ROOT / ".cluster")
    render_cmd = commands.add_parser("render", help="print an nginx.conf (the Docker image uses this)")
    render_cmd.add_argument("--server", action="append", required=True, help="upstream host:port (repeatable)")
    render_cmd.add_argument("--listen", default="8080")
    render_cmd.add_argument("--www", type=Path, required=True)
    render_cmd.add_argument("--run", type=Path, default=Path("/tmp/nginx"))
    render_cmd.add_argument("--published", type=Path, help="the published copy's folder (default: WWW/published)")
    render_cmd.add_argument("--follow", type=Path, help="the follow state folder (default: DATA_DIR/follow)")
    publish_cmd = commands.add_parser("publish", help="write (or rewrite) the published copy nginx serves")
    publish_cmd.add_argument("folder", type=Path, nargs="?", default=ROOT / ".cluster" / "www" / "published")
    www_cmd = commands.add_parser("www", help="prepare the folder nginx serves static files from")
    www_cmd.add_argument("dir", type=Path)
    args = parser.parse_args(argv)

    if args.command == "render":
        conf = render_nginx(args.server, args.listen, args.www, args.run, published=args.published, follow=args.follow)
        print(conf, end="")
    elif args.command == "www":
        prepare_www(args.dir)
    elif args.command == "publish":
        try:
            folder = publish_copy(args.folder)
        except RuntimeError as err:
            print(f"not published: {err}", file=sys.stderr)
            return 1
        print(f"published copy in {folder} (served at {PUBLISHED_URL} by a running cluster)")
    elif args.command == "stop":
        print(f"stopped {stop(args.dir)} process(es)")
    else:
        try:
            cluster = start(args.dir, args.replicas, args.port or None, args.install_nginx, args.published)
        except RuntimeError as err:
            print(f"cluster did not start: {err}", file=sys.stderr)
            return 1
        for port, pid in cluster.replicas:
            print(f"replica http://127.0.0.1:{port} (pid {pid})")
        print(f"published copy: {cluster.url}{PUBLISHED_URL}  (static, no session)")
        print(f"ipsdash cluster: {cluster.url}  (nginx pid {cluster.nginx_pid}; stop with make cluster-stop)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

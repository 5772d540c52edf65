"""The real Makefile repairs a virtualenv it cannot use: one without pip (a first `make` interrupted while
`python -m venv` ran), one made by another Python, and one whose install was interrupted; and it marks an
install done only when it finished.

The Makefile is copied beside a stand-in project (tests/fixtures/standin_project: a pyproject with an
in-tree build backend, and locks of two tiny local wheels), so it runs with no network in seconds."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ipsdash.config import ROOT

STANDIN = ROOT / "tests" / "fixtures" / "standin_project"
REPAIRED = "making it again"
_spec = importlib.util.spec_from_file_location("standin_backend", STANDIN / "standin_backend.py")
standin_backend = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(standin_backend)


def _version(python: str) -> str | None:
    """`python`'s minor version ("3.11"), or None when it does not run (a pyenv shim of a missing version)."""
    try:
        done = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True, text=True
        )
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real Makefile beside the stand-in project, with locks of two tiny wheels, hashes included."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    for name in ("pyproject.toml", "standin_backend.py"):
        shutil.copy(STANDIN / name, tmp_path / name)
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for lock, name in (("requirements.lock", "tiny_app"), ("requirements-test.lock", "tiny_test")):
        wheel = standin_backend.write_wheel(wheels, name, {f"{name}.py": "ANSWER = 42\n"})
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        (tmp_path / lock).write_text(f"./wheels/{wheel.name} --hash=sha256:{digest}\n")
    return tmp_path


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VIRTUAL_ENV"}}
    return {**env, "PIP_NO_INDEX": "1", **extra}  # no index at all: only the local wheels can be installed


def start_make(project: Path, **env: str) -> subprocess.Popen:
    """`make .venv/.test-installed` in `project` (PYTHON=this interpreter) in a process group of its own,
    as a terminal runs it; stdout and stderr together."""
    return subprocess.Popen(
        ["make", f"PYTHON={sys.executable}", ".venv/.test-installed"],
        cwd=project,
        env=_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def make(project: Path) -> subprocess.CompletedProcess:
    """start_make, run to its end."""
    process = start_make(project)
    output, _ = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, output)


def assert_installed(project: Path) -> None:
    """The virtualenv runs `python`'s version and has pip, both locks' packages, the project and both markers."""
    venv = project / ".venv"
    assert (venv / ".app-installed").exists() and (venv / ".test-installed").exists()
    assert not (venv / ".installing").exists()
    check = "import importlib.metadata as m, pip, tiny_app, tiny_test; print(m.version('standin'))"
    done = subprocess.run([str(venv / "bin" / "python"), "-c", check], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "0.1", done.stderr
    assert _version(str(venv / "bin" / "python")) == _version(sys.executable)


def assert_repaired(project: Path, because: str) -> None:
    """The next make says in one line why it makes the virtualenv again, installs everything, and the
    make after it finds nothing to do."""
    done = make(project)
    assert done.returncode == 0, done.stdout
    assert [line for line in done.stdout.splitlines() if REPAIRED in line] == [f".venv {because}: {REPAIRED}"]
    assert_installed(project)
    again = make(project)
    assert again.returncode == 0 and REPAIRED not in again.stdout, again.stdout
    assert "up to date" in again.stdout


def test_a_virtualenv_without_pip_is_made_again(project):
    # What a first `make` interrupted during `python -m venv` leaves: a python, no pip, no markers.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(project / ".venv")], check=True)
    assert_repaired(project, "has no pip")


def _other_python(tmp_path: Path) -> str:
    """An interpreter of another minor version than this one: an installed one where there is one (pyenv
    versions included), else a stand-in script that answers as Python 3.0 would to the version question."""
    ours = _version(sys.executable)
    candidates = [shutil.which(f"python3.{minor}") for minor in range(8, 20)]
    candidates += [str(p) for p in sorted(Path.home().glob(".pyenv/versions/3.*/bin/python3"))]
    for candidate in filter(None, candidates):
        version = _version(candidate)
        if version and version != ours and tuple(map(int, version.split("."))) >= (3, 8):
            return candidate
    stand_in = tmp_path / "python3.0"
    stand_in.write_text("#!/bin/sh\necho 3.0\n")
    stand_in.chmod(0o755)
    return str(stand_in)


def test_a_virtualenv_of_another_python_is_made_again(project, tmp_path):
    # A virtualenv installed in full by another Python (the system's Python upgraded, or another PYTHON=).
    other = _other_python(tmp_path)
    venv = project / ".venv"
    if other.endswith("python3.0"):
        venv.joinpath("bin").mkdir(parents=True)
        shutil.copy(other, venv / "bin" / "python")
    else:
        subprocess.run([other, "-m", "venv", "--without-pip", str(venv)], check=True)
    for marker in (".app-installed", ".test-installed"):
        (venv / marker).touch()
    theirs, ours = _version(str(venv / "bin" / "python")), _version(sys.executable)
    assert_repaired(project, f"is Python {theirs}, not {ours} ({sys.executable})")


def _poll(condition, what: str, process: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"never saw {what}:\n{process.stdout.read() if process.stdout else ''}")
        time.sleep(0.05)


def test_an_interrupted_install_is_not_marked_done_and_is_made_again(project, tmp_path):
    hold = tmp_path / "hold"
    hold.mkdir()
    # Ctrl-C in a terminal: SIGINT to make and everything it started (one process group), while pip installs.
    first = start_make(project, STANDIN_HOLD=str(hold))
    try:
        _poll((hold / "started").exists, "pip building the project", first)
        os.killpg(first.pid, signal.SIGINT)
        first.wait(timeout=120)
    finally:
        (hold / "release").touch()
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    assert first.returncode != 0
    venv = project / ".venv"
    assert (venv / "bin" / "python").exists() and (venv / ".installing").exists()
    assert not (venv / ".app-installed").exists() and not (venv / ".test-installed").exists()

    assert_repaired(project, "holds an install that did not finish")

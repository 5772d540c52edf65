"""ipsdash installs as a package: `pip wheel .` builds a wheel of ipsdash alone, and the `ipsdash` command
(installed by make, editable) runs the CLI like `python -m ipsdash`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from ipsdash.config import ROOT


def test_pip_wheel_builds_a_wheel_of_the_package_alone(tmp_path):
    # Built from a copy of the checkout: pip builds in the source tree and would leave build/ behind.
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "data", "static", "*.duckdb"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("ipsdash-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ipsdash/__main__.py" in names and "ipsdash/views/map.py" in names
    assert not [n for n in names if n.split("/")[0] in {"tests", "pages", "bench", "deploy", "app.py"}]
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "ipsdash = ipsdash.__main__:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_ipsdash_command_runs_the_cli():
    command = Path(sys.executable).with_name("ipsdash")
    result = subprocess.run([str(command), "template", "outcomes"], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip("\ufeff").startswith("programme_id,")
    helped = subprocess.run([str(command), "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and helped.stdout.startswith("usage: ipsdash")

"""An import made with the CLI while the app is serving reaches the open page on its next load, without
a restart; the public then sees groups of the confidential programmes, never their names."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from ipsdash.config import DATA_DIR, ROOT
from tests import harness

PROGRAMMES = 12


def _outcomes() -> str:
    rows = [
        f"P{i:02d},Secret team {i},US-VT,2010,2019-Q{q},{40 + i},{10 + i + q}"
        for i in range(PROGRAMMES)
        for q in (1, 2, 3, 4)
    ]
    return "programme_id,programme_name,geo_code,start_year,quarter,clients_served,clients_employed\n" + "\n".join(rows)


def _fidelity() -> str:
    rows = [f"P{i:02d},2019-06-15,IPS-25,{70 + 4 * i}" for i in range(PROGRAMMES)]
    return "programme_id,review_date,scale,total_score\n" + "\n".join(rows)


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("*.duckdb*", "imports", "logs", ".*.lock"))
    return target


def _import(data_dir, kind: str, text: str, tmp_path) -> None:
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ipsdash",
            "import",
            kind,
            str(path),
            "--data-dir",
            str(data_dir),
            "--store",
            str(data_dir / "ipsdash.duckdb"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_an_import_reaches_a_running_app_without_a_restart(browser, data_copy, tmp_path):
    env = {"IPSDASH_DATA_DIR": str(data_copy)}
    with harness.serve(env=env) as base:
        page, watch = harness.open_page(browser, (1280, 900))
        page.goto(base + "/fidelity")
        harness.wait_until_drawn(page, charts=1)
        assert page.get_by_text("Demonstration data").first.is_visible()
        _import(data_copy, "outcomes", _outcomes(), tmp_path)
        _import(data_copy, "fidelity", _fidelity(), tmp_path)
        page.reload()
        harness.wait_until_drawn(page, charts=1)
        body = page.locator("body").inner_text()
        assert "Demonstration data" not in body  # the real data replaced the demonstration set
        assert "groups of programmes by fidelity band are shown" in body
        assert "Secret team" not in body  # confidential names are not shown to the public
        names = page.evaluate("() => document.querySelector('.js-plotly-plot').data[0].customdata.flat().join(' ')")
        assert "Secret team" not in names
        assert watch.blocked == []
        page.context.close()

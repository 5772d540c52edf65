"""Outcomes and fidelity pages run, label their data, and react to filters; import needs a password."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from ipsdash.config import ROOT
from tests.app.conftest import page_text


def _spec(chart) -> dict:
    return json.loads(chart.proto.spec)


def test_outcomes_page_draws_rates_and_trials_with_pooled_lines(open_app, real_store):
    app = open_app("app_pages/outcomes.py")
    charts = app.get("plotly_chart")
    assert len(charts) == 2
    notes = [a["text"] for a in _spec(charts[1])["layout"]["annotations"]]
    assert "Pooled, 28 trials: IPS 55%" in notes and "Pooled, 28 trials: control 25%" in notes
    groups = {t.get("legendgroup") for t in _spec(charts[0])["data"]}
    assert "Employment or education" in groups and "Quarterly point rate (learning community)" in groups
    n_trials = real_store.execute("SELECT count(*) FROM trials WHERE ips_pct IS NOT NULL AND control_pct IS NOT NULL")
    assert f"{n_trials.fetchone()[0]} individual trials from the sources" in page_text(app)
    assert all(c.proto.alt for c in charts)  # every chart has a text alternative


def test_trial_sort_changes_the_order(open_app):
    app = open_app("app_pages/outcomes.py")
    first = _spec(app.get("plotly_chart")[1])["data"][-1]["y"]
    app.radio(key="url_sort").set_value("year").run()
    second = _spec(app.get("plotly_chart")[1])["data"][-1]["y"]
    assert sorted(first) == sorted(second) and first != second
    assert app.query_params["sort"] in ("year", ["year"])


def test_fidelity_page_bannered_with_r_and_n_and_filters(open_app, real_store):
    app = open_app("app_pages/fidelity.py")
    assert any("Demonstration data" in w.value for w in app.warning)
    spec = _spec(app.get("plotly_chart")[0])
    notes = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "r = 0.34, n = 79" in notes and "DEMONSTRATION DATA" in notes
    # The bands are named with their scores in the legend; an uncited band says so.
    legend = [t["name"].replace("<br>", " ") for t in spec["data"] if t.get("showlegend", True) and t.get("name")]
    assert "Exemplary fidelity (uncited): 115–125" in legend and "Good fidelity: 100–114" in legend, legend
    assert "Bond et al. (2012b)" in page_text(app)
    source = next(c.value for c in app.caption if c.value.startswith("Source"))
    assert "Demonstration set" in source and "source=data" not in source  # no link to a page of no values
    per_area = real_store.execute("SELECT geo_code, count(*) AS n FROM programmes GROUP BY 1 ORDER BY n").df()
    app.multiselect(key="url_geo").set_value([per_area["geo_code"].iloc[0]]).run()
    assert per_area["n"].iloc[0] < 10
    narrowed = " ".join(a["text"] for a in _spec(app.get("plotly_chart")[0])["layout"]["annotations"])
    assert "r = " not in narrowed  # fewer than 10 programmes: no line, and the page says why
    assert "No correlation line: it needs at least 10 programmes" in page_text(app)


def test_fidelity_axis_spans_the_whole_scale(open_app):
    layout = _spec(open_app("app_pages/fidelity.py").get("plotly_chart")[0])["layout"]
    assert layout["xaxis"]["range"][0] <= 25 and layout["xaxis"]["range"][1] >= 125


def test_import_page_exists_only_with_a_password_and_checks_it(open_app, monkeypatch):
    monkeypatch.delenv("IPSDASH_ADMIN_PASSWORD", raising=False)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    with pytest.raises(ValueError, match=r"Could not find a navigation page.*Known pages: \['.*home\.py'") as missing:
        app.switch_page("app_pages/import_data.py")
    assert "present.py" in str(missing.value)  # the other pages are registered; only Import is not
    monkeypatch.setenv("IPSDASH_ADMIN_PASSWORD", "s3cret")
    app = open_app("app_pages/import_data.py")
    assert not app.get("file_uploader")
    app.text_input[0].input("wrong")  # a form: typed, then submitted
    app.button[0].click().run()
    assert any("Wrong password" in e.value for e in app.error) and not app.get("file_uploader")
    app.text_input[0].input("s3cret")
    app.button[0].click().run()
    assert len(app.get("file_uploader")) == 1


def test_repeated_wrong_passwords_are_slowed_down_and_logged(open_app, monkeypatch, tmp_path):
    monkeypatch.setenv("IPSDASH_ADMIN_PASSWORD", "s3cret")
    app = open_app("app_pages/import_data.py")
    for _ in range(4):
        app.text_input[0].input("guess")
        app.button[0].click().run()
    assert any("Too many wrong passwords" in e.value or "Try again in" in e.value for e in app.error)
    assert app.button[0].proto.disabled  # the form cannot be sent until the wait is over
    import os
    from pathlib import Path

    log = Path(os.environ["IPSDASH_LOG_DIR"]) / "audit.log"
    assert log.read_text(encoding="utf-8").count('event="unlock_failed"') >= 4

"""Outcomes and fidelity pages run, label their data, and react to filters; import needs a password."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from ipsdash.paths import ROOT


def _page(page: str, env_password: str | None = None, monkeypatch=None, **params) -> AppTest:
    if env_password is not None:
        monkeypatch.setenv("IPSDASH_ADMIN_PASSWORD", env_password)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    app.switch_page(page).run()
    assert not app.exception
    return app


def _trace_names(chart) -> list[str]:
    return [t.get("name") for t in json.loads(chart.proto.spec)["data"]]


def test_outcomes_page_draws_rates_and_trials_with_pooled_lines(real_store):
    app = _page("pages/outcomes.py")
    charts = app.get("plotly_chart")
    assert len(charts) == 2
    spec = json.loads(charts[1].proto.spec)
    notes = [a["text"] for a in spec["layout"]["annotations"]]
    assert "Pooled, 28 trials: IPS 55%" in notes and "Pooled, 28 trials: control 25%" in notes
    groups = {t.get("legendgroup") for t in json.loads(charts[0].proto.spec)["data"]}
    assert "Employment or education" in groups and "Quarterly point rate (learning community)" in groups


def test_trial_sort_changes_the_order(real_store):
    app = _page("pages/outcomes.py")
    first = json.loads(app.get("plotly_chart")[1].proto.spec)["data"][-1]["y"]
    app.radio(key="url_sort").set_value("year").run()
    second = json.loads(app.get("plotly_chart")[1].proto.spec)["data"][-1]["y"]
    assert sorted(first) == sorted(second) and first != second


def test_fidelity_page_bannered_with_r_and_n_and_filters(real_store):
    app = _page("pages/fidelity.py")
    assert any("Demonstration data" in w.value for w in app.warning)
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    notes = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "r = 0.34, n = 79" in notes and "DEMONSTRATION DATA" in notes and "(uncited)" in notes
    app.multiselect(key="url_geo").set_value(["US-VT", "US-NH"]).run()
    narrowed = json.loads(app.get("plotly_chart")[0].proto.spec)["layout"]["annotations"]
    assert not any("n = 79" in a["text"] for a in narrowed)
    assert any("Bond et al. (2012b)" in m.value for m in app.markdown)


def test_import_page_exists_only_with_a_password_and_checks_it(real_store, monkeypatch):
    monkeypatch.delenv("IPSDASH_ADMIN_PASSWORD", raising=False)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    nav = [p.page_name for p in app.get("navigation")] if app.get("navigation") else []
    assert "import" not in " ".join(str(n) for n in nav)
    app = _page("pages/import_data.py", "s3cret", monkeypatch)
    assert not app.get("file_uploader")
    app.text_input[0].input("wrong")  # a form: typed, then submitted
    app.button[0].click().run()
    assert any("Wrong password" in e.value for e in app.error) and not app.get("file_uploader")
    app.text_input[0].input("s3cret")
    app.button[0].click().run()
    assert len(app.get("file_uploader")) == 1

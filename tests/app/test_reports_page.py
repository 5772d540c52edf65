"""The Reports page: behind the admin door until sign-in lands; a region's report with every section."""

from __future__ import annotations

from tests.app.conftest import page_text, plain


def test_reports_need_the_admin_door_and_show_every_section(open_app, monkeypatch):
    monkeypatch.setenv("IPSDASH_ADMIN_PASSWORD", "s3cret")
    app = open_app("app_pages/reports.py")
    assert not app.get("plotly_chart") and len(app.text_input) == 1  # the password, nothing else
    app.text_input[0].input("s3cret")
    app.button[0].click().run()
    assert not app.exception
    assert [plain(s.value) for s in app.main.subheader] == [
        "Employment rate by quarter, against the benchmarks and the learning community",
        "2014-Q4: the programmes of the same places",
        "2014-Q4: localities side by side (pooled)",
        "2014-Q4: ranks within the locality and across localities",
        "What changed since 2014-Q3",
        "Fidelity over time",
    ]
    assert len(app.get("plotly_chart")) == 6
    assert "Demonstration data" in page_text(app)
    app.selectbox(key="report_on").select("US-VT").run()
    app.selectbox(key="report_quarter").select("2013-Q2").run()
    assert not app.exception and "What changed since 2013-Q1" in [plain(s.value) for s in app.main.subheader]

"""With an identity provider configured, the admin password is not accepted: a signed-out visitor gets
a Sign in button and the public view, and no Import page; without one, the password is the offline
fallback and says so."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ipsdash.config import ROOT
from tests.app.conftest import page_text

AUTH = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "a-test-secret-of-enough-length",
    "client_id": "ipsdash-tests",
    "client_secret": "not-a-secret",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}


def test_with_an_identity_provider_the_password_door_is_closed(real_store, monkeypatch):
    monkeypatch.setenv("IPSDASH_ADMIN_PASSWORD", "s3cret")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["auth"] = AUTH
    app.run()
    assert not app.exception
    assert [b.label for b in app.sidebar.button] == ["Sign in"]
    assert "You see the public view" in page_text(app)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("app_pages/import_data.py")


def test_without_one_the_password_is_the_offline_fallback_and_says_so(real_store, monkeypatch):
    monkeypatch.setenv("IPSDASH_ADMIN_PASSWORD", "s3cret")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert "Offline fallback" in page_text(app) and not app.sidebar.button
    app.switch_page("app_pages/import_data.py").run()
    assert "Offline fallback: no identity provider is configured" in page_text(app)
    app.text_input[0].input("s3cret")
    app.button[0].click().run()
    assert len(app.get("file_uploader")) == 1
    assert "Unlocked with the admin password: the offline fallback" in page_text(app)
    assert [b.label for b in app.sidebar.button] == ["Lock"]

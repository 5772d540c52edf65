"""Signing in, in real Chromium, against a real OpenID Connect provider (oidc-provider-mock, on 127.0.0.1
in this process): Streamlit's own st.login, its signed cookie, the access file. A Connecticut lead sees
Connecticut's programmes and only groups of the rest, and may import only Connecticut's; a programme lead
sees one programme; someone signed in without an entry, or with an expired or tampered cookie, the public
view; signing out returns to it; the audit log has each event. The provider's sign-in form links a
stylesheet on a CDN: that request is blocked like every other outside request (and is the only one the
test lets pass unremarked)."""

from __future__ import annotations

import base64
import json
import re
import threading
import time
from contextlib import contextmanager

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from ipsdash.pipeline import manifest
from tests import harness
from tests.e2e.checks import axe
from tests.scoped_programmes import NAMES_BY_GEO, make_scoped_data, write_access

pytestmark = pytest.mark.browser

COOKIE = "_streamlit_user"
SECRET = "test-cookie-secret-" + "0123456789abcdef" * 2
PROVIDER_STYLESHEET = re.compile(r"^https://cdn\.jsdelivr\.net/npm/@picocss/")
USERS = {
    "ct-trainer": {"email": "trainer@ct.example.org", "email_verified": True, "name": "CT Trainer"},
    "hartford2": {"email": "lead@hartford2.example.org", "email_verified": True, "name": "Team Leader"},
    "stranger": {"email": "stranger@example.org", "email_verified": True, "name": "Stranger"},
    "impostor": {"email": "trainer@ct.example.org", "email_verified": False, "name": "Impostor"},
}
CT = set(NAMES_BY_GEO["US-CT"])
EVERY_NAME = {name for names in NAMES_BY_GEO.values() for name in names}

# The names the browser was sent: every trace's hover data and text, and the page's own text.
SENT_JS = """() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const data = plots.flatMap(p => (p.data || []).map(t => JSON.stringify([t.customdata, t.text, t.name])));
  return data.join(' ') + ' ' + document.body.innerText;
}"""


@contextmanager
def _provider():
    """oidc-provider-mock's app on 127.0.0.1 (its own helper binds `localhost`), with the users above."""
    import oidc_provider_mock
    import werkzeug.serving

    users = [oidc_provider_mock.User(sub=sub, claims=claims) for sub, claims in USERS.items()]
    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(user_claims=users), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)


@pytest.fixture(scope="module")
def app(tmp_path_factory, browser):
    folder = tmp_path_factory.mktemp("sign-in")
    data, _ = make_scoped_data(folder)
    with _provider() as issuer:
        secrets = folder / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{SECRET}"\n'
            'client_id = "ipsdash-tests"\n'
            'client_secret = "not-a-secret"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        )
        env = {
            "IPSDASH_DATA_DIR": str(data),
            "IPSDASH_ACCESS_FILE": str(write_access(folder)),
            "STREAMLIT_SECRETS_FILES": str(secrets),
            "IPSDASH_LOG_DIR": str(folder / "app-logs"),
        }
        with harness.serve(env=env) as base:
            yield base, folder / "app-logs" / "audit.log"


@pytest.fixture
def new_page(browser):
    pages = []

    def _open():
        page, watch = harness.open_page(browser)
        pages.append(page)
        return page, watch

    yield _open
    for page in pages:
        page.context.close()


def _fidelity(page, base: str) -> str:
    """Open /fidelity, wait until it has drawn, return every name-bearing text the browser was sent."""
    page.goto(base + "/fidelity")
    harness.wait_until_drawn(page, charts=1)
    return page.evaluate(SENT_JS)


def _sign_in(page, base: str, sub: str) -> None:
    """Sign in through the sidebar and the provider's form, as a person would."""
    page.goto(base + "/fidelity")
    harness.wait_until_drawn(page, charts=1)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/oauth2/authorize.*"))
    page.locator(f'button[name="sub"][value="{sub}"]').click()
    page.wait_for_url(re.compile(re.escape(base) + r"/(\?.*)?$"))
    harness.wait_until_drawn(page)


def _no_outside_requests(watch) -> None:
    assert [url for url in watch.blocked if not PROVIDER_STYLESHEET.match(url)] == []


def _names(text: str) -> set[str]:
    return {name for name in EVERY_NAME if name in text}


def _events(log) -> list[tuple[str, str]]:
    """(event, who) of each audit line."""
    found = []
    for line in log.read_text().splitlines():
        event, who = re.search(r'event="([^"]+)"', line), re.search(r'who="([^"]*)"', line)
        if event and who:
            found.append((event.group(1), who.group(1)))
    return found


def test_the_public_sees_groups_and_a_sign_in_button(app, new_page):
    page, watch = new_page()
    sent = _fidelity(page, app[0])
    assert _names(sent) == set() and "Groups of programmes" in sent
    assert page.get_by_role("button", name="Sign in").is_visible()
    assert "One programme over time" not in sent
    _no_outside_requests(watch)


def test_a_connecticut_lead_sees_connecticut_and_only_groups_of_the_rest(app, new_page):
    base, log = app
    page, watch = new_page()
    _sign_in(page, base, "ct-trainer")
    sent = _fidelity(page, base)
    assert _names(sent) == CT
    assert "region lead for US-CT" in sent and "One programme over time" in sent
    assert "Groups of programmes" in sent  # the rest, pooled
    assert ("sign_in", "trainer@ct.example.org") in _events(log)
    # A hand-edited link asking for the Netherlands: refused with a message, nothing Dutch, and logged.
    page.goto(base + "/fidelity?geo=NLD")
    harness.wait_until_drawn(page, charts=1)
    sent = page.evaluate(SENT_JS)
    assert _names(sent) == CT and "NLD" in sent  # the notice names what was refused
    assert ("access_refused", "trainer@ct.example.org") in _events(log)
    assert 'reason="link asked for geo=NLD"' in log.read_text()
    _no_outside_requests(watch)


def test_a_programme_lead_sees_one_programme_on_a_page_axe_finds_nothing_serious_on(app, new_page):
    page, _ = new_page()
    _sign_in(page, app[0], "hartford2")
    assert _names(_fidelity(page, app[0])) == {"Hartford 2"}
    found = axe(page)  # the sidebar, the chart of one programme and groups, its history below
    assert found["rules"] > 20 and found["serious"] == []


@pytest.mark.parametrize("sub", ["stranger", "impostor"])
def test_someone_without_an_entry_or_a_verified_email_sees_the_public_view_and_is_told(app, new_page, sub):
    base, log = app
    page, _ = new_page()
    _sign_in(page, base, sub)
    sent = _fidelity(page, base)
    assert _names(sent) == set() and "no entry in the access file, so you see the public view" in sent
    assert ("access_refused", USERS[sub]["email"]) in _events(log)


def _signed(payload: str, age_seconds: float) -> str:
    """The cookie Streamlit would have set for `payload`, `age_seconds` ago."""

    class Then(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age_seconds)

    return URLSafeTimedSerializer(SECRET, salt=COOKIE, signer=Then).dumps(payload)


def _with_cookie(browser, base: str, value: str):
    page, _ = harness.open_page(browser)
    page.context.add_cookies([{"name": COOKIE, "value": value, "url": base + "/"}])
    return page


def test_an_expired_or_tampered_cookie_sees_the_public_view(app, new_page, browser):
    base = app[0]
    page, _ = new_page()
    _sign_in(page, base, "ct-trainer")
    real = next(c["value"] for c in page.context.cookies() if c["name"] == COOKIE)
    payload = URLSafeTimedSerializer(SECRET, salt=COOKIE).loads(real)
    assert json.loads(payload)["email"] == "trainer@ct.example.org"
    pages = []
    try:
        # The same cookie signed again now works: the two below fail for their age and their edit alone.
        fresh = _with_cookie(browser, base, _signed(payload, 0))
        pages.append(fresh)
        assert _names(_fidelity(fresh, base)) == CT
        expired = _with_cookie(browser, base, _signed(payload, 40 * 86400))  # Streamlit accepts 31 days
        pages.append(expired)
        assert _names(_fidelity(expired, base)) == set()
        body, rest = real.split(".", 1)
        edited = json.loads(payload) | {"email": "national@us.example.org", "sub": "someone-else"}
        forged = base64.urlsafe_b64encode(json.dumps(json.dumps(edited)).encode()).rstrip(b"=").decode()
        assert forged != body
        tampered = _with_cookie(browser, base, f"{forged}.{rest}")
        pages.append(tampered)
        sent = _fidelity(tampered, base)
        assert _names(sent) == set() and tampered.get_by_role("button", name="Sign in").is_visible()
    finally:
        for shown in pages:
            shown.context.close()


def test_signing_out_returns_to_the_public_view_and_is_logged(app, new_page):
    base, log = app
    page, _ = new_page()
    _sign_in(page, base, "ct-trainer")
    assert _names(_fidelity(page, base)) == CT
    page.get_by_role("button", name="Sign out").click()
    # The provider asks to confirm the end of its session, then sends the browser back to the app.
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(re.compile(re.escape(base) + r"/.*"))
    assert COOKIE not in {c["name"] for c in page.context.cookies()}
    assert _names(_fidelity(page, base)) == set()
    assert ("sign_out", "trainer@ct.example.org") in _events(log)


def test_a_connecticut_lead_may_import_only_connecticut_s_programmes(app, new_page, tmp_path):
    """On the Import page a lead's file that names a Dutch programme, even given Connecticut's code, is refused
    at that row before anything is pooled; nothing is stored and the refusal is logged."""
    base, log = app
    data = log.parent.parent / "data"
    before = manifest.read_entries(data)
    upload = tmp_path / "q3.csv"
    upload.write_text(
        "programme_id,programme_name,geo_code,start_year,quarter,clients_served,clients_employed\n"
        "CT1,Hartford 1,US-CT,2012,2019-Q3,60,24\nNL1,Utrecht Secret 1,US-CT,2012,2019-Q3,60,30\n"
    )
    page, watch = new_page()
    _sign_in(page, base, "ct-trainer")
    page.goto(base + "/import")
    harness.wait_until_drawn(page)
    page.locator("input[type=file]").set_input_files(str(upload))
    page.locator("[data-testid='stAlertContentError']").wait_for()
    harness.wait_until_drawn(page)
    cells = page.locator("[data-testid='stDataFrame'] [role='gridcell']").all_text_contents()
    assert cells == ["q3.csv", "3", "programme_id", "'NL1' (NLD) is outside your access"], cells  # one problem
    assert page.get_by_role("button", name=re.compile("^Confirm")).count() == 0
    assert "Utrecht Secret 2" not in page.evaluate(SENT_JS)
    assert manifest.read_entries(data) == before
    _no_outside_requests(watch)

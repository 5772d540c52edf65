"""The admin door, the offline fallback for a laptop with no identity provider: a password compared in
constant time, slowed down after repeated failures (per session and per client address, with back-off),
every unlock and failed unlock in the audit log. An unlocked session may import data and see every
programme. Where sign-in is configured (ipsdash.ui.identity) the password is not accepted."""

from __future__ import annotations

import hmac
import math
import os
import uuid

import streamlit as st

from ipsdash.access.throttle import get_throttle
from ipsdash.i18n import _, ngettext
from ipsdash.pipeline import audit

SESSION_KEY = "admin_ok"


def admin_password() -> str | None:
    """The admin password from IPSDASH_ADMIN_PASSWORD or st.secrets['admin_password'], if configured."""
    if os.environ.get("IPSDASH_ADMIN_PASSWORD"):
        return os.environ["IPSDASH_ADMIN_PASSWORD"]
    try:
        return st.secrets.get("admin_password") or None
    except Exception:  # no secrets file: no admin
        return None


def is_unlocked() -> bool:
    """True once this session gave the right password."""
    return bool(st.session_state.get(SESSION_KEY))


def lock() -> None:
    """Forget this session's unlock."""
    st.session_state.pop(SESSION_KEY, None)
    audit.log_event("lock", client=st.context.ip_address or "local")


def _who() -> tuple[str, str]:
    """This session's id and the client's address (the two things failures are counted against). Behind a
    proxy the address is the one the proxy saw: Streamlit's server (uvicorn) applies X-Forwarded-For from
    the proxies FORWARDED_ALLOW_IPS trusts (loopback by default; compose sets the proxy's address)."""
    session = st.session_state.setdefault("_admin_session", uuid.uuid4().hex)
    return session, st.context.ip_address or "local"


def admin_unlocked() -> bool:
    """Ask for the admin password; True once the right one was given in this session."""
    expected = admin_password()
    if not expected:
        st.error(_("Importing is switched off: no admin password is configured."))
        return False
    if is_unlocked():
        return True
    st.caption(
        _(
            "Offline fallback: no identity provider is configured on this server, so this password unlocks "
            "importing and every programme. On a shared server configure sign-in instead (README, Signing in)."
        )
    )
    session, client = _who()
    keys, throttle = (("session", session), ("client", client)), get_throttle()
    wait = max(throttle.retry_after(key) for key in keys)
    with st.form("login"):
        given = st.text_input(_("Admin password"), type="password")
        # TRANSLATORS: "Unlock" is a verb (a button that unlocks importing).
        submitted = st.form_submit_button(_("Unlock"), disabled=wait > 0)
    if wait > 0:
        seconds = math.ceil(wait)
        st.error(
            ngettext(
                "Too many wrong passwords. Try again in {seconds} seconds.",
                "Too many wrong passwords. Try again in {seconds} seconds.",
                seconds,
            ).format(seconds=seconds)
        )
    elif submitted and hmac.compare_digest(given.encode(), expected.encode()):
        for key in keys:
            throttle.record_success(key)
        audit.log_event("unlock", client=client, session=session[:8])
        st.session_state[SESSION_KEY] = True
        st.rerun()
    elif submitted:
        waits = [throttle.record_failure(key) for key in keys]
        audit.log_event("unlock_failed", client=client, session=session[:8])
        if max(waits):
            seconds = math.ceil(max(waits))
            st.error(
                ngettext(
                    "Wrong password. Try again in {seconds} seconds.",
                    "Wrong password. Try again in {seconds} seconds.",
                    seconds,
                ).format(seconds=seconds)
            )
        else:
            st.error(_("Wrong password."))
    return False

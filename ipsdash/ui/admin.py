"""The admin door: a password (compared in constant time), slowed down after repeated failures per
session and per client address, every failed unlock logged. An unlocked session may import data and
see confidential programme names and points."""

from __future__ import annotations

import hmac
import os

import streamlit as st

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


def admin_unlocked() -> bool:
    """Ask for the admin password; True once the right one was given in this session."""
    expected = admin_password()
    if not expected:
        st.error("Importing is switched off: no admin password is configured.")
        return False
    if is_unlocked():
        return True
    with st.form("login"):
        given = st.text_input("Admin password", type="password")
        submitted = st.form_submit_button("Unlock")
    if submitted:
        if hmac.compare_digest(given.encode(), expected.encode()):
            st.session_state[SESSION_KEY] = True
            st.rerun()
        st.error("Wrong password.")
    return False

"""Who is looking, in the app: sign-in with Streamlit's own `st.login` / `st.user` (OpenID Connect,
configured in the `[auth]` section of `.streamlit/secrets.toml`), the viewer from the access file, and
the sign-in / sign-out control in the sidebar.

Without an identity provider configured, the admin password (ipsdash.ui.admin) is the offline fallback
for a laptop: it makes the session learning-community staff, and says so. With one configured, the
password door is closed. Sign-in, sign-out, refused access and a refused access file go to the audit log
(once per session each)."""

from __future__ import annotations

import streamlit as st

from ipsdash.access import access_file
from ipsdash.access.viewer import PUBLIC, Viewer
from ipsdash.i18n import _
from ipsdash.pipeline import audit
from ipsdash.ui import admin
from ipsdash.ui.text import escape_markdown

OFFLINE_ADMIN = Viewer("lc_staff", who="admin password (offline fallback)")
_LOGGED = "_identity_logged"  # session_state: the (event, who) pairs already written to the audit log


def auth_section() -> dict:
    """The `[auth]` section of secrets.toml ({} when sign-in is not configured)."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets file at all
        return {}
    return dict(section) if section else {}


def providers() -> list[str | None]:
    """The providers to offer: None for an unnamed default (`[auth]` with client_id), else each named
    `[auth.NAME]` with a client_id."""
    section = auth_section()
    if not section:
        return []
    named = [name for name, value in section.items() if isinstance(value, dict) and "client_id" in value]
    return [None] if "client_id" in section else named


def sign_in_configured() -> bool:
    """True when an identity provider is configured (then the admin password is not accepted)."""
    return bool(providers())


def _once(event: str, who: str, **fields: object) -> None:
    """Write an audit event once per session and person."""
    logged = st.session_state.setdefault(_LOGGED, set())
    if (event, who) not in logged:
        logged.add((event, who))
        audit.log_event(event, who=who, client=st.context.ip_address or "local", **fields)


def signed_in() -> bool:
    """True when Streamlit's signed cookie says someone is signed in (st.user.is_logged_in)."""
    return st.user.get("is_logged_in") is True


def _claims() -> tuple[str, str, bool]:
    """(email, subject, email verified) of the signed-in person."""
    user = st.user
    email, subject = str(user.get("email") or ""), str(user.get("sub") or "")
    return email, subject, user.get("email_verified") is True


def access_problems() -> list[str]:
    """What is wrong with the configured access file ([] when it is fine or none is configured)."""
    path = access_file.access_file_path()
    if path is None:
        return []
    try:
        access_file.cached_access(path)
    except access_file.AccessFileError as err:
        return err.problems
    return []


def current_viewer() -> Viewer:
    """This session's viewer: the signed-in person's entry in the access file; the public when signed
    out, without an entry, or when the access file cannot be used; staff for the offline admin fallback."""
    if not sign_in_configured():
        return OFFLINE_ADMIN if admin.is_unlocked() else PUBLIC
    if not signed_in():
        return PUBLIC
    email, subject, verified = _claims()
    who = email or subject
    path = access_file.access_file_path()
    if path is None:
        _once("access_refused", who, reason="no access file is configured")
        return PUBLIC
    try:
        found = access_file.cached_access(path).viewer_for(email, subject, verified)
    except access_file.AccessFileError as err:
        _once("access_file_refused", who, problems=" | ".join(err.records[:5]))  # English
        return PUBLIC
    if found is None:
        _once("access_refused", who, reason="no entry in the access file", email_verified=verified)
        return PUBLIC
    _once("sign_in", who, role=found.role, scope=",".join(found.geos + found.programmes))
    return found


def sidebar(viewer: Viewer) -> None:
    """Sign in / sign out, who is signed in and what they see; the offline fallback says what it is.
    Nothing where neither sign-in nor an admin password is configured (the public site keeps its width)."""
    if not sign_in_configured() and not admin.admin_password():
        return
    with st.sidebar:
        st.subheader(_("Access"))
        if not sign_in_configured():
            if viewer is OFFLINE_ADMIN:
                st.warning(
                    _(
                        "Unlocked with the admin password: the offline fallback for a laptop with no identity "
                        "provider. You see every programme."
                    )
                )
                # TRANSLATORS: "Lock" is a verb (a button that locks the admin session again).
                if st.button(_("Lock"), key="identity_lock"):
                    admin.lock()
                    st.rerun()
            else:
                st.caption(
                    _(
                        "No identity provider is configured here: you see the public view. Offline fallback: the "
                        "admin password on the Import page unlocks every programme."
                    )
                )
            return
        if not signed_in():
            st.caption(
                _("You see the public view. Learning-community staff and leads sign in to see their programmes.")
            )
            for provider in providers():
                label = _("Sign in") if provider is None else _("Sign in with {provider}").format(provider=provider)
                if st.button(label, key=f"identity_login_{provider}", type="primary"):
                    st.login(provider) if provider else st.login()
            return
        email, subject, _verified = _claims()
        who = escape_markdown(email or subject, limit=120)
        if viewer.is_public:
            st.info(
                _("Signed in as {who}. You have no entry in the access file, so you see the public view.").format(
                    who=who
                )
            )
            problems = access_problems()
            if problems:
                text = _("The access file cannot be used: {problem}").format(problem=problems[0])
                st.caption(escape_markdown(text, limit=300))
        else:
            # TRANSLATORS: {scope} says what the person sees ("learning-community staff: every programme").
            text = _("Signed in as {who}: {scope}.")
            st.success(text.format(who=who, scope=escape_markdown(viewer.describe(), limit=200)))
        if st.button(_("Sign out"), key="identity_logout"):
            audit.log_event("sign_out", who=email or subject, client=st.context.ip_address or "local")
            st.session_state.pop(_LOGGED, None)
            st.logout()


def lead_pages_shown(viewer: Viewer) -> bool:
    """Import and Reports are listed for anyone signed in with a scope (staff, a region or programme lead),
    or (no identity provider) where an admin password is set."""
    return not viewer.is_public if sign_in_configured() else bool(admin.admin_password())


def may_import(viewer: Viewer) -> bool:
    """True for anyone signed in with a scope (what they may import is checked per row: import_scope);
    without an identity provider, once the admin password is given."""
    if not sign_in_configured():
        return admin.admin_unlocked()
    if not viewer.is_public:
        return True
    st.error(_("Importing is for signed-in staff and leads (a role in the access file)."))
    return False


def import_scope(viewer: Viewer):
    """`in_scope(programme_id, geo_code)` for a lead's import (their programmes, or those of their areas and
    the areas inside them); None for staff and the offline fallback, who may import every programme."""
    if viewer.sees_everything or not sign_in_configured():
        return None
    from ipsdash.store import queries
    from ipsdash.ui import boot

    parents = boot.query(queries.get_area_parents)
    return lambda programme_id, geo: viewer.sees_programme(programme_id, geo, parents.get(geo, ""))


def log_refused_link(viewer: Viewer, problems: list, scoped: tuple[str, ...] = ("geo",)) -> None:
    """A signed-in viewer's link asked for an area outside their scope: write it to the audit log."""
    if viewer.is_public or viewer.sees_everything:
        return
    for problem in problems:
        if problem.field in scoped:
            _once("access_refused", viewer.who, reason=f"link asked for {problem.field}={problem.value}")

"""The sign-in box in the sidebar of every page (called by app.py)."""

from __future__ import annotations

import streamlit as st

from dashboard import access, settings, text
from dashboard.i18n import t


def account_box() -> None:
    """Sign-in state and the sign-in / sign-out button. A signed-in person who keeps the public view is told the true
    reason (access.Reason), with the address as the provider sent it, escaped: it is the provider's text, not ours."""
    session = access.current_session()
    with st.sidebar:
        if session.reason == access.Reason.LOCAL_INTERNAL:
            st.caption(t("common.local_internal", env=settings.LOCAL_INTERNAL_ENV))
            return
        if not session.sign_in_configured:
            return
        if not session.logged_in:
            st.caption(t("common.signed_out"))
            st.button(t("common.sign_in"), icon=":material/login:", on_click=st.login, width="stretch")
            return
        email = text.markdown(session.email or "")
        refusals = {
            access.Reason.NO_ADDRESS: t("common.signed_in_no_address"),
            access.Reason.MALFORMED: t("common.signed_in_malformed", email=email),
            access.Reason.UNVERIFIED_MISSING: t("common.signed_in_unverified_missing", email=email),
            access.Reason.UNVERIFIED: t("common.signed_in_unverified", email=email),
            access.Reason.NOT_ALLOWED: t("common.signed_in_not_allowed", email=email),
        }
        if session.view == access.INTERNAL:
            st.caption(t("common.signed_in_internal", email=email))
        else:
            st.warning(refusals[session.reason], icon=":material/block:")
        st.button(t("common.sign_out"), icon=":material/logout:", on_click=st.logout, width="stretch")

"""Who sees what: the public view (anyone) or the internal view (signed-in, allow-listed Committee experts).

Sign-in (st.login, OpenID Connect) only proves identity; the allow-list decides, and it is checked on every run,
so removing an address takes effect at that person's next interaction. A single-user laptop install may opt in
to the internal view with DASHBOARD_LOCAL_INTERNAL=1 (off by default; never set it on a shared server).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dashboard import settings

PUBLIC, INTERNAL = "public", "internal"
VIEWS = (PUBLIC, INTERNAL)
LOCAL_INTERNAL_ENV = settings.LOCAL_INTERNAL_ENV


@dataclass(frozen=True)
class Policy:
    sign_in_configured: bool
    allowed_emails: frozenset[str] = frozenset()
    allowed_domains: frozenset[str] = frozenset()
    local_internal: bool = False


def _lowered(values: Iterable[str] | str | None) -> frozenset[str]:
    if values is None:
        return frozenset()
    if isinstance(values, str):
        values = [values]
    return frozenset(v.strip().lower().lstrip("@") for v in values if v and v.strip())


def policy_from(secrets: Mapping[str, object], environ: Mapping[str, str]) -> Policy:
    """The policy from secrets.toml ([auth] for sign-in, [access] for the allow-list) and the environment."""
    access = secrets.get("access", {}) or {}
    return Policy(
        sign_in_configured="auth" in secrets,
        allowed_emails=_lowered(access.get("allowed_emails")),  # type: ignore[union-attr]
        allowed_domains=_lowered(access.get("allowed_domains")),  # type: ignore[union-attr]
        local_internal=environ.get(LOCAL_INTERNAL_ENV, "").strip().lower() in ("1", "true", "yes"),
    )


def is_allowed(policy: Policy, email: str | None) -> bool:
    if not email or "@" not in email:
        return False
    address = email.strip().lower()
    return address in policy.allowed_emails or address.rsplit("@", 1)[1] in policy.allowed_domains


def decide(policy: Policy, logged_in: bool, email: str | None, email_verified: bool | None = None) -> str:
    """The view for this run. Anything short of a verified, allow-listed identity is the public view."""
    if policy.local_internal:
        return INTERNAL
    if not (policy.sign_in_configured and logged_in) or email_verified is False:
        return PUBLIC
    return INTERNAL if is_allowed(policy, email) else PUBLIC


def current_policy() -> Policy:
    import streamlit as st

    try:
        secrets: Mapping[str, object] = st.secrets.to_dict()
    except FileNotFoundError:
        secrets = {}
    return policy_from(secrets, os.environ)


@dataclass(frozen=True)
class Session:
    """Who is looking, as far as this run knows: the view, and the signed-in address if any."""

    view: str
    sign_in_configured: bool
    logged_in: bool
    email: str | None


def current_session() -> Session:
    """Decided afresh on every run from st.user and the policy; never from the URL or session state."""
    import streamlit as st

    policy = current_policy()
    try:
        user = st.user.to_dict()
    except Exception:  # noqa: BLE001 - no identity information at all means nobody is signed in
        user = {}
    logged_in = user.get("is_logged_in") is True
    email = user.get("email") if logged_in and isinstance(user.get("email"), str) else None
    verified = user.get("email_verified")
    view = decide(policy, logged_in, email, verified if isinstance(verified, bool) else None)
    return Session(view, policy.sign_in_configured, logged_in, email)


def current_view() -> str:
    return current_session().view

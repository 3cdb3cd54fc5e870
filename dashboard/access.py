"""Who sees what: the public view (anyone) or the internal view (signed-in, allow-listed Committee experts).

Sign-in (st.login, OpenID Connect) only proves identity; the allow-list decides, and it is checked on every run,
so removing an address takes effect at that person's next interaction. A single-user laptop install may opt in
to the internal view with DASHBOARD_LOCAL_INTERNAL=1 (off by default; never set it on a shared server).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PUBLIC, INTERNAL = "public", "internal"
VIEWS = (PUBLIC, INTERNAL)
LOCAL_INTERNAL_ENV = "DASHBOARD_LOCAL_INTERNAL"


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

"""The access policy: only a verified, allow-listed identity (or the explicit laptop opt-in) is internal."""

from __future__ import annotations

import pytest

from dashboard.access import INTERNAL, PUBLIC, Policy, decide, policy_from

SECRETS = {"auth": {"client_id": "x"}, "access": {"allowed_emails": ["Expert@UN.org "], "allowed_domains": ["@un.org"]}}


def test_policy_from_secrets_and_environment() -> None:
    policy = policy_from(SECRETS, {})
    assert policy == Policy(True, frozenset({"expert@un.org"}), frozenset({"un.org"}), False)
    assert policy_from({}, {"DASHBOARD_LOCAL_INTERNAL": "1"}).local_internal
    assert not policy_from({}, {"DASHBOARD_LOCAL_INTERNAL": "0"}).local_internal


@pytest.mark.parametrize(
    ("logged_in", "email", "verified", "view"),
    [
        (True, "expert@un.org", True, INTERNAL),
        (True, "EXPERT@un.org", None, INTERNAL),
        (True, "someone@un.org", True, INTERNAL),  # domain allowed
        (True, "someone@un.org.evil.com", True, PUBLIC),  # not the domain
        (True, "un.org@evil.com", True, PUBLIC),
        (True, "donor@example.org", True, PUBLIC),  # signed in, not allowed
        (True, "expert@un.org", False, PUBLIC),  # provider says the address is not verified
        (False, "expert@un.org", True, PUBLIC),  # not signed in
        (True, None, None, PUBLIC),
    ],
)
def test_decide(logged_in: bool, email: str | None, verified: bool | None, view: str) -> None:
    assert decide(policy_from(SECRETS, {}), logged_in, email, verified) == view


def test_without_sign_in_configured_everyone_is_public_unless_laptop_opt_in() -> None:
    assert decide(policy_from({}, {}), True, "expert@un.org", True) == PUBLIC
    assert decide(policy_from({}, {"DASHBOARD_LOCAL_INTERNAL": "true"}), False, None) == INTERNAL


def test_empty_allow_list_allows_nobody() -> None:
    assert decide(policy_from({"auth": {}}, {}), True, "expert@un.org", True) == PUBLIC

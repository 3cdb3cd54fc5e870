"""The access policy: only a verified, well-formed, allow-listed identity (or the explicit laptop opt-in) is internal,
and every refusal carries its true reason."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from dashboard.access import (
    INTERNAL,
    PUBLIC,
    Decision,
    Policy,
    Reason,
    TrustedProvider,
    canonical_address,
    canonical_domain,
    decide,
    policy_from,
)

SECRETS = {"auth": {"client_id": "x"}, "access": {"allowed_emails": ["Expert@UN.org "], "allowed_domains": ["@un.org"]}}
ENTRA = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0"
OTHER_TENANT = "https://login.microsoftonline.com/99999999-2222-3333-4444-555555555555/v2.0"
SIGNED_OUT = Decision(PUBLIC, Reason.SIGNED_OUT)
KELVIN = "\u212a"  # KELVIN SIGN: NFC and NFKC make it "K", lower() and casefold() make it "k"


def signed_in(email: object, **claims: object) -> dict[str, object]:
    return {"is_logged_in": True, "email": email, **claims}


def test_policy_from_secrets_and_environment() -> None:
    policy = policy_from(SECRETS, {})
    assert policy == Policy(True, frozenset({"expert@un.org"}), frozenset({"un.org"}), False)
    assert policy_from({}, {"DASHBOARD_LOCAL_INTERNAL": "1"}).local_internal
    assert not policy_from({}, {"DASHBOARD_LOCAL_INTERNAL": "0"}).local_internal


@pytest.mark.parametrize(
    ("user", "decision"),
    [
        (signed_in("expert@un.org", email_verified=True), Decision(INTERNAL, Reason.ALLOWED)),
        (signed_in("EXPERT@un.org", email_verified=True), Decision(INTERNAL, Reason.ALLOWED)),
        (signed_in("someone@un.org", email_verified=True), Decision(INTERNAL, Reason.ALLOWED)),  # domain allowed
        (signed_in("someone@un.org.evil.com", email_verified=True), Decision(PUBLIC, Reason.NOT_ALLOWED)),
        (signed_in("un.org@evil.com", email_verified=True), Decision(PUBLIC, Reason.NOT_ALLOWED)),
        (signed_in("donor@example.org", email_verified=True), Decision(PUBLIC, Reason.NOT_ALLOWED)),
        ({"is_logged_in": False, "email": "expert@un.org", "email_verified": True}, SIGNED_OUT),
        ({"email": "expert@un.org", "email_verified": True}, SIGNED_OUT),  # a stale identity without a session
        ({"is_logged_in": "true", "email": "expert@un.org", "email_verified": True}, SIGNED_OUT),
        (signed_in(None, email_verified=True), Decision(PUBLIC, Reason.NO_ADDRESS)),
        ({"is_logged_in": True, "email_verified": True}, Decision(PUBLIC, Reason.NO_ADDRESS)),
        (signed_in("  ", email_verified=True), Decision(PUBLIC, Reason.NO_ADDRESS)),
    ],
)
def test_decide(user: dict, decision: Decision) -> None:
    assert decide(policy_from(SECRETS, {}), user) == decision


# Finding 1: anything but the boolean true, or a missing claim, was let through.
@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"email_verified": False}, Reason.UNVERIFIED),
        ({"email_verified": "false"}, Reason.UNVERIFIED),
        ({"email_verified": "true"}, Reason.UNVERIFIED),  # a string is not the provider's boolean word
        ({"email_verified": 0}, Reason.UNVERIFIED),
        ({"email_verified": 1}, Reason.UNVERIFIED),
        ({"email_verified": None}, Reason.UNVERIFIED),
        ({"email_verified": [True]}, Reason.UNVERIFIED),
        ({}, Reason.UNVERIFIED_MISSING),  # e.g. Microsoft Entra ID, which sends no such claim
    ],
)
def test_only_the_boolean_true_verifies_an_address(claims: dict, reason: Reason) -> None:
    assert decide(policy_from(SECRETS, {}), signed_in("expert@un.org", **claims)) == Decision(PUBLIC, reason)


def trusting(issuer: str, domains: list[str]) -> dict:
    return {**SECRETS, "access": {**SECRETS["access"], "trusted_providers": [{"issuer": issuer, "domains": domains}]}}


def test_trusted_provider_is_read_from_secrets() -> None:
    policy = policy_from(trusting(ENTRA, ["UN.org", "@ext.un.org"]), {})
    assert policy.trusted_providers == (TrustedProvider(ENTRA, frozenset({"un.org", "ext.un.org"})),)


@pytest.mark.parametrize(
    ("user", "decision"),
    [
        (signed_in("expert@un.org", iss=ENTRA), Decision(INTERNAL, Reason.ALLOWED)),
        (signed_in("Someone@UN.org", iss=ENTRA), Decision(INTERNAL, Reason.ALLOWED)),
        # Another tenant, even with an address at a trusted domain (a guest tenant can set any mail attribute).
        (signed_in("expert@un.org", iss=OTHER_TENANT), Decision(PUBLIC, Reason.UNVERIFIED_MISSING)),
        # The issuer is compared exactly: no trailing slash, no case folding, no prefix.
        (signed_in("expert@un.org", iss=ENTRA + "/"), Decision(PUBLIC, Reason.UNVERIFIED_MISSING)),
        (signed_in("expert@un.org", iss=ENTRA.upper()), Decision(PUBLIC, Reason.UNVERIFIED_MISSING)),
        (signed_in("expert@un.org", iss=ENTRA[:-5]), Decision(PUBLIC, Reason.UNVERIFIED_MISSING)),
        (signed_in("expert@un.org"), Decision(PUBLIC, Reason.UNVERIFIED_MISSING)),  # no issuer at all
        (signed_in("expert@un.org", iss=[ENTRA]), Decision(PUBLIC, Reason.UNVERIFIED_MISSING)),
        # The right issuer, but a domain it does not vouch for (the allow-list would take it).
        (signed_in("expert@sub.un.org", iss=ENTRA), Decision(PUBLIC, Reason.UNVERIFIED_MISSING)),
        # A claim the provider did send is its word; trust never overrides it.
        (signed_in("expert@un.org", iss=ENTRA, email_verified="false"), Decision(PUBLIC, Reason.UNVERIFIED)),
        (signed_in("expert@un.org", iss=ENTRA, email_verified=False), Decision(PUBLIC, Reason.UNVERIFIED)),
        (signed_in("expert@un.org", iss=ENTRA, email_verified=True), Decision(INTERNAL, Reason.ALLOWED)),
        # Verified is not allowed: the allow-list still decides.
        (signed_in("donor@ext.un.org", iss=ENTRA), Decision(PUBLIC, Reason.NOT_ALLOWED)),
    ],
)
def test_trusted_provider_verifies_only_its_own_domains_for_its_exact_issuer(user: dict, decision: Decision) -> None:
    assert decide(policy_from(trusting(ENTRA, ["un.org", "ext.un.org"]), {}), user) == decision


@pytest.mark.parametrize(
    "provider",
    [
        {"issuer": ENTRA},  # no domains: would trust nothing, so it is dropped
        {"issuer": ENTRA, "domains": []},
        {"issuer": ENTRA, "domains": ["not a domain", "@"]},
        {"issuer": "", "domains": ["un.org"]},
        {"issuer": f" {ENTRA}", "domains": ["un.org"]},
        {"domains": ["un.org"]},
        "un.org",
    ],
)
def test_incomplete_trusted_provider_trusts_nothing(provider: object) -> None:
    policy = policy_from({**SECRETS, "access": {**SECRETS["access"], "trusted_providers": [provider]}}, {})
    assert policy.trusted_providers == ()
    assert decide(policy, signed_in("expert@un.org", iss=ENTRA)) == Decision(PUBLIC, Reason.UNVERIFIED_MISSING)


def test_without_sign_in_configured_everyone_is_public_unless_laptop_opt_in() -> None:
    assert decide(policy_from({}, {}), signed_in("expert@un.org", email_verified=True)).view == PUBLIC
    assert decide(policy_from({}, {"DASHBOARD_LOCAL_INTERNAL": "true"}), {}) == Decision(
        INTERNAL, Reason.LOCAL_INTERNAL
    )


def test_empty_allow_list_allows_nobody() -> None:
    user = signed_in("expert@un.org", email_verified=True)
    assert decide(policy_from({"auth": {}}, {}), user) == Decision(PUBLIC, Reason.NOT_ALLOWED)


# Finding 10: addresses are normalised on both sides, and what is not one address is refused.
@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("expert@un.org", "expert@un.org"),
        ("  Expert@UN.Org\t", "expert@un.org"),
        ("STRASSE@example.org", "strasse@example.org"),
        ("straße@example.org", "strasse@example.org"),  # case folding, not lower(): ß folds to ss
        ("Иванов@пример.рф", "иванов@пример.рф"),  # non-ASCII addresses are addresses
        ("e\u0301lise@example.org", "\u00e9lise@example.org"),  # canonically equivalent spellings compare equal
        ("first.last+tag@sub.un.org", "first.last+tag@sub.un.org"),
    ],
)
def test_canonical_address(raw: str, canonical: str) -> None:
    assert canonical_address(raw) == canonical


@pytest.mark.parametrize(
    "raw",
    [
        "@un.org",  # empty local part: the domain rule let it through
        "expert@",
        "@",
        "expert",
        "",
        "a@b@un.org",  # two @: the domain rule took the last part
        "expert@un..org",
        "expert@.un.org",
        "expert@un.org.",
        "exp ert@un.org",
        "expert@un.org\u200b",  # zero-width space: invisible, not an address
        "expert\u00a0@un.org",  # no-break space
        "expert\n@un.org",
        f"{KELVIN}ate@un.org",  # the Kelvin sign: looks like K, is not
        f"kate@{KELVIN}un.org",
        "\uff45xpert@un.org",  # fullwidth e
        "\ufb01nance@un.org",  # the fi ligature
        None,
        42,
        ["expert@un.org"],
    ],
)
def test_malformed_addresses_are_refused(raw: object) -> None:
    assert canonical_address(raw) is None


def test_kelvin_sign_never_matches_an_allowed_k() -> None:
    """lower() and casefold() both turn the Kelvin sign into k, so kate@un.org's entry admitted its look-alike."""
    policy = policy_from({"auth": {}, "access": {"allowed_emails": ["kate@un.org"]}}, {})
    assert decide(policy, signed_in(f"{KELVIN}ate@un.org", email_verified=True)) == Decision(PUBLIC, Reason.MALFORMED)
    assert decide(policy, signed_in("Kate@un.org", email_verified=True)) == Decision(INTERNAL, Reason.ALLOWED)


def test_empty_local_part_never_passes_the_domain_rule() -> None:
    policy = policy_from({"auth": {}, "access": {"allowed_domains": ["un.org"]}}, {})
    for email in ("@un.org", " @un.org", "a@b@un.org", "@@un.org"):
        assert decide(policy, signed_in(email, email_verified=True)) == Decision(PUBLIC, Reason.MALFORMED), email
    assert decide(policy, signed_in("a@un.org", email_verified=True)) == Decision(INTERNAL, Reason.ALLOWED)


def test_allow_list_is_normalised_like_the_claim() -> None:
    """The same rules on both sides: a configured entry that is no address is left out (and logged), never widened."""
    secrets = {
        "auth": {},
        "access": {
            "allowed_emails": [" Expert@UN.org ", "straße@example.org", f"{KELVIN}ate@un.org", "@un.org", "", 7],
            "allowed_domains": ["@Example.COM ", "un..org", "a@b.org", f"{KELVIN}az.gov", ""],
        },
    }
    policy = policy_from(secrets, {})
    assert policy.allowed_emails == {"expert@un.org", "strasse@example.org"}
    assert policy.allowed_domains == {"example.com"}
    assert decide(policy, signed_in("STRASSE@example.org", email_verified=True)).view == INTERNAL
    assert decide(policy, signed_in("kate@un.org", email_verified=True)).view == PUBLIC
    assert decide(policy, signed_in("x@un.org", email_verified=True)).view == PUBLIC  # "@un.org" is no wildcard


@pytest.mark.parametrize(("raw", "domain"), [("un.org", "un.org"), ("@UN.org", "un.org"), (" un.org ", "un.org")])
def test_canonical_domain(raw: str, domain: str) -> None:
    assert canonical_domain(raw) == domain


@pytest.mark.parametrize("raw", ["", "@", "@@un.org", "a@un.org", "un..org", ".un.org", f"{KELVIN}az.gov", None])
def test_malformed_domains_are_refused(raw: object) -> None:
    assert canonical_domain(raw) is None


def test_secrets_example_configures_what_the_code_reads() -> None:
    """The documented keys are the ones policy_from reads, the commented trusted provider included."""
    text = (Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.toml.example").read_text(encoding="utf-8")
    policy = policy_from(tomllib.loads(text), {})
    assert policy.sign_in_configured and policy.allowed_emails and not policy.trusted_providers
    uncommented = re.sub(r"^# (\[\[access\.trusted_providers\]\]|issuer =|domains =)", r"\1", text, flags=re.M)
    (provider,) = policy_from(tomllib.loads(uncommented), {}).trusted_providers
    assert provider.issuer.startswith("https://login.microsoftonline.com/") and provider.domains

"""Who sees what: the public view (anyone) or the internal view (signed-in, allow-listed Committee experts).

Sign-in (st.login, OpenID Connect) only proves identity; the allow-list decides, and it is checked on every run,
so removing an address takes effect at that person's next interaction. A single-user laptop install may opt in
to the internal view with DASHBOARD_LOCAL_INTERNAL=1 (off by default; never set it on a shared server).

Everything fails closed: the internal view needs a signed-in, well-formed address that the provider verified (its
`email_verified` claim is the boolean true, or the deployment trusts that provider's issuer for that domain) and that
is on the allow-list. Anything else, including a claim of another type such as the string "true", is the public view,
with the first reason that failed (the checks run in that order, so an unverified address never learns whether it is
on the allow-list).
"""

from __future__ import annotations

import logging
import os
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from dashboard import settings

PUBLIC, INTERNAL = "public", "internal"
LOCAL_INTERNAL_ENV = settings.LOCAL_INTERNAL_ENV

_log = logging.getLogger(__name__)
_warned: set[str] = set()


class Reason(StrEnum):
    """Why this run has the view it has; the sidebar tells the signed-in person the true one."""

    LOCAL_INTERNAL = "local_internal"
    NO_SIGN_IN = "no_sign_in"  # no [auth] in secrets.toml: nobody can sign in
    SIGNED_OUT = "signed_out"
    NO_ADDRESS = "no_address"  # signed in, but the provider sent no email claim
    MALFORMED = "malformed"
    UNVERIFIED_MISSING = "unverified_missing"  # no email_verified claim, and no trusted provider covers the address
    UNVERIFIED = "unverified"  # an email_verified claim that is not the boolean true
    NOT_ALLOWED = "not_allowed"
    ALLOWED = "allowed"


@dataclass(frozen=True)
class TrustedProvider:
    """An issuer whose addresses at these domains are verified by construction (e.g. an Entra ID tenant's own
    domains), for providers that send no email_verified claim."""

    issuer: str
    domains: frozenset[str]


@dataclass(frozen=True)
class Policy:
    sign_in_configured: bool
    allowed_emails: frozenset[str] = frozenset()
    allowed_domains: frozenset[str] = frozenset()
    local_internal: bool = False
    trusted_providers: tuple[TrustedProvider, ...] = ()


def canonical_address(raw: object) -> str | None:
    """The address as compared, on both sides (allow-list and claim): trimmed, NFKC, case-folded; None unless it
    has exactly one @ between a non-empty local part and a domain of non-empty labels, with no whitespace, control or
    invisible characters.

    Also None: a character that Unicode normalisation replaces by another one, such as the Kelvin sign U+212A (NFKC,
    and even NFC, make it K), fullwidth letters, ligatures or the no-break space. Normalising would turn such a
    look-alike into someone else's address, which the provider never vouched for: it is refused, not matched.
    Sequences that normalisation only composes (e + combining acute -> é) are the same text and compare equal.
    """
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if any(unicodedata.normalize("NFKC", char) != char for char in text):
        return None
    # Case folding can leave text that is not NFKC again (Unicode's toNFKC_Casefold does the same second pass).
    address = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    if any(unicodedata.category(char)[0] in "CZ" for char in address):
        return None
    if address.count("@") != 1:
        return None
    local, domain = address.split("@")
    if not local or not all(domain.split(".")):
        return None
    return address


def canonical_domain(raw: object) -> str | None:
    """A configured domain ("un.org" or "@un.org") under exactly the rules an address's domain meets."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    address = canonical_address(f"x{text}" if text.startswith("@") else f"x@{text}")
    return address.split("@")[1] if address else None


def domain_of(address: str) -> str:
    return address.rsplit("@", 1)[1]


def _warn_once(message: str) -> None:
    # The policy is read on every run: say each configuration problem once per process, not on every click.
    if message not in _warned:
        _warned.add(message)
        _log.warning(message)


def _entries(values: object) -> list[object]:
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return list(values) if isinstance(values, Iterable) else [values]


def _canonical_set(values: object, canonical: Callable[[object], str | None], what: str) -> frozenset[str]:
    kept: set[str] = set()
    for value in _entries(values):
        if isinstance(value, str) and not value.strip():
            continue
        result = canonical(value)
        if result is None:
            _warn_once(f"secrets.toml [access]: ignoring {what} {value!r}: not a well-formed {what}")
        else:
            kept.add(result)
    return frozenset(kept)


def _trusted_providers(values: object) -> tuple[TrustedProvider, ...]:
    kept: list[TrustedProvider] = []
    for entry in _entries(values):
        issuer = entry.get("issuer") if isinstance(entry, Mapping) else None
        domains = _canonical_set(entry.get("domains"), canonical_domain, "domain") if issuer else frozenset()
        # The issuer is compared exactly, as the ID token's iss claim spells it: no trimming, no trailing-slash rules.
        if not isinstance(issuer, str) or not issuer or issuer != issuer.strip() or not domains:
            _warn_once(f"secrets.toml [access]: ignoring trusted provider {entry!r}: it needs an issuer and domains")
            continue
        kept.append(TrustedProvider(issuer, domains))
    return tuple(kept)


def policy_from(secrets: Mapping[str, object], environ: Mapping[str, str]) -> Policy:
    """The policy from secrets.toml ([auth] for sign-in, [access] for the allow-list) and the environment.
    Entries that are not well-formed are left out (and logged): a broken entry can only ever allow less."""
    access = secrets.get("access", {})
    if not isinstance(access, Mapping):
        access = {}
    return Policy(
        sign_in_configured="auth" in secrets,
        allowed_emails=_canonical_set(access.get("allowed_emails"), canonical_address, "address"),
        allowed_domains=_canonical_set(access.get("allowed_domains"), canonical_domain, "domain"),
        local_internal=environ.get(LOCAL_INTERNAL_ENV, "").strip().lower() in ("1", "true", "yes"),
        trusted_providers=_trusted_providers(access.get("trusted_providers")),
    )


def is_allowed(policy: Policy, address: str) -> bool:
    """address: a canonical_address()."""
    return address in policy.allowed_emails or domain_of(address) in policy.allowed_domains


def unverified_reason(policy: Policy, user: Mapping[str, object], address: str) -> Reason | None:
    """None when the provider verified the address, else why not.

    A claim the provider did send is its word: only the boolean true passes (not "true", not 1), and a trusted
    provider never overrides it. Without the claim, the address passes only if the ID token's issuer is exactly a
    trusted provider's and the address's domain is one of that provider's own.
    """
    if "email_verified" in user:
        return None if user["email_verified"] is True else Reason.UNVERIFIED
    issuer = user.get("iss")
    domain = domain_of(address)
    if isinstance(issuer, str) and any(p.issuer == issuer and domain in p.domains for p in policy.trusted_providers):
        return None
    return Reason.UNVERIFIED_MISSING


@dataclass(frozen=True)
class Decision:
    view: str
    reason: Reason


def decide(policy: Policy, user: Mapping[str, object]) -> Decision:
    """The view for this run from st.user's fields. Anything short of a verified, allow-listed identity is public."""
    if policy.local_internal:
        return Decision(INTERNAL, Reason.LOCAL_INTERNAL)
    if not policy.sign_in_configured:
        return Decision(PUBLIC, Reason.NO_SIGN_IN)
    if user.get("is_logged_in") is not True:
        return Decision(PUBLIC, Reason.SIGNED_OUT)
    raw = user.get("email")
    if not isinstance(raw, str) or not raw.strip():
        return Decision(PUBLIC, Reason.NO_ADDRESS)
    address = canonical_address(raw)
    if address is None:
        return Decision(PUBLIC, Reason.MALFORMED)
    refusal = unverified_reason(policy, user, address)
    if refusal is not None:
        return Decision(PUBLIC, refusal)
    return Decision(INTERNAL, Reason.ALLOWED) if is_allowed(policy, address) else Decision(PUBLIC, Reason.NOT_ALLOWED)


def current_policy() -> Policy:
    import streamlit as st

    try:
        secrets: Mapping[str, object] = st.secrets.to_dict()
    except FileNotFoundError:
        secrets = {}
    return policy_from(secrets, os.environ)


@dataclass(frozen=True)
class Session:
    """Who is looking, as far as this run knows: the view, why, and the signed-in address as the provider sent it
    (for display only, never for a decision)."""

    view: str
    reason: Reason
    sign_in_configured: bool
    logged_in: bool
    email: str | None


#: session id -> (the run's token, its Session): the view is decided once per run. Reading st.secrets parsed the
#: secrets files on every call (issue 11's profile: 8-11 % of the server's time under 20-50 sessions, called 10-20
#: times a run). Bounded: a closed session's entry is dropped once enough others have come.
_PER_RUN: OrderedDict[str, tuple[object, Session]] = OrderedDict()
_PER_RUN_LOCK = threading.Lock()
_PER_RUN_MAX = 4096


def _run_token() -> tuple[str, object] | None:
    """(session id, an object that exists exactly for this run): Streamlit gives each run a new `cursors` dict
    (ScriptRunContext.reset); holding it keeps its identity from being reused. None outside a script run."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return None
    return ctx.session_id, ctx.cursors


def current_session() -> Session:
    """Decided afresh on every run from st.user and the policy, once per run; never from the URL or session state."""
    token = _run_token()
    if token is None:
        return _decided_session()
    session_id, run = token
    with _PER_RUN_LOCK:
        known = _PER_RUN.get(session_id)
        if known is not None and known[0] is run:
            return known[1]
    session = _decided_session()
    with _PER_RUN_LOCK:
        _PER_RUN[session_id] = (run, session)
        _PER_RUN.move_to_end(session_id)
        while len(_PER_RUN) > _PER_RUN_MAX:
            _PER_RUN.popitem(last=False)
    return session


def _decided_session() -> Session:
    import streamlit as st

    policy = current_policy()
    try:
        user = st.user.to_dict()
    except Exception:  # noqa: BLE001 - no identity information at all means nobody is signed in
        user = {}
    logged_in = user.get("is_logged_in") is True
    email = user.get("email")
    decision = decide(policy, user)
    shown = email.strip() if logged_in and isinstance(email, str) else None
    return Session(decision.view, decision.reason, policy.sign_in_configured, logged_in, shown)


def current_view() -> str:
    return current_session().view

"""Sign-in end to end: st.login against a local OpenID Connect provider, in a real headless Chromium.

The unit tests of dashboard/access.py prove the decision; these prove the wiring around it: that the sign-in button
really reaches a provider and back, that the identity Streamlit hands the app switches the view, that the allow-list
refuses an address the provider vouches for, that sign-out restores the public view, and that nothing of the internal
warehouse travels down the websocket to a browser that may not see it (the page text alone could hide data that was
sent but not drawn, e.g. rows in a dataframe's canvas).

One provider (oidc-provider-mock, started with predefined users whose ID tokens carry exactly the claims given, so
an email_verified of any type, or none at all, reaches the app as a real provider would send it) and one Streamlit
server serve the whole module; every test opens its own browser context, so no identity cookie carries over.
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, WebSocket, expect

from tests.browser.conftest import ROOT, SCREENSHOTS, free_port, start_server
from tests.browser.test_pages_in_browser import wait_until_idle

pytestmark = pytest.mark.browser

ALLOWED = "expert@un.org"
REFUSED = "donor@example.org"
# A domain this module's secrets name as verified by construction for the provider's issuer (as an Entra ID tenant's
# own domains would be): an address there needs no email_verified claim.
TRUSTED_DOMAIN = "trusted.example"
# Predefined users, chosen on the provider's form by their subject. Each carries exactly these claims: a user that
# is merely typed into the form gets only an email claim.
USERS = {
    "verified-expert": {"email": ALLOWED, "email_verified": True},
    "verified-donor": {"email": REFUSED, "email_verified": True},
    "expert-verified-as-string": {"email": ALLOWED, "email_verified": "false"},
    "expert-without-verified-claim": {"email": ALLOWED},
    "trusted-domain-expert": {"email": f"expert@{TRUSTED_DOMAIN}"},
}
# What only the internal warehouse holds: the fixture's one request without consent to publish, and the marker
# planted in its texts (summary, item, match feedback). Either reaching a public browser is a leak.
SECRETS = ("ZZSECRET", "R-TKM-1")
PUBLIC_BADGE = "Public view · assistance requests published"
INTERNAL_BADGE = "Internal view · includes requests"
SIGN_IN = "Sign in (Committee experts)"
SIGN_OUT = "Sign out"
REGISTER = "Request register"
TIMEOUT_MS = 30000


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def provider(chromium: str) -> Iterator[str]:
    """A local OpenID Connect provider; its metadata URL is what the app's secrets point at."""
    port = free_port()
    # A subprocess rather than run_server_in_thread(): terminating it is certain, a thread cannot be killed.
    users = [arg for sub, claims in USERS.items() for arg in ("--user-claims", json.dumps({"sub": sub, **claims}))]
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port), *users],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/.well-known/openid-configuration", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oidc-provider-mock did not start (exit code {process.poll()})") from None
                time.sleep(0.2)
        yield url
    finally:
        _stop(process)


def _secrets_toml(app_port: int, provider_url: str) -> str:
    # 127.0.0.1, never localhost: the state cookie set on one host name is not sent to the other, and the callback
    # then fails (TECH-NOTES, "Sign-in tested end to end"). Any client id and secret: the mock accepts them all.
    return f"""\
[auth]
redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"
cookie_secret = "{secrets.token_hex(32)}"
client_id = "dashboard-test"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{provider_url}/.well-known/openid-configuration"

[access]
allowed_emails = ["{ALLOWED}"]
allowed_domains = ["{TRUSTED_DOMAIN}"]

# The mock's ID tokens name its own address as issuer (iss), exactly as its metadata does.
[[access.trusted_providers]]
issuer = "{provider_url}"
domains = ["{TRUSTED_DOMAIN}"]
"""


@pytest.fixture(scope="module")
def signin_server(fixture_warehouse: Path, provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Streamlit with [auth] and [access] in its secrets, started from a scratch folder.

    Never from the repository: its .streamlit/ may hold a developer's real secrets.toml, which must be neither
    overwritten nor read. The scratch folder gets the repository's config.toml, so the server runs with the same
    hardened settings as a real deployment.
    """
    home = tmp_path_factory.mktemp("signin")
    (home / ".streamlit").mkdir()
    shutil.copy(ROOT / ".streamlit" / "config.toml", home / ".streamlit" / "config.toml")
    # redirect_uri names the app's port, and Streamlit reads secrets.toml once at startup: the port must be known
    # before the server starts, so choose it here and hand it to start_server.
    port = free_port()
    (home / ".streamlit" / "secrets.toml").write_text(_secrets_toml(port, provider), encoding="utf-8")
    process, url = start_server(fixture_warehouse, extra_env={"PYTHONPATH": str(ROOT)}, cwd=home, port=port)
    try:
        assert url == f"http://127.0.0.1:{port}"
        yield url
    finally:
        _stop(process)


@dataclass
class Visit:
    """A fresh browser context (no cookies) and every websocket frame its page received."""

    context: BrowserContext
    page: Page
    frames: list[bytes] = field(default_factory=list)

    def received(self, needle: str) -> bool:
        return any(needle.encode() in frame for frame in self.frames)

    def body_text(self) -> str:
        return self.page.locator("body").inner_text()


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1400, "height": 1800})
    page = context.new_page()
    frames: list[bytes] = []

    def on_frame(payload: bytes | str) -> None:
        # Streamlit's frames are binary protobuf; dataframes inside are Arrow, whose strings are plain UTF-8.
        frames.append(payload if isinstance(payload, bytes) else payload.encode())

    def on_websocket(socket: WebSocket) -> None:
        socket.on("framereceived", on_frame)

    # Registered before the first navigation, so the very first frame of every socket is seen.
    page.on("websocket", on_websocket)
    try:
        yield Visit(context, page, frames)
    finally:
        context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_until_idle(page, TIMEOUT_MS)


def _nav(page: Page) -> Locator:
    return page.locator('[data-testid="stSidebarNav"]')


def _expect_public(page: Page) -> None:
    """The public badge is drawn and the navigation has loaded without the register.

    Waiting for a page link that both views have first makes the absence check mean something: an empty or still
    loading sidebar would also have no register link.
    """
    expect(page.get_by_text(PUBLIC_BADGE)).to_be_visible(timeout=TIMEOUT_MS)
    expect(_nav(page).get_by_text("Overview", exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(_nav(page).get_by_text(REGISTER, exact=True)).to_have_count(0)
    expect(page.get_by_text(INTERNAL_BADGE)).to_have_count(0)


def _sign_in(page: Page, subject: str) -> None:
    """Press the app's sign-in button, choose a predefined user on the provider's form, and wait to be back."""
    assert subject in USERS, f"{subject!r} is not a predefined user: a typed subject would get no verified claim"
    app_origin = page.url.split("/", 3)[:3]
    page.get_by_role("button", name=SIGN_IN).click()
    # The mock's authorize page lists each predefined user as a button named after its subject.
    user = page.get_by_role("button", name=subject, exact=True)
    expect(user).to_be_visible(timeout=TIMEOUT_MS)
    user.click()
    page.wait_for_url(
        lambda url: url.split("/", 3)[:3] == app_origin and "/oauth2callback" not in url, timeout=TIMEOUT_MS
    )
    wait_until_idle(page, TIMEOUT_MS)


def _assert_nothing_internal(visit: Visit) -> None:
    body = visit.body_text()
    for needle in SECRETS:
        assert needle not in body, f"{needle!r} is on a public page"
        assert not visit.received(needle), f"{needle!r} was sent down the websocket to a public browser"
    # A scan over nothing proves nothing: the app must really have talked to this browser.
    assert len(visit.frames) > 5, f"only {len(visit.frames)} websocket frames received"


def test_anonymous_visitor_sees_the_public_view_only(signin_server: str, visit: Visit) -> None:
    page = visit.page
    # The internal page's address first, while this module's server is still fresh (this test runs first): on a
    # server that has not yet run app.py, Streamlit would run pages/request_register.py by itself (legacy multipage
    # routing), and only the page's own check stands between a public visitor and the register.
    _open(page, f"{signin_server}/request_register")
    _expect_public(page)
    expect(page.get_by_text(REGISTER, exact=True)).to_have_count(0)
    # The button is the proof that [auth] was read: without it every visitor is public and this test is empty.
    expect(page.get_by_role("button", name=SIGN_IN)).to_be_visible(timeout=TIMEOUT_MS)

    # Once app.py has registered the page list, the address must still not open it.
    _open(page, signin_server)
    _expect_public(page)
    _open(page, f"{signin_server}/request_register")
    _expect_public(page)
    expect(page.get_by_text(REGISTER, exact=True)).to_have_count(0)
    _assert_nothing_internal(visit)


def _screenshot(page: Page, name: str) -> None:
    """For the people who look at what the tests saw (artifacts/ is git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_allowed_expert_signs_in_sees_the_register_and_signs_out(signin_server: str, visit: Visit) -> None:
    page = visit.page
    _open(page, signin_server)
    _expect_public(page)

    _sign_in(page, "verified-expert")
    expect(page.get_by_text(INTERNAL_BADGE)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(f"Signed in as {ALLOWED} · internal view.")).to_be_visible(timeout=TIMEOUT_MS)
    register_link = _nav(page).get_by_text(REGISTER, exact=True)
    expect(register_link).to_be_visible(timeout=TIMEOUT_MS)

    # Through the navigation, not by URL: the link the expert is given must lead to the register.
    register_link.click()
    page.wait_for_url(f"{signin_server}/request_register**", timeout=TIMEOUT_MS)
    wait_until_idle(page, TIMEOUT_MS)
    expect(page.get_by_role("heading", name=REGISTER)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(INTERNAL_BADGE)).to_be_visible(timeout=TIMEOUT_MS)
    # The grid draws on a canvas, but Glide keeps an accessible copy of the visible cells in the DOM.
    expect(page.locator('[data-testid="stDataFrame"]').get_by_text("R-TKM-1", exact=True)).to_be_attached(
        timeout=TIMEOUT_MS
    )
    _screenshot(page, "signed_in_request_register")
    # The positive control for the websocket scan in the other tests: the same scan finds both here.
    for needle in SECRETS:
        assert visit.received(needle), f"{needle!r} not found in {len(visit.frames)} frames: the scan cannot work"

    page.get_by_role("button", name=SIGN_OUT).click()
    # st.logout hands over to the provider's end-session page, which asks for a click before it sends us back.
    end_session = page.get_by_role("button", name="End session")
    expect(end_session).to_be_visible(timeout=TIMEOUT_MS)
    end_session.click()
    page.wait_for_url(lambda url: url.startswith(signin_server) and "/oauth2callback" not in url, timeout=TIMEOUT_MS)
    wait_until_idle(page, TIMEOUT_MS)
    _expect_public(page)
    expect(page.get_by_role("button", name=SIGN_IN)).to_be_visible(timeout=TIMEOUT_MS)


def test_signed_in_address_off_the_allow_list_keeps_the_public_view(signin_server: str, visit: Visit) -> None:
    page = visit.page
    _open(page, signin_server)
    _expect_public(page)

    _sign_in(page, "verified-donor")
    # The warning proves the sign-in itself worked (Streamlit knows the address); only the allow-list said no.
    expect(page.get_by_text(f"Signed in as {REFUSED}, which is not on this dashboard's allow-list")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    _expect_public(page)
    expect(page.get_by_role("button", name=SIGN_OUT)).to_be_visible(timeout=TIMEOUT_MS)
    _screenshot(page, "signed_in_refused")

    # A query parameter is no way in either: the view comes from the identity, never from the URL.
    _open(page, f"{signin_server}/request_register?view=internal")
    expect(page.get_by_text(f"Signed in as {REFUSED}, which is not on this dashboard's allow-list")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    _expect_public(page)
    _assert_nothing_internal(visit)


@pytest.mark.parametrize(
    ("subject", "reason"),
    [
        ("expert-verified-as-string", "but your identity provider does not confirm that this address is verified"),
        ("expert-without-verified-claim", "but your identity provider sent no email_verified claim"),
    ],
    ids=["claim-is-string-false", "claim-missing"],
)
def test_allowed_address_the_provider_does_not_verify_keeps_the_public_view(
    signin_server: str, visit: Visit, subject: str, reason: str
) -> None:
    """Finding 1: the claim "false" (a string) or no claim at all gave the internal view and its websocket frames."""
    page = visit.page
    _open(page, signin_server)
    _expect_public(page)

    _sign_in(page, subject)
    # The true reason, which proves the sign-in itself worked: Streamlit knows the address, the claim said no.
    expect(page.get_by_text(f"Signed in as {ALLOWED}, {reason}")).to_be_visible(timeout=TIMEOUT_MS)
    _expect_public(page)
    expect(page.get_by_role("button", name=SIGN_OUT)).to_be_visible(timeout=TIMEOUT_MS)
    _screenshot(page, f"signed_in_{subject}")

    _open(page, f"{signin_server}/request_register")
    expect(page.get_by_text(f"Signed in as {ALLOWED}, {reason}")).to_be_visible(timeout=TIMEOUT_MS)
    _expect_public(page)
    _assert_nothing_internal(visit)


def test_trusted_provider_domain_needs_no_verified_claim(signin_server: str, visit: Visit) -> None:
    """The positive control of the test above: the same missing claim, at a domain the deployment trusts this issuer
    for, is verified. It also proves st.user carries the ID token's iss claim through a real sign-in."""
    page = visit.page
    _open(page, signin_server)
    _sign_in(page, "trusted-domain-expert")
    expect(page.get_by_text(f"Signed in as expert@{TRUSTED_DOMAIN} · internal view.")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(INTERNAL_BADGE)).to_be_visible(timeout=TIMEOUT_MS)
    expect(_nav(page).get_by_text(REGISTER, exact=True)).to_be_visible(timeout=TIMEOUT_MS)

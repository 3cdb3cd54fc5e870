"""Every page in a real headless Chromium: charts appear, no exception element, no request leaves the machine."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard import navigation
from tests.browser.conftest import SCREENSHOTS, start_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# url path -> what proves the page rendered its main content
PAGES = {
    "": '[data-testid="stPlotlyChart"]',
    "coverage_map": '[data-testid="stDeckGlJsonChart"] canvas',
    "meetings": '[data-testid="stDataFrame"]',
    "pillar_progress": '[data-testid="stPlotlyChart"]',
    "assistance_pipeline": '[data-testid="stPlotlyChart"]',
    "state_profile": '[data-testid="stDataFrame"]',
    "load_details": '[data-testid="stDataFrame"]',
    "data_quality": '[data-testid="stDataFrame"]',
    "funder_outputs": '[data-testid="stPlotlyChart"]',
    "workshop_planner": '[data-testid="stPlotlyChart"]',
}
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
INTERNAL_PAGES = {
    "request_register": '[data-testid="stDataFrame"]',
    "data_import": '[data-testid="stFileUploader"]',
}


def test_every_page_file_is_covered() -> None:
    """Every public page is rendered here; internal-only ones in test_internal_page_renders and test_sign_in.py."""
    files = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert files == {spec.stem for spec in navigation.PAGES}
    assert {spec.stem for spec in navigation.pages_for("public")} == {name or "overview" for name in PAGES}
    assert {s.stem for s in navigation.PAGES if "public" not in s.views} == set(INTERNAL_PAGES)


def wait_until_idle(page, timeout_ms: int = 30000) -> None:
    """Streamlit shows its status widget while a script runs; counting before it goes gives a false 0."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)


@pytest.fixture(scope="module")
def internal_server(shipped_warehouse: Path, chromium: str):
    """The shipped data in the internal view (the laptop opt-in), for the pages only experts see."""
    process, url = start_server(shipped_warehouse, {"DASHBOARD_LOCAL_INTERNAL": "1"})
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_page_renders_offline(browser, server: str, path: str) -> None:
    check_page(browser, server, path, PAGES[path], path or "overview")


def test_meeting_opened_from_a_link_renders(browser, server: str) -> None:
    """The deep link other pages use: the Almaty meeting of July 2011 opened with its participants."""
    check_page(
        browser, server, "meetings?event=EM3-ALMATY-2011", '[data-testid="stDataFrame"] >> nth=1', "meetings_almaty"
    )


@pytest.mark.parametrize("path", list(INTERNAL_PAGES))
def test_internal_page_renders(browser, internal_server: str, path: str) -> None:
    check_page(browser, internal_server, path, INTERNAL_PAGES[path], f"internal_{path}")


def check_page(browser, server: str, path: str, selector: str, shot: str) -> None:
    """The page's main content appears; no exception element, page error or request to another host."""
    context = browser.new_context(viewport={"width": 1400, "height": 2200})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    page.on(
        "request",
        lambda request: outside.append(request.url)
        if urlparse(request.url).hostname not in LOCAL_HOSTS and not request.url.startswith(("data:", "blob:"))
        else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{server}/{path}", wait_until="domcontentloaded")
        wait_until_idle(page)
        page.wait_for_selector(selector, timeout=30000)
        wait_until_idle(page)
        page.wait_for_timeout(1000)  # let charts finish drawing before the screenshot
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=True)
        exceptions = page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, exceptions.first.inner_text()
        assert not outside, f"requests to non-local hosts: {outside[:5]}"
        assert not errors, f"uncaught page errors: {errors[:3]}"
        body = page.locator("body").inner_text()
        assert not re.search(r"Traceback \(most recent call last\)", body)
    finally:
        context.close()

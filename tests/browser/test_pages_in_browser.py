"""Every page in a real headless Chromium: charts appear, no exception element, no request leaves the machine."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# url path -> what proves the page rendered its main content
PAGES = {
    "": '[data-testid="stPlotlyChart"]',
    "coverage_map": '[data-testid="stDeckGlJsonChart"] canvas',
    "pillar_progress": '[data-testid="stPlotlyChart"]',
    "assistance_pipeline": '[data-testid="stPlotlyChart"]',
    "state_profile": '[data-testid="stDataFrame"]',
    "load_details": '[data-testid="stDataFrame"]',
}
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}


def test_every_page_file_is_covered() -> None:
    files = {p.stem for p in (ROOT / "pages").glob("*.py")}
    assert files == {name or "overview" for name in PAGES}


def wait_until_idle(page, timeout_ms: int = 30000) -> None:
    """Streamlit shows its status widget while a script runs; counting before it goes gives a false 0."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout_ms)


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_page_renders_offline(browser, server: str, path: str) -> None:
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
        page.wait_for_selector(PAGES[path], timeout=30000)
        wait_until_idle(page)
        page.wait_for_timeout(1000)  # let charts finish drawing before the screenshot
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{path or 'overview'}.png"), full_page=True)
        exceptions = page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, exceptions.first.inner_text()
        assert not outside, f"requests to non-local hosts: {outside[:5]}"
        assert not errors, f"uncaught page errors: {errors[:3]}"
        body = page.locator("body").inner_text()
        assert not re.search(r"Traceback \(most recent call last\)", body)
    finally:
        context.close()

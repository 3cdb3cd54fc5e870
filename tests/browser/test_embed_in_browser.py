"""The embeddable view in a real browser, inside an <iframe> as a donor's web page would hold it (README snippet):
no sidebar, no widgets, the filters the URL gives, and the public view even from an internal session with
?view=internal (the laptop opt-in stands for a signed-in expert's cookie: both make chrome.view() internal)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import SCREENSHOTS, start_server
from tests.browser.test_pages_in_browser import wait_until_idle

pytestmark = pytest.mark.browser

WIDGETS = (
    "stSidebar",
    "stSidebarNav",
    "stMultiSelect",
    "stDateInput",
    "stNumberInput",
    "stSelectbox",
    "stButton",
    "stDownloadButton",
    "stButtonGroup",
    "stCheckbox",
    "stToggle",
)


@pytest.fixture(scope="module")
def internal_server(shipped_warehouse: Path, chromium: str):
    process, url = start_server(shipped_warehouse, {"DASHBOARD_LOCAL_INTERNAL": "1"})
    yield url
    process.terminate()
    process.wait(timeout=10)


def framed(browser, server: str, path: str, shot: str, chart: str = "stPlotlyChart"):
    """The page in an <iframe> of a blank host page, as the README's snippet embeds it, once its `chart` is drawn;
    returns (page, frame)."""
    context = browser.new_context(viewport={"width": 1300, "height": 1800})
    page = context.new_page()
    page.set_content(
        f'<iframe src="{server}/{path}" width="1200" height="1700" style="border:0" title="embed"></iframe>'
    )
    frame = page.frame_locator("iframe")
    frame.locator('[data-testid="stApp"]').wait_for(timeout=30000)
    inner = next(f for f in page.frames if f.url.startswith(server))
    wait_until_idle(inner)
    inner.wait_for_selector(f'[data-testid="{chart}"]', timeout=30000)
    wait_until_idle(inner)
    inner.wait_for_timeout(1000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=True)
    return context, inner


def test_embedded_funder_page_in_an_iframe(browser, internal_server: str) -> None:
    context, inner = framed(
        browser, internal_server, "funder_outputs?embed=true&view=internal&funders=NOR&synthetic=0", "embed_funder"
    )
    try:
        for test_id in WIDGETS:
            assert inner.locator(f'[data-testid="{test_id}"]').count() == 0, f"embedded view shows {test_id}"
        assert inner.locator('[data-testid="stException"]').count() == 0
        body = inner.locator("body").inner_text()
        assert "Public view" in body and "Internal view" not in body
        assert "Embedded view" in body
        assert "Norway" in body and "European Union" not in body  # the URL's funder filter
        assert "Includes synthetic demonstration data" not in body  # synthetic=0 from the URL
    finally:
        context.close()


def test_the_same_session_without_embed_is_internal(browser, internal_server: str) -> None:
    """So the test above can tell: the same server, not embedded, gives the internal view and the sidebar."""
    context = browser.new_context(viewport={"width": 1300, "height": 1200})
    page = context.new_page()
    try:
        page.goto(f"{internal_server}/funder_outputs?funders=NOR", wait_until="domcontentloaded")
        wait_until_idle(page)
        page.wait_for_selector('[data-testid="stSidebar"]', timeout=30000)
        assert "Internal view" in page.locator("body").inner_text()
    finally:
        context.close()


def test_embedded_planner_in_an_iframe(browser, internal_server: str) -> None:
    context, inner = framed(browser, internal_server, "workshop_planner?embed=true&states=KGZ", "embed_planner")
    try:
        for test_id in WIDGETS:
            assert inner.locator(f'[data-testid="{test_id}"]').count() == 0, f"embedded view shows {test_id}"
        assert "Public view" in inner.locator("body").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "chart", "words"),
    [
        (
            "pillar_progress?embed=true&as_of=2020-12-31&since=2018-01-01&state=KAZ&pillar=II",
            "stPlotlyChart",
            ("Set by the link", "2020-12-31", "2018-01-01", "Kazakhstan"),
        ),
        (
            "coverage_map?embed=true&measure=requests_open_at_end&focus=KGZ&flows=0",
            "stDeckGlJsonChart",
            ("Set by the link", "Kyrgyzstan", "hidden"),
        ),
    ],
    ids=["pillar_progress", "coverage_map"],
)
def test_a_page_with_its_own_controls_shows_their_values_instead(
    browser, internal_server: str, path: str, chart: str, words: tuple[str, ...]
) -> None:
    """Pages with controls of their own (dates, pickers, a measure switch): none drawn, their values from the link."""
    context, inner = framed(browser, internal_server, path, f"embed_{path.split('?')[0]}", chart)
    try:
        for test_id in WIDGETS:
            assert inner.locator(f'[data-testid="{test_id}"]').count() == 0, f"embedded view shows {test_id}"
        assert inner.locator('[data-testid="stException"]').count() == 0
        body = inner.locator("body").inner_text()
        assert "Public view" in body
        for word in words:
            assert word in body, word
    finally:
        context.close()

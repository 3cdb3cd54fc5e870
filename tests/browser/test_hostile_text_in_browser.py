"""Hostile text in the data stays text in a real browser, on every page, in both views.

The hostile warehouse (tests/dashboard/hostile.py: markdown, HTML and image payloads in every free-text column)
is served, and each page is opened in headless Chromium. On every page: no link element (HTML or SVG) to a
non-local address other than a source the data cites, no bold or emphasis made from data (HTML <strong>/<b>/<em> or
a bold SVG tspan holding a payload's word), no image element from data, no request to a non-local address, no
dialog, no exception. Where a page shows data, the payload is visible as literal text: in markdown (headers,
captions, notes), in chart SVG text (axis labels) and hover labels, and in the map tooltip.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.browser.test_leaks_in_browser import VIEWPORT, Venue, running_server, venue_pixel
from tests.browser.test_pages_in_browser import INTERNAL_PAGES, LOCAL_HOSTS, PAGES, wait_until_idle
from tests.conftest import FIXTURES
from tests.dashboard.hostile import EVIL_HOST, LINK, build_hostile_warehouse, hostile

pytestmark = pytest.mark.browser

JOINER = "\u2060"  # invisible; dashboard/text.py puts it where an address could be autolinked
# A source the data cites may be a link (a State's "Source" button); nothing else may point off the machine.
CITED = {
    row["source_url"]
    for file in FIXTURES.glob("*.csv")
    for row in csv.DictReader(file.open(encoding="utf-8"))
    if row.get("source_url", "").startswith("https://")
}
# The payload words that would be bold or emphasised if data were read as markup.
MARKUP_WORDS = {"B", "BOLD"}
ASTANA = Venue(71.45, 51.17)  # EV-ASTANA-2011: a public event with a venue, drawn on the coverage map
ASTANA_TITLE = hostile("1540 workshop (fixture)")

# What each page shows as literal text in the browser (joiners removed), besides the checks every page gets.
LITERAL_ON_PAGE = {
    "state_profile": [hostile("Kazakhstan") + " · " + hostile("Казахстан"), hostile("Astana")],  # the first State
    "coverage_map?focus=KGZ": ["Showing: " + hostile("Kyrgyzstan")],
    "assistance_pipeline": [LINK],  # a State's name in the request's facts (markdown) and in the picker
}
# Chart SVG text that must hold a payload as literal text (axis tick labels of names from the data).
LITERAL_IN_SVG = {
    "pillar_progress": hostile("Kazakhstan"),
    "assistance_pipeline": LINK,  # the match-rate axis: a provider's name, cut at 42 characters after the tag
}


@pytest.fixture(scope="module")
def hostile_warehouse(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Path:
    source = tmp_path_factory.mktemp("hostile_source")
    return build_hostile_warehouse(source, tmp_path_factory.mktemp("hostile") / "hostile.duckdb")


@pytest.fixture(scope="module")
def public_server(hostile_warehouse: Path) -> Iterator[str]:
    with running_server(hostile_warehouse) as url:
        yield url


@pytest.fixture(scope="module")
def internal_server(hostile_warehouse: Path) -> Iterator[str]:
    with running_server(hostile_warehouse, {"DASHBOARD_LOCAL_INTERNAL": "1"}) as url:
        yield url


@dataclass
class Watch:
    """What a page did in the browser while it was open."""

    outside: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def watched_page(browser: Any) -> tuple[Any, Any, Watch]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    watch = Watch()

    def on_request(request: Any) -> None:
        if urlparse(request.url).hostname not in LOCAL_HOSTS and not request.url.startswith(("data:", "blob:")):
            watch.outside.append(request.url)

    page.on("request", on_request)
    page.on("dialog", lambda dialog: (watch.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    return context, page, watch


def open_page(page: Any, base: str, path: str) -> None:
    page.goto(f"{base}/{path}", wait_until="domcontentloaded")
    wait_until_idle(page)
    page.wait_for_selector(PAGES.get(path.split("?")[0]) or INTERNAL_PAGES[path.split("?")[0]], timeout=30000)
    wait_until_idle(page)
    page.wait_for_timeout(1500)  # charts and the map draw after the script has finished


LINKS = """() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href')
    || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '')"""
EMPHASIS = """words => [...document.querySelectorAll('strong, b, em, i, tspan')]
    .filter(e => e.tagName.toLowerCase() !== 'tspan' || /bold|italic/.test(e.getAttribute('style') || ''))
    .map(e => e.textContent.trim()).filter(t => words.includes(t))"""
IMAGES = """() => [...document.querySelectorAll('img, image')].map(e => e.getAttribute('src')
    || e.getAttribute('href') || e.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '')"""


def literal(text: str) -> str:
    return text.replace(JOINER, "")


def problems_on(page: Any, watch: Watch, where: str) -> list[str]:
    """What breaks the rules every page must follow (empty: none)."""
    found = []
    exceptions = page.locator('[data-testid="stException"]')
    if exceptions.count():
        found.append(f"{where}: exception {exceptions.first.inner_text()[:200]}")
    links = page.evaluate(LINKS)
    off_machine = [
        href
        for href in links
        if urlparse(href).hostname not in LOCAL_HOSTS and urlparse(href).scheme not in ("", "#") and href not in CITED
    ]
    off_machine += [h for h in links if h.lower().startswith("javascript:")]
    if off_machine:
        found.append(f"{where}: links to non-local addresses: {sorted(set(off_machine))}")
    emphasised = page.evaluate(EMPHASIS, sorted(MARKUP_WORDS))
    if emphasised:
        found.append(f"{where}: data became bold or emphasis: {emphasised[:5]}")
    images = [src for src in page.evaluate(IMAGES) if src == "x" or EVIL_HOST in src]
    if images:
        found.append(f"{where}: data became an image: {images}")
    if watch.outside:
        found.append(f"{where}: requests to non-local addresses: {watch.outside[:5]}")
    if watch.dialogs:
        found.append(f"{where}: a dialog fired: {watch.dialogs}")
    if watch.errors:
        found.append(f"{where}: page errors: {watch.errors[:3]}")
    return found


def svg_texts(page: Any) -> list[str]:
    return page.locator('[data-testid="stPlotlyChart"] svg text').all_text_contents()


def visits(view: str) -> list[str]:
    """Every page of the view; the coverage map focused on a State, so that it names one in markdown."""
    pages = [*PAGES, *(INTERNAL_PAGES if view == "internal" else {})]
    return [f"{path}?focus=KGZ" if path == "coverage_map" else path for path in pages]


@pytest.mark.parametrize("view", ["public", "internal"])
def test_every_page_shows_hostile_data_as_text(browser: Any, view: str, request: pytest.FixtureRequest) -> None:
    base = request.getfixturevalue(f"{view}_server")
    problems: list[str] = []  # every page is checked before the test fails, so a failure shows them all
    for path in visits(view):
        where = f"{view} /{path}"
        context, page, watch = watched_page(browser)
        try:
            open_page(page, base, path)
            problems += problems_on(page, watch, where)
            body = literal(page.locator("body").inner_text())
            missing = [expected for expected in LITERAL_ON_PAGE.get(path, []) if expected not in body]
            problems += [f"{where}: {expected[:50]}... not shown as literal text" for expected in missing]
            if path in LITERAL_IN_SVG:
                texts = [literal(t) for t in svg_texts(page)]
                if not any(LITERAL_IN_SVG[path] in t for t in texts):
                    problems.append(f"{where}: not literal in chart text: {texts[:8]}")
        finally:
            context.close()
    assert not problems, "\n".join(problems)


def hover_until(page: Any, points: Any, wanted: str) -> str:
    """Hover each point until a Plotly hover label holds the wanted text; that label's text."""
    from playwright.sync_api import Error as PlaywrightError

    for index in range(points.count()):
        try:
            points.nth(index).hover(force=True, timeout=3000)
        except PlaywrightError:  # a bar of zero length or a point scrolled out: try the next one
            continue
        page.wait_for_timeout(300)
        labels = page.locator(".hoverlayer .hovertext")
        if labels.count() and wanted in literal(labels.first.text_content()):
            return literal(labels.first.text_content())
    return ""


def test_chart_hover_labels_show_hostile_data_as_text(browser: Any, public_server: str, internal_server: str) -> None:
    """The overview timeline's hover label holds an event title; the match-rate chart's a provider's name (the
    internal view: in the public one the fixture's matched offers belong to the unpublished request)."""
    context, page, watch = watched_page(browser)
    try:
        open_page(page, public_server, "")
        title = hostile("3rd Expert Meeting (fixture)")
        hover = hover_until(page, page.locator('[data-testid="stPlotlyChart"] .scatterlayer .point'), title)
        assert title in hover, "no timeline hover label showed the title as literal text"
        assert page.locator(".hoverlayer a").count() == 0
        assert not problems_on(page, watch, "overview hover")

        open_page(page, internal_server, "assistance_pipeline")
        provider = hostile("European Union")
        named = page.locator('[data-testid="stPlotlyChart"]').filter(has_text=LINK)  # names from the data
        hover = hover_until(page, named.locator(".barlayer .point"), provider)
        assert provider in hover, "no match-rate hover label showed the provider as literal text"
        assert page.locator(".hoverlayer a").count() == 0
        assert not problems_on(page, watch, "pipeline hover")
    finally:
        context.close()


def test_map_tooltip_shows_hostile_data_as_text(browser: Any, public_server: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context, page, watch = watched_page(browser)
    try:
        open_page(page, public_server, "coverage_map")
        canvas = page.locator(PAGES["coverage_map"]).first
        canvas.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        box = canvas.bounding_box()
        assert box, "the map canvas has no box"
        x, y = venue_pixel(box, ASTANA)
        shown = ""
        for dx, dy in [(0, 0), (3, 0), (-3, 0), (0, 3), (0, -3), (6, 6), (-6, -6), (6, -6), (-6, 6)]:
            page.mouse.move(x + dx - 20, y + dy - 20)
            page.mouse.move(x + dx, y + dy, steps=4)
            try:
                page.wait_for_function(
                    "t => [...document.querySelectorAll('.deck-tooltip')].some(e => e.innerText.includes(t))",
                    arg=ASTANA_TITLE,
                    timeout=1500,
                )
            except PlaywrightTimeout:
                continue
            shown = page.locator(".deck-tooltip").first.inner_text()
            break
        assert ASTANA_TITLE in shown, f"no tooltip with the hostile title near ({x:.0f}, {y:.0f})"
        assert hostile("Astana") in shown  # the city, literal too
        assert page.locator(".deck-tooltip a, .deck-tooltip img, .deck-tooltip strong").count() == 0
        page.wait_for_timeout(500)
        assert not problems_on(page, watch, "coverage map tooltip")
    finally:
        context.close()

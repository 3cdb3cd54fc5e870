"""What actually reaches a browser: every websocket frame and every download, read in a real headless Chromium.

The public view must never carry an unpublished request, whatever page or URL is asked for; the scan is proven
able to see one by running it on the internal view, where the planted marker must turn up. Data is inert in the
browser: an HTML payload in a map tooltip stays text, and a formula in a CSV download is neutralised. A deep link
as the very first request after a server starts goes through app.py's per-view page list (not Streamlit's legacy
pages/ auto-discovery).
"""

from __future__ import annotations

import csv
import io
import math
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import start_server
from tests.browser.test_pages_in_browser import PAGES, wait_until_idle
from tests.conftest import FIXED_TODAY, FIXTURES

pytestmark = pytest.mark.browser

LOCAL_INTERNAL = {"DASHBOARD_LOCAL_INTERNAL": "1"}
# Planted in tests/fixtures/good: the only request without consent to publish, its item and its match.
SECRETS = (b"ZZSECRET", b"R-TKM-1")
MEDIA_URL = re.compile(rb"/media/[0-9A-Za-z_-]+\.[0-9A-Za-z]+")
VIEWPORT = {"width": 1400, "height": 2200}
PUBLIC_MARKER = "Public view"  # the view badge at the top of every page (messages/en/common.toml)
REGISTER_TITLE = "request register"  # nav label / page title of the internal-only page, compared lower-cased
# Every public page's URL path (the overview is ""), and a State profile asked for the State with the secret.
PUBLIC_PATHS = [*PAGES, "state_profile?state=TKM"]

XSS = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://x")'
XSS_EVENT = "EV-ASTANA-2011"  # consented, public, has a venue: drawn as a dot on the coverage map


# --- servers -----------------------------------------------------------------------------------------------------


@contextmanager
def running_server(warehouse: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """A Streamlit server for the duration of the block, always terminated afterwards."""
    process, url = start_server(warehouse, extra_env)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def public_server(fixture_warehouse: Path, chromium: str) -> Iterator[str]:
    with running_server(fixture_warehouse) as url:
        yield url


@pytest.fixture(scope="module")
def internal_server(fixture_warehouse: Path, chromium: str) -> Iterator[str]:
    with running_server(fixture_warehouse, LOCAL_INTERNAL) as url:
        yield url


# --- the wire scan -----------------------------------------------------------------------------------------------


@dataclass
class Scan:
    """Everything one page load delivered to the browser."""

    path: str
    frames: list[bytes] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)  # /media URL -> the file as served
    missing_media: list[str] = field(default_factory=list)  # announced but gone (an earlier rerun's file)
    body_text: str = ""
    nav_labels: list[str] = field(default_factory=list)  # the sidebar navigation, icon names stripped
    main_width: float = 0.0  # the main column: app.py asks for the wide layout

    def media_urls(self) -> set[str]:
        return {url for frame in self.frames for url in media_urls(frame)}

    def csv_files(self) -> dict[str, bytes]:
        return {url: body for url, body in self.media.items() if url.endswith(".csv")}

    def findings(self, marker: bytes) -> list[str]:
        """Where the marker occurs, with some context, so a failure shows the evidence."""
        found = [f"frame {i}: …{_around(frame, marker)}…" for i, frame in enumerate(self.frames) if marker in frame]
        found += [f"file {url}: …{_around(body, marker)}…" for url, body in self.media.items() if marker in body]
        return found


def media_urls(frame: bytes) -> set[str]:
    """The /media URLs a frame announces. In protobuf a string follows its length byte: trusted over the pattern,
    which would otherwise run on into the next field's tag (b"/media/<hash>.csvJ")."""
    urls = set()
    for match in MEDIA_URL.finditer(frame):
        url = match.group()
        length = frame[match.start() - 1] if match.start() else 0
        urls.add((url[:length] if len("/media/x.x") <= length <= len(url) else url).decode())
    return urls


def _around(data: bytes, marker: bytes, width: int = 80) -> str:
    at = data.index(marker)
    return data[max(0, at - width) : at + len(marker) + width].decode("utf-8", errors="replace")


def _as_bytes(payload: bytes | str) -> bytes:
    return payload if isinstance(payload, bytes) else payload.encode()


def ready_selector(path: str) -> str:
    return PAGES[path.split("?")[0]]


def with_query(path: str, extra: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{extra}"


def open_and_wait(page: Any, url: str, ready: str) -> None:
    """Load a page and wait for its main content and for its run to end."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(ready, timeout=90000)  # a shared, busy machine: cold pages took 40 s
    wait_until_idle(page)


def _download(page: Any, button: Any) -> Any:
    """The file one scripted click saves. Headless Chromium drops the 11th scripted download in a row, whichever
    button it is (seen on the pipeline page's 12 buttons: the 11th never starts, the same click again does): one
    retry, so the scan reads every file."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for timeout in (30000, 90000):  # built on the click, on a busy shared machine
        try:
            with page.expect_download(timeout=timeout) as info:
                button.evaluate("button => button.click()")
            return info.value
        except PlaywrightTimeout:
            continue
    raise AssertionError("a download button gave no file, twice")


def click_downloads(page: Any) -> dict[str, bytes]:
    """Click every download button (each file is built only on the click: issue 11), also those in closed expanders
    (a DOM click, which needs no visible box): 'download:<n>:<file name>' -> the file the browser saved."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:  # the downloads come last in a run (after a fresh server's rerun, too): wait for the first
        page.wait_for_selector('[data-testid="stDownloadButton"] button', state="attached", timeout=60000)
    except PlaywrightTimeout:
        return {}  # the caller asserts on what was scanned: a page without downloads fails there
    wait_until_idle(page)
    buttons = page.locator('[data-testid="stDownloadButton"] button')
    files = {}
    for index in range(buttons.count()):
        download = _download(page, buttons.nth(index))
        files[f"download:{index}:{download.suggested_filename}"] = Path(download.path()).read_bytes()
    return files


def scan_page(browser: Any, base: str, path: str, ready: str) -> Scan:
    """Open base/path in a fresh context, record every frame received, then fetch every /media file announced."""
    scan = Scan(path)
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: scan.frames.append(_as_bytes(payload))))
    try:
        open_and_wait(page, f"{base}/{path}", ready)
        scan.media.update(click_downloads(page))
        # Fetched while the session is open: Streamlit keeps a session's files only as long as it needs them.
        for url in sorted(scan.media_urls()):
            response = context.request.get(f"{base}{url}")
            if response.ok:
                scan.media[url] = response.body()
            else:
                scan.missing_media.append(f"{url} ({response.status})")
        scan.body_text = page.locator("body").inner_text()
        # A nav link reads "<icon ligature>\n\n<label>": keep the label.
        links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        scan.nav_labels = [text.strip().split("\n")[-1] for text in links]
        box = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
        scan.main_width = box["width"] if box else 0.0
    finally:
        context.close()
    return scan


def assert_scanned(scan: Scan) -> None:
    """A scan that saw nothing would pass any leak check: insist on frames and on at least one CSV download."""
    assert len(scan.frames) > 0 and sum(map(len, scan.frames)) > 1000, f"{scan.path}: no websocket frames recorded"
    assert scan.csv_files(), f"{scan.path}: no CSV download scanned (missing: {scan.missing_media})"


def public_nav_labels() -> list[str]:
    """The navigation app.py builds for the public view, in its order, with its titles."""
    from dashboard.access import PUBLIC
    from dashboard.i18n import t
    from dashboard.navigation import pages_for

    return [t(f"nav.{spec.stem}") for spec in pages_for(PUBLIC)]


# --- 1. public: nothing unpublished on the wire ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    PUBLIC_PATHS + [with_query(p, "view=internal") for p in PUBLIC_PATHS],
    ids=lambda p: p or "overview",
)
def test_public_view_sends_nothing_unpublished(browser: Any, public_server: str, path: str) -> None:
    scan = scan_page(browser, public_server, path, ready_selector(path))
    assert_scanned(scan)
    for marker in SECRETS:
        assert not scan.findings(marker), f"{marker!r} reached a public browser on /{path}: {scan.findings(marker)}"
    assert REGISTER_TITLE not in scan.body_text.lower()
    assert PUBLIC_MARKER in scan.body_text  # ?view=internal changes nothing: the view comes from the server side


@pytest.mark.parametrize("path", ["request_register", "request_register?view=internal"])
def test_public_view_has_no_register_page(browser: Any, public_server: str, path: str) -> None:
    # The page is not in the public page list: Streamlit answers page-not-found and shows the default page.
    scan = scan_page(browser, public_server, path, PAGES[""])
    assert_scanned(scan)
    for marker in SECRETS:
        assert not scan.findings(marker), f"{marker!r} reached a public browser on /{path}: {scan.findings(marker)}"
    assert REGISTER_TITLE not in scan.body_text.lower()
    assert "Regional overview" in scan.body_text
    assert scan.nav_labels == public_nav_labels()


# --- 2. internal: the same scan does find the marker -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "ready"),
    [("request_register", '[data-testid="stDataFrame"]'), ("state_profile?state=TKM", PAGES["state_profile"])],
    ids=["request_register", "state_profile_TKM"],
)
def test_internal_view_scan_finds_the_marker(browser: Any, internal_server: str, path: str, ready: str) -> None:
    scan = scan_page(browser, internal_server, path, ready)
    assert_scanned(scan)
    found = scan.findings(b"ZZSECRET")
    assert any(item.startswith("frame") for item in found), f"/{path}: marker not in any frame"
    assert any(item.startswith("frame") for item in scan.findings(b"R-TKM-1")), f"/{path}: R-TKM-1 not in frames"
    if path == "request_register":
        assert any(b"ZZSECRET" in body for body in scan.csv_files().values()), "register CSV lacks the marker"
        assert REGISTER_TITLE in scan.body_text.lower()


# --- 3. data stays inert in the browser --------------------------------------------------------------------------


@dataclass(frozen=True)
class Venue:
    lon: float
    lat: float


@pytest.fixture(scope="module")
def payload_warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Venue]:
    """The fixture set with one public event's title an HTML payload and its city a spreadsheet formula."""
    from etl.load import run

    source = tmp_path_factory.mktemp("payload_source")
    for file in FIXTURES.glob("*.csv"):
        (source / file.name).write_bytes(file.read_bytes())
    events = source / "events.csv"
    with events.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    (row,) = [r for r in rows if r["event_id"] == XSS_EVENT]
    assert row["is_synthetic"] == "false" and row["latitude"] and row["longitude"]
    row["title"], row["city"] = XSS, FORMULA
    with events.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    warehouse = tmp_path_factory.mktemp("payload_warehouse") / "payload.duckdb"
    result = run([source], warehouse, today=FIXED_TODAY)
    counts = {file.table: c for file, c in result.files}
    # The ETL must have taken the rows as they are: otherwise the browser check below would test nothing.
    assert counts["events"].rows_rejected == 0 and counts["events"].rows_loaded == len(rows), counts["events"]
    assert result.published
    return warehouse, Venue(float(row["longitude"]), float(row["latitude"]))


def mercator(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator world pixels at this zoom (deck.gl's 512-pixel tiles)."""
    size = 512 * 2**zoom
    x = (lon + 180) / 360 * size
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * size
    return x, y


def venue_pixel(box: dict[str, float], venue: Venue) -> tuple[float, float]:
    """Where the venue is drawn: the deck opens on charts.coverage_map.VIEW, centred in its canvas."""
    from dashboard.charts.coverage_map import VIEW

    cx, cy = mercator(VIEW["longitude"], VIEW["latitude"], VIEW["zoom"])
    vx, vy = mercator(venue.lon, venue.lat, VIEW["zoom"])
    return box["x"] + box["width"] / 2 + (vx - cx), box["y"] + box["height"] / 2 + (vy - cy)


def test_payloads_stay_inert(browser: Any, chromium: str, payload_warehouse: tuple[Path, Venue]) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # imported where used, as conftest does

    warehouse, venue = payload_warehouse
    with running_server(warehouse) as base:
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        frames: list[bytes] = []
        dialogs: list[str] = []
        errors: list[str] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(_as_bytes(payload))))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            open_and_wait(page, f"{base}/coverage_map", PAGES["coverage_map"])
            canvas = page.locator(PAGES["coverage_map"]).first
            canvas.scroll_into_view_if_needed()
            page.wait_for_timeout(1000)  # let deck.gl draw its first frame before picking
            box = canvas.bounding_box()
            assert box, "the map canvas has no box"
            x, y = venue_pixel(box, venue)
            tooltip = page.locator(".deck-tooltip")
            shown = markup = ""
            # The computed pixel should hit the dot; a small spiral around it absorbs rounding and borders.
            for dx, dy in [(0, 0), (3, 0), (-3, 0), (0, 3), (0, -3), (6, 6), (-6, -6), (6, -6), (-6, 6)]:
                page.mouse.move(x + dx - 20, y + dy - 20)
                page.mouse.move(x + dx, y + dy, steps=4)
                try:
                    page.wait_for_function(
                        "t => [...document.querySelectorAll('.deck-tooltip')].some(e => e.innerText.includes(t))",
                        arg=XSS,
                        timeout=1500,
                    )
                except PlaywrightTimeout:  # not on the dot yet: try the next pixel
                    continue
                shown, markup = tooltip.first.inner_text(), tooltip.first.inner_html()
                break
            assert XSS in shown, f"no tooltip with the payload near ({x:.0f}, {y:.0f}) in {box}"
            assert FORMULA in shown  # the city, also literal
            assert "&lt;img" in markup, f"tooltip markup is not escaped text: {markup[:200]}"
            page.wait_for_timeout(500)  # an onerror would fire as soon as the image failed to load
            assert page.locator('img[src="x"]').count() == 0, "the payload became an <img> element"
            assert not dialogs, f"a dialog fired: {dialogs}"
            assert not errors, f"page errors: {errors}"

            files = [body for name, body in click_downloads(page).items() if name.endswith(".csv")]
            cells = [
                cell for body in files for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row
            ]
            assert cells, "no CSV download could be fetched"
            assert "'" + FORMULA in cells, "the city's formula did not reach a CSV download neutralised"
            assert XSS in cells  # the title travels as text too ('<' is not a formula start: untouched)
            assert not [c for c in cells if c.startswith("=")], "a CSV cell starts with '='"

            # The overview's timeline shows the title in a Plotly hover label: hover every point until it shows.
            open_and_wait(page, base, '[data-testid="stPlotlyChart"]')
            points = page.locator('[data-testid="stPlotlyChart"] .scatterlayer .point')
            assert points.count() > 0, "the timeline drew no points"
            hover = ""
            for index in range(points.count()):
                points.nth(index).hover(force=True)
                page.wait_for_timeout(300)
                labels = page.locator(".hoverlayer .hovertext")
                if labels.count() and XSS in labels.first.text_content():
                    hover = labels.first.text_content()
                    break
            assert XSS in hover, "no Plotly hover label showed the title as text"
            page.wait_for_timeout(500)
            assert page.locator('img[src="x"]').count() == 0, "the payload became an <img> element in a hover label"
            assert not dialogs, f"a dialog fired: {dialogs}"
            assert not errors, f"page errors: {errors}"
        finally:
            context.close()


# --- 4. a deep link as the very first request goes through app.py ------------------------------------------------
# On a NEW server nothing has run app.py yet, and Streamlit would run pages/<name>.py by its legacy auto-discovery:
# narrow layout, a sidebar of raw file names ("app", "coverage map", "request register"). ui.open_page switches
# that off and reruns through app.py. (Checked: with the call to _leave_legacy_routing() commented out, both tests
# below fail: the legacy sidebar lists "request register", and shows "app", "coverage map" ... in a main column
# 736 pixels wide.)

WIDE = 900  # pixels: the main column at a 1400-pixel viewport is 1100 wide in app.py's wide layout, 736 if centred


def test_fresh_server_deep_link_to_register(browser: Any, chromium: str, fixture_warehouse: Path) -> None:
    with running_server(fixture_warehouse) as base:
        # The very first page request this server sees. Routed through app.py it answers page-not-found and shows
        # the default page (the overview); the legacy mode would show the page's own refusal (an alert) instead.
        scan = scan_page(
            browser, base, "request_register", f'{PAGES[""]}, [data-testid="stMain"] [data-testid="stAlert"]'
        )
    for marker in SECRETS:
        assert not scan.findings(marker), f"{marker!r} reached a public browser: {scan.findings(marker)}"
    assert REGISTER_TITLE not in scan.body_text.lower()
    assert scan.nav_labels == public_nav_labels(), "not routed through app.py's public page list"
    assert "Regional overview" in scan.body_text
    assert_scanned(scan)


def test_fresh_server_deep_link_routes_through_app(browser: Any, chromium: str, fixture_warehouse: Path) -> None:
    with running_server(fixture_warehouse) as base:
        scan = scan_page(browser, base, "coverage_map", PAGES["coverage_map"])
    assert_scanned(scan)
    assert "Coverage map" in scan.body_text  # the page itself rendered (its title), map canvas waited for above
    assert scan.nav_labels == public_nav_labels(), "sidebar shows Streamlit's legacy file-name navigation"
    assert scan.main_width > WIDE, f"main column {scan.main_width}px: app.py's wide layout did not apply"

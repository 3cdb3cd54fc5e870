"""The import page in a real browser: upload the fixture files, read the preview, publish; the new load is recorded."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl.public import public_path
from tests.browser.conftest import SCREENSHOTS, start_server
from tests.browser.test_pages_in_browser import wait_until_idle
from tests.etl.conftest import GOOD, read_csv, write_csv

pytestmark = pytest.mark.browser
ROW_PX = 35  # a dataframe row's height in pixels, the header's too


@pytest.fixture
def import_server(fixture_warehouse: Path, tmp_path: Path, chromium: str):
    """A copy of the fixture warehouse (both files) served in the internal view, for the page to publish over."""
    target = tmp_path / "data" / "warehouse.duckdb"
    target.parent.mkdir()
    shutil.copyfile(fixture_warehouse, target)
    shutil.copyfile(public_path(fixture_warehouse), public_path(target))
    process, url = start_server(target, {"DASHBOARD_LOCAL_INTERNAL": "1"})
    yield url, target
    process.terminate()
    process.wait(timeout=10)


def runs(warehouse: Path) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select run_id, published_by from meta.load_runs order by started_at").fetchall()
    finally:
        con.close()


def test_upload_preview_and_publish_in_the_browser(browser, import_server, tmp_path: Path) -> None:
    url, warehouse = import_server
    folder = Path(shutil.copytree(GOOD, tmp_path / "upload"))
    requests = read_csv(folder, "requests")
    write_csv(folder, "requests", requests + [dict(requests[0], request_id="REQ-NEW-2026-01")])
    events = read_csv(folder, "events")
    write_csv(folder, "events", events + [dict(events[0], event_id="EV-BAD", start_date="31.02.2011")])

    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{url}/data_import", wait_until="domcontentloaded")
        wait_until_idle(page)
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
            [str(p) for p in sorted(folder.glob("*.csv"))]
        )
        page.get_by_text("actors.csv", exact=True).wait_for(timeout=30000)
        wait_until_idle(page)
        page.get_by_text("Keep the shipped reference data").click()  # the fixture warehouse has none
        wait_until_idle(page)
        page.get_by_role("button", name="Check the files").click()
        page.get_by_text("What publishing would change").wait_for(timeout=60000)
        wait_until_idle(page)
        page.get_by_text("requests: 1 added, 0 changed, 0 removed").wait_for()
        page.get_by_text("1 problem in the upload").wait_for()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "data_import_preview.png"), full_page=True)
        assert page.get_by_role("button", name="Publish").is_disabled()
        assert len(runs(warehouse)) == 1  # the preview published nothing

        page.get_by_text("I have read the preview and want to publish it").click()
        wait_until_idle(page)
        page.get_by_role("button", name="Publish").click()
        page.get_by_text("Published (load ").wait_for(timeout=60000)
        wait_until_idle(page)
        page.screenshot(path=str(SCREENSHOTS / "data_import_published.png"), full_page=True)
        # The publish's status (collapsed at the top once done) holds the bar the engine moved to its end.
        bar = page.locator('[data-testid="stProgress"]')
        assert bar.count() == 1 and "100 % done" in (bar.text_content() or "")

        assert page.locator('[data-testid="stException"]').count() == 0
        assert not errors, errors[:3]
        ((first, _), (_run_id, who)) = runs(warehouse)
        assert who == "this computer (DASHBOARD_LOCAL_INTERNAL)"

        # The previous state reopens through an as-of link, and the data-quality page says what changed.
        page.goto(f"{url}/?asof={first}", wait_until="domcontentloaded")
        wait_until_idle(page)
        page.get_by_text("not the latest data").wait_for(timeout=30000)
        page.screenshot(path=str(SCREENSHOTS / "as_of_overview.png"), full_page=True)
        page.goto(f"{url}/data_quality", wait_until="domcontentloaded")
        wait_until_idle(page)
        page.get_by_text("requests: 1 added, 0 changed, 0 removed").wait_for(timeout=30000)
        page.screenshot(path=str(SCREENSHOTS / "data_quality_changes.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0

        # A number opens its rows on a real click: the freshness table's first row (sources) selected by its row
        # marker, the records of that table listed under it (AppTest sets the selection; this clicks the grid).
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 18, box["y"] + ROW_PX * 1.5)
        page.get_by_text("Records of sources").wait_for(timeout=30000)
        wait_until_idle(page)
        page.screenshot(path=str(SCREENSHOTS / "data_quality_rows_opened.png"), full_page=True)

        # Data & sources offers the as-of selector of the shared filters: choosing the first load reopens it.
        page.goto(f"{url}/load_details", wait_until="domcontentloaded")
        wait_until_idle(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="As of load").click()
        page.get_by_role("option").nth(1).click()  # the latest load first, then the kept ones, newest first
        page.get_by_text("not the latest data").wait_for(timeout=30000)
        wait_until_idle(page)
        assert f"asof={first}" in page.url
        page.screenshot(path=str(SCREENSHOTS / "load_details_as_of.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()

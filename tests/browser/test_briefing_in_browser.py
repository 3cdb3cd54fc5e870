"""The "Briefing pack" action in a real headless Chromium: click it on the State profile and on the overview, see the
progress, wait for it to finish, and download both files (the names say State or region, period end and view). The
public pack from the fixture's planted request holds none of it."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.i18n import t
from tests.browser.test_leaks_in_browser import SECRETS, running_server
from tests.browser.test_pages_in_browser import wait_until_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def public_server(fixture_warehouse: Path, chromium: str) -> Iterator[str]:
    with running_server(fixture_warehouse) as url:
        yield url


def pptx_xml(deck: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist() if not name.startswith("ppt/media/"))


@pytest.mark.parametrize(("path", "stem"), [("state_profile?state=TKM&to=2015-01-01", "briefing_TKM_2015-01-01_public"),
                                            ("?to=2015-01-01", "briefing_region_2015-01-01_public")])  # fmt: skip
def test_click_build_and_download_both_files(browser, public_server: str, path: str, stem: str, tmp_path) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{public_server}/{path}", wait_until="domcontentloaded")
        wait_until_idle(page, timeout_ms=90000)
        page.get_by_text(t("briefing.summary_header")).first.wait_for(timeout=90000)
        page.get_by_role("button", name=t("briefing.action")).click(timeout=90000)
        # The progress shows while it builds, then the downloads appear.
        page.get_by_text(t("briefing.building")).first.wait_for(timeout=90000)
        page.get_by_text(t("briefing.built")).first.wait_for(timeout=180000)
        wait_until_idle(page, timeout_ms=60000)
        files = {}
        for label in (t("briefing.download_pptx"), t("briefing.download_pdf")):
            with page.expect_download(timeout=90000) as download:
                page.get_by_role("button", name=label).click(timeout=90000)
            files[download.value.suggested_filename] = Path(download.value.path()).read_bytes()
        assert sorted(files) == [f"{stem}.pdf", f"{stem}.pptx"]
        deck, pdf = files[f"{stem}.pptx"], files[f"{stem}.pdf"]
        assert pdf.startswith(b"%PDF") and b"ppt/presentation.xml" in deck
        assert not any(secret in pptx_xml(deck) for secret in SECRETS)
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()

"""Data & sources page in AppTest: the latest load's files and rejects."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("internal_view")


def test_load_details_lists_files_and_rejects(run_page) -> None:
    at = run_page("load_details")
    assert not at.exception
    files = at.dataframe[1].value
    assert len(files) == 13 and set(files["rows_rejected"]) == {0}
    assert any("No row was rejected" in s.value for s in at.success)


@pytest.mark.parametrize("view", ["internal", "public"])
def test_the_template_workbook_is_offered_in_both_views(run_page, view: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if view == "public":
        monkeypatch.delenv("DASHBOARD_LOCAL_INTERNAL")
    at = run_page("load_details")

    assert not at.exception
    buttons = [b for b in at.get("download_button") if b.proto.label == "Download the template (.xlsx)"]
    assert len(buttons) == 1

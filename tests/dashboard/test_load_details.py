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

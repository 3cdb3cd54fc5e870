"""The page-speed rule (README, contributor notes; issue 11): what a run may send. A table sends at most
settings.TABLE_ROWS rows with a count, its download holds every row (built on the click), and the map sends only
what it draws."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard import settings


def test_a_long_table_sends_its_first_rows_and_its_download_holds_all(
    run_page, clicked_downloads, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "TABLE_ROWS", 2)
    at = run_page("load_details")
    assert not at.exception
    tables = [table.value for table in at.dataframe]
    assert tables and max(len(table) for table in tables) == 2
    counts = [c.value for c in at.caption if "rows shown; the download holds all of them" in c.value]
    assert counts, "a cut table must say how many rows it holds"
    longest = max(len(pd.read_csv(io.BytesIO(file), encoding="utf-8-sig")) for file in clicked_downloads.files)
    assert longest > 2, "the download holds every row, not the rows shown"

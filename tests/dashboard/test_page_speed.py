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
    tables_downloaded = [file for file in clicked_downloads.files if not file.startswith(b"PK")]  # not the template
    longest = max(len(pd.read_csv(io.BytesIO(file), encoding="utf-8-sig")) for file in tables_downloaded)
    assert longest > 2, "the download holds every row, not the rows shown"


def _venue_dots(at) -> list[dict]:  # noqa: ANN001 - an AppTest
    import json

    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    return next((layer["data"] for layer in deck["layers"] if layer.get("id") == "venues"), [])


def test_many_meetings_are_drawn_as_one_dot_per_place(
    run_page, use_shipped_warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above settings.MAP_MAX_VENUES meetings the map sends one dot per place, not one per meeting (at scale 1000:
    40,010 meetings at 11 places, a 9.5 MB layer)."""
    one_by_one = _venue_dots(run_page("coverage_map"))
    monkeypatch.setattr(settings, "MAP_MAX_VENUES", 1)
    at = run_page("coverage_map")
    assert not at.exception
    places = _venue_dots(at)
    assert 0 < len(places) < len(one_by_one)
    assert {(dot["lon"], dot["lat"]) for dot in places} <= {
        (round(dot["lon"], 3), round(dot["lat"], 3)) for dot in one_by_one
    }
    assert set(places[0]) == {"lon", "lat", "radius", "fill", "tip"}, "only what the layer draws"
    assert any("one dot per place" in caption.value for caption in at.caption)


def test_the_meeting_picker_offers_the_rows_the_register_shows(run_page, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every event as a picker option was 3.9 MB a run at scale 1000 (the register itself sends 500 rows)."""
    everything = run_page("meetings").selectbox(key="mt_event").options
    monkeypatch.setattr(settings, "TABLE_ROWS", 2)
    at = run_page("meetings")
    assert not at.exception
    assert len(everything) > 2 and len(at.selectbox(key="mt_event").options) == 2
    assert "narrow the filters" in at.selectbox(key="mt_event").help

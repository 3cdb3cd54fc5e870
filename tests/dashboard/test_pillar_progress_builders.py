"""Pillar progress builders on small frames: exact cell text, shares, changes, and the fixed State order."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.charts import pillar_progress as charts

NAMES = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "UZB": "Uzbekistan"}
PILLARS = {"I": "Pillar I: conditions conducive to terrorism", "II": "Pillar II: preventing and combating terrorism"}
STATUS = {"not_started": "Not started", "in_progress": "In progress", "completed": "Completed"}
SINCE = dt.date(2015, 1, 1)


def cells() -> pd.DataFrame:
    """UZB first and with the highest share on purpose: the builders must neither keep nor sort by it. Columns as
    pillar_progress_cells gives them (measure names)."""
    rows = [
        # state, pillar, items, completed, in_progress, not_started, items_since, completed_since
        ("UZB", "II", 0, 0, 0, 0, 0, 0),
        ("UZB", "I", 4, 4, 0, 0, 4, 4),
        ("KAZ", "II", 2, 1, 1, 0, 2, 2),
        ("KAZ", "I", 3, 2, 1, 0, 3, 1),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "state_id",
            "pillar_id",
            "jpoa_items",
            "jpoa_completed",
            "jpoa_in_progress",
            "jpoa_not_started",
            "jpoa_items_on_since",
            "jpoa_completed_on_since",
        ],
    )
    frame["jpoa_completed_since"] = frame["jpoa_completed"] - frame["jpoa_completed_on_since"]
    frame["share_completed"] = (frame["jpoa_completed"] / frame["jpoa_items"].where(frame["jpoa_items"] > 0)).round(4)
    frame["jpoa_items_synthetic"] = frame["jpoa_items"]
    return frame


def test_day_label_and_pillar_wrapping() -> None:
    assert charts.day_label(dt.date(2015, 1, 1)) == "1 Jan 2015"
    assert charts.day_label(pd.Timestamp("2011-07-21")) == "21 Jul 2011"
    assert charts.wrap_pillar("Pillar I: conditions conducive to terrorism") == (
        "<b>Pillar I</b><br>conditions conducive<br>to terrorism"
    )
    assert charts.wrap_pillar("Other") == "Other"


def test_state_order_is_fixed_never_by_score() -> None:
    assert charts.state_order(["UZB", "KAZ", "TJK", "KGZ", "TKM"]) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    assert charts.state_order(["UZB", "ZZZ", "KAZ"]) == ["KAZ", "UZB", "ZZZ"]
    assert charts.pillar_order(["IV", "II", "I"]) == ["I", "II", "IV"]


def test_cell_text_counts_and_change() -> None:
    assert charts.cell_text(2, 3, 1, "1 Jan 2015") == "2 of 3 completed<br>+1 since 1 Jan 2015"
    assert charts.cell_text(1, 2, -1, "1 Jan 2015") == "1 of 2 completed<br>−1 since 1 Jan 2015"
    assert charts.cell_text(4, 4, 0, "1 Jan 2015") == "4 of 4 completed<br>no change since 1 Jan 2015"
    assert charts.cell_text(0, 0, 0, "1 Jan 2015") == "no items recorded"


def test_cell_table_values_and_order() -> None:
    table = charts.cell_table(cells(), NAMES, PILLARS, SINCE)
    assert list(table["state_id"]) == ["KAZ", "KAZ", "UZB", "UZB"]
    assert list(table["pillar_id"]) == ["I", "II", "I", "II"]
    assert list(table["state"]) == ["Kazakhstan", "Kazakhstan", "Uzbekistan", "Uzbekistan"]
    assert list(table["completed_change"]) == [1, -1, 0, 0]
    assert table["share_completed"].tolist()[:3] == [0.67, 0.5, 1.0]
    assert pd.isna(table["share_completed"].iloc[3])
    assert list(table["cell_text"]) == [
        "2 of 3 completed<br>+1 since 1 Jan 2015",
        "1 of 2 completed<br>−1 since 1 Jan 2015",
        "4 of 4 completed<br>no change since 1 Jan 2015",
        "no items recorded",
    ]


def test_heatmap_cells_axes_and_click_targets() -> None:
    figure = charts.heatmap(charts.cell_table(cells(), NAMES, PILLARS, SINCE), SINCE)
    heat, targets = figure.data
    assert heat.type == "heatmap" and targets.type == "scatter"
    assert list(heat.y) == ["Kazakhstan", "Uzbekistan"]  # fixed order, although UZB's share is higher
    assert list(heat.x) == [
        "<b>Pillar I</b><br>conditions conducive<br>to terrorism",
        "<b>Pillar II</b><br>preventing and<br>combating terrorism",
    ]
    assert [list(row) for row in heat.z] == [[0.67, 0.5], [1.0, None]]
    assert [list(row) for row in heat.text] == [
        ["2 of 3 completed<br>+1 since 1 Jan 2015", "1 of 2 completed<br>−1 since 1 Jan 2015"],
        ["4 of 4 completed<br>no change since 1 Jan 2015", "no items recorded"],
    ]
    assert (heat.zmin, heat.zmax) == (0, 1)
    assert figure.layout.yaxis.autorange == "reversed"  # first State on top
    assert [list(c) for c in targets.customdata] == [["KAZ", "I"], ["KAZ", "II"], ["UZB", "I"], ["UZB", "II"]]
    assert targets.marker.opacity == 0
    assert targets.hovertext[0] == (
        "<b>Kazakhstan</b> · Pillar I: conditions conducive to terrorism<br>2 of 3 completed (67%)"
        "<br>In progress: 1 · Not started: 0<br>+1 completed since 1 Jan 2015<br>On 1 Jan 2015: 1 of 3 completed"
    )
    assert (
        targets.hovertext[3] == "<b>Uzbekistan</b> · Pillar II: preventing and combating terrorism<br>no items recorded"
    )
    assert figure.layout.clickmode == "event+select"


def test_change_heatmap_text() -> None:
    figure = charts.change_heatmap(charts.cell_table(cells(), NAMES, PILLARS, SINCE))
    heat = figure.data[0]
    assert [list(row) for row in heat.z] == [[1, -1], [0, 0]]
    assert [list(row) for row in heat.text] == [["+1", "−1"], ["0", "no items recorded"]]
    assert heat.zmid == 0 and (heat.zmin, heat.zmax) == (-1, 1)


def test_over_time_lines_per_pillar() -> None:
    frame = pd.DataFrame(
        {
            "pillar_id": ["II", "II", "I"],
            "as_of_date": pd.to_datetime(["2014-12-31", "2015-06-30", "2015-06-30"]),
            "jpoa_items": [2, 2, 3],
            "jpoa_completed": [0, 1, 2],
            "share_completed": [0.0, 0.5, 0.6667],
            "jpoa_items_synthetic": [2, 2, 3],
        }
    )
    figure = charts.over_time(frame, PILLARS)
    assert [trace.name for trace in figure.data] == [PILLARS["I"], PILLARS["II"]]
    assert list(figure.data[1].y) == [0.0, 0.5]
    assert figure.data[1].line.color == "#E69F00"
    assert figure.data[0].hovertext[0] == (
        "<b>Pillar I: conditions conducive to terrorism</b><br>30 Jun 2015: 2 of 3 completed (67%)"
    )
    table = charts.over_time_table(frame, PILLARS)
    assert table["share_completed"].tolist() == [0.0, 0.5, 0.67]


def test_drill_down_tables() -> None:
    items = pd.DataFrame(
        {
            "action_item_id": ["AI-1", "AI-2"],
            "title": ["Adopt a law", "Train officers"],
            "status": ["completed", None],
            "status_since": pd.to_datetime(["2015-12-01", None]),
            "note": ["Law adopted.", None],
            "status_at_since": ["in_progress", None],
            "status_changes": [3, 1],
            "source_url": ["https://example.org/a", "synthetic:etl.synth seed=1540"],
            "confidence": ["confirmed", "synthetic"],
            "is_synthetic": [False, True],
        }
    )
    table = charts.items_table(items, STATUS)
    assert list(table["status"]) == ["Completed", "not yet recorded"]
    assert list(table["status_then"]) == ["In progress", "not yet recorded"]
    assert table["source"].iloc[0] == "https://example.org/a" and pd.isna(table["source"].iloc[1])
    assert list(table["synthetic"]) == [False, True]

    history = pd.DataFrame(
        {
            "action_item_id": ["AI-1", "AI-1"],
            "title": ["Adopt a law", "Adopt a law"],
            "status_date": pd.to_datetime(["2012-01-01", "2015-12-01"]),
            "status": ["not_started", "completed"],
            "note": [None, "Law adopted."],
            "source_url": ["https://example.org/a", "javascript:alert(1)"],
            "confidence": ["confirmed", "confirmed"],
            "is_synthetic": [False, False],
        }
    )
    shown = charts.history_table(history, STATUS)
    assert list(shown["status"]) == ["Not started", "Completed"]
    assert shown["source"].iloc[0] == "https://example.org/a"
    assert pd.isna(shown["source"].iloc[1])  # only http(s) becomes a link ...
    assert pd.isna(shown["source_ref"].iloc[0]) and shown["source_ref"].iloc[1] == "javascript:alert(1)"  # as text
    assert table["source_ref"].iloc[1] == "synthetic:etl.synth seed=1540"


def test_changes_table_keeps_fixed_state_order() -> None:
    changes = pd.DataFrame(
        {
            "state_id": ["UZB", "KAZ", "KAZ"],
            "pillar_id": ["I", "II", "I"],
            "action_item_id": ["AI-U", "AI-K2", "AI-K1"],
            "title": ["u", "k2", "k1"],
            "status_at_since": [None, "in_progress", "not_started"],
            "status": ["completed", "completed", "in_progress"],
            "changed_on": pd.to_datetime(["2015-01-01", "2014-01-01", "2013-01-01"]),
            "source_url": [None, None, None],
            "is_synthetic": [True, True, True],
        }
    )
    table = charts.changes_table(changes, NAMES, PILLARS, STATUS)
    assert list(table["item"]) == ["AI-K1", "AI-K2", "AI-U"]
    assert list(table["was"]) == ["Not started", "In progress", "not yet recorded"]
    assert list(table["now"]) == ["In progress", "Completed", "Completed"]


def test_cells_and_changes_as_listed_under_the_heatmaps() -> None:
    table = charts.cell_table(cells(), NAMES, PILLARS, SINCE)
    listed = charts.cells_listed(table)
    assert "state_id" not in listed.columns and "pillar_id" not in listed.columns
    assert listed["cell_text"].iloc[0] == "2 of 3 completed · +1 since 1 Jan 2015"
    assert list(charts.change_listed(table).columns) == [
        "state",
        "pillar",
        "completed_since",
        "completed",
        "completed_change",
        "synthetic_rows",
    ]

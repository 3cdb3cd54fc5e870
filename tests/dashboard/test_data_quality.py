"""Data-quality page: freshness against the contract's intervals, completeness per State, possible duplicates and
records linked to nothing (rows internally, counts publicly), and the load history with who published."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.warehouse import query
from etl.contract import UPDATE_DAYS
from etl.load import run
from tests.conftest import FIXED_TODAY, FIXTURES
from tests.dashboard.conftest import all_protos, clear_caches, run_page
from tests.etl.conftest import read_csv, write_csv


def add_rows(source: Path) -> None:
    """One event on the same day in the same city as another (a possible duplicate), with nobody taking part, and one
    whose date does not exist (a rejected row)."""
    events = read_csv(source, "events")
    added = [
        dict(events[0], event_id="EV-ALMATY-2011-BIS", title="Same meeting?"),
        dict(events[0], event_id="EV-BAD-DATE", start_date="31.02.2011"),
    ]
    write_csv(source, "events", events + added)


@pytest.fixture(scope="module")
def two_loads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture set loaded, then loaded again with only events.csv changed (a possible duplicate, an orphan)."""
    source = Path(shutil.copytree(FIXTURES, tmp_path_factory.mktemp("dq") / "source"))
    path = tmp_path_factory.mktemp("dq_wh") / "warehouse.duckdb"
    run([source], path, today=FIXED_TODAY)
    add_rows(source)
    run([source], path, today=FIXED_TODAY)
    return path


@pytest.fixture
def use_two_loads(two_loads: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(two_loads))
    clear_caches()
    return two_loads


def freshness(today: dt.date) -> dict[str, tuple]:
    frame = query(
        "data_quality_freshness",
        "internal",
        table_names=list(UPDATE_DAYS),
        update_days=list(UPDATE_DAYS.values()),
        today=today,
    )
    return {r.table_name: (r.changed_at, r.freshness) for r in frame.itertuples()}


def test_a_table_changes_only_when_its_files_do_and_is_judged_against_its_interval(use_two_loads: Path) -> None:
    runs = query("data_quality_history", "internal").sort_values("finished_at")["finished_at"].tolist()
    first_finished, second_finished = runs
    today = dt.date.today()

    now = freshness(today)
    assert now["events"][0] == second_finished and now["requests"][0] == first_finished
    assert {now[name][1] for name in ("events", "requests", "actors")} == {"fresh"}
    assert now["pillars"][1] == "reference"

    later = freshness(first_finished.date() + dt.timedelta(days=100))  # requests expected every 90 days
    assert later["requests"][1] == "due" and later["actors"][1] == "fresh"
    assert freshness(first_finished.date() + dt.timedelta(days=200))["requests"][1] == "overdue"


SUMMARIES = ("freshness", "states", "empty_columns", "duplicates", "orphans", "history_internal")


def frames(at) -> dict[str, pd.DataFrame]:
    """The summary tables, by name (the key their selection is kept under)."""
    return {d.key.removeprefix("table_data_quality_"): d.value for d in at.dataframe if d.key}


def click(at, figure: str, row: int, column: str | None = None) -> tuple[int, pd.DataFrame | None]:
    """Click a row (or the cell of `column`) of a summary table: the row count its caption states and the table
    shown right under it (None: nothing opened). `at` has just been run with nothing clicked."""
    before = len(at.dataframe)
    cells = [[row, column]] if column else []
    key = f"table_data_quality_{figure}"
    at.session_state[key] = {"selection": {"rows": [] if column else [row], "columns": [], "cells": cells}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    stated = [int(found[1].replace(",", "")) for x in at.markdown if (found := ROWS_STATED.search(x.value))]
    at.session_state[key] = {"selection": {"rows": [], "columns": [], "cells": []}}
    opened = at.dataframe
    at.run()  # unclicked again, for the next click
    if not stated:
        assert len(opened) == before  # no table of rows either
        return 0, None
    assert len(opened) == before + 1
    (count,) = stated
    (summary,) = [n for n, d in enumerate(opened) if d.key == key]
    return count, opened[summary + 1].value


ROWS_STATED = re.compile(r"\*\*: ([\d,]+) rows\.$")


def test_internal_view_opens_the_rows_behind_every_count(use_two_loads: Path, internal_view) -> None:
    at = run_page("data_quality")

    assert not at.exception, [e.value for e in at.exception]
    summaries = frames(at)
    assert set(summaries) == set(SUMMARIES)  # nothing opened before a click
    states = summaries["states"].set_index("state_id")
    assert states.loc["TJK", "requests"] == 0 and states.loc["TKM", "requests"] == 1
    assert any(c.value == "No requests for: Tajikistan." for c in at.caption)
    duplicates = summaries["duplicates"]
    assert duplicates["ids"].tolist() == ["EV-ALMATY-2011, EV-ALMATY-2011-BIS"]
    assert summaries["orphans"].to_dict("records") == [{"kind": "events without participants", "records": 1}]
    assert len(summaries["history_internal"]) == 2


def test_each_number_opens_exactly_the_rows_it_counts(use_two_loads: Path, internal_view) -> None:
    at = run_page("data_quality")
    summaries = frames(at)

    for row, table in enumerate(summaries["freshness"].itertuples()):  # every source table
        count, shown = click(at, "freshness", row)
        assert count == len(shown) == table.rows_loaded, table.table_name
    states = summaries["states"]
    for row in (states.index[states["state_id"] == "TJK"][0], states.index[states["state_id"] == "KAZ"][0]):
        for kind in ("meetings", "requests", "action_items", "action_plans"):
            count, shown = click(at, "states", int(row), kind)
            assert count == len(shown) == states.loc[row, kind], (states.loc[row, "state_id"], kind)
            assert set(shown["kind"]) <= {kind}
        count, shown = click(at, "states", int(row), "state_name")  # the State itself: all its records
        assert count == len(shown) == sum(states.loc[row, ["meetings", "requests", "action_items", "action_plans"]])
    for row, column in enumerate(summaries["empty_columns"].itertuples()):
        count, shown = click(at, "empty_columns", row)
        assert count == len(shown) == column.empty_rows, (column.table_name, column.column_name)
        assert shown[column.column_name].isna().all()
    count, shown = click(at, "duplicates", 0)
    assert count == len(shown) == summaries["duplicates"]["records"][0]
    assert shown["event_id"].tolist() == ["EV-ALMATY-2011", "EV-ALMATY-2011-BIS"]
    count, shown = click(at, "orphans", 0)
    assert count == len(shown) == 1 and shown["id"].tolist() == ["EV-ALMATY-2011-BIS"]
    history = summaries["history_internal"]
    for row, load in enumerate(history.itertuples()):  # the latest load from its file, the first from its snapshot
        count, shown = click(at, "history_internal", row)
        assert count == len(shown)
        assert shown[["source_file", "source_row"]].drop_duplicates().shape[0] == load.rows_rejected
    assert history["rows_rejected"].tolist() == [1, 0] and shown.empty
    count, shown = click(at, "history_internal", 0)
    assert shown["value"].tolist() == ["31.02.2011"]


def test_public_view_shows_counts_only(use_two_loads: Path) -> None:
    at = run_page("data_quality")

    assert not at.exception, [e.value for e in at.exception]
    shown = [d.value for d in at.dataframe]
    assert [f["records"].tolist() for f in shown if tuple(f.columns) == ("kind", "records")] == [[1], [1]]
    assert not any("published_by" in f.columns or "id" in f.columns for f in shown)
    sent = b"".join(p.SerializeToString() for p in all_protos(at._tree))
    assert b"EV-ALMATY-2011-BIS" not in sent and b"No requests for" not in sent
    # a click (or a forged selection) opens nothing: the public tables select nothing and no rows are fetched
    for figure, row, column in (
        ("freshness", 3, None),
        ("states", 0, "meetings"),
        ("duplicates", 0, None),
        ("orphans", 0, None),
        ("history", 0, None),
    ):
        assert click(at, figure, row, column) == (0, None), figure
        sent = b"".join(p.SerializeToString() for p in all_protos(at._tree))
        assert b"EV-ALMATY-2011" not in sent and b"31.02.2011" not in sent

"""Data-quality page: freshness against the contract's intervals, completeness per State, possible duplicates and
records linked to nothing (rows internally, counts publicly), and the load history with who published."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dashboard.warehouse import query
from etl.contract import UPDATE_DAYS
from etl.load import run
from tests.conftest import FIXED_TODAY, FIXTURES
from tests.dashboard.conftest import all_protos, clear_caches, run_page
from tests.etl.conftest import read_csv, write_csv


def add_rows(source: Path) -> None:
    """One event on the same day in the same city as another (a possible duplicate), with nobody taking part."""
    events = read_csv(source, "events")
    write_csv(source, "events", events + [dict(events[0], event_id="EV-ALMATY-2011-BIS", title="Same meeting?")])


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


def test_internal_view_opens_the_rows_behind_every_count(use_two_loads: Path, internal_view) -> None:
    at = run_page("data_quality")

    assert not at.exception, [e.value for e in at.exception]
    frames = {tuple(d.value.columns): d.value for d in at.dataframe}
    states = next(f for cols, f in frames.items() if "action_plans" in cols).set_index("state_id")
    assert states.loc["TJK", "requests"] == 0 and states.loc["TKM", "requests"] == 1
    assert any(c.value == "No requests for: Tajikistan." for c in at.caption)
    state_rows = next(f for cols, f in frames.items() if cols == ("kind", "id", "date", "title"))
    assert set(state_rows["id"]) >= {"R-KAZ-1", "EV-ALMATY-2011"}  # the first State, Kazakhstan
    duplicates = next(f for cols, f in frames.items() if "shared" in cols)
    assert duplicates["ids"].tolist() == ["EV-ALMATY-2011, EV-ALMATY-2011-BIS"]
    orphans = next(f for cols, f in frames.items() if cols == ("kind", "id", "title"))
    assert orphans["id"].tolist() == ["EV-ALMATY-2011-BIS"]
    history = next(f for cols, f in frames.items() if "published_by" in cols)
    assert len(history) == 2


def test_public_view_shows_counts_only(use_two_loads: Path) -> None:
    at = run_page("data_quality")

    assert not at.exception, [e.value for e in at.exception]
    frames = [d.value for d in at.dataframe]
    assert [f["records"].tolist() for f in frames if tuple(f.columns) == ("kind", "records")] == [[1], [1]]
    assert not any("published_by" in f.columns or "id" in f.columns for f in frames)
    sent = b"".join(p.SerializeToString() for p in all_protos(at._tree))
    assert b"EV-ALMATY-2011-BIS" not in sent and b"No requests for" not in sent

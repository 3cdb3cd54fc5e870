"""As-of snapshots: a link reopens an earlier load's figures after newer publishes, with a banner; "what changed"
lists exactly the rows between two loads; the public view reads its own public snapshots only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard import snapshots, warehouse
from etl.load import run, snapshots_dir
from etl.public import public_path
from tests.conftest import FIXED_TODAY, FIXTURES
from tests.dashboard.conftest import clear_caches, run_page
from tests.etl.conftest import read_csv, write_csv

BANNER = "not the latest data"


@pytest.fixture(scope="module")
def three_loads(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The fixture set published, then twice more, each time with one more consented request."""
    source = Path(shutil.copytree(FIXTURES, tmp_path_factory.mktemp("asof") / "source"))
    path = tmp_path_factory.mktemp("asof_wh") / "warehouse.duckdb"
    runs = [run([source], path, today=FIXED_TODAY).run_id]
    for n in (1, 2):
        requests = read_csv(source, "requests")
        write_csv(source, "requests", requests + [dict(requests[0], request_id=f"R-NEW-{n}")])
        runs.append(run([source], path, today=FIXED_TODAY).run_id)
    return path, runs


@pytest.fixture
def use_three_loads(three_loads, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(three_loads[0]))
    clear_caches()
    return three_loads


def requests_received(at) -> str:
    return {m.label: m.value for m in at.metric}["Requests received"]


@pytest.mark.parametrize("view", ["internal", "public"])
def test_an_as_of_link_reproduces_that_loads_figures_after_two_newer_publishes(
    use_three_loads, view: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _path, (first, _second, _third) = use_three_loads
    if view == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    latest = run_page("overview")
    then = run_page("overview", {"asof": first})

    assert not then.exception, [e.value for e in then.exception]
    assert int(requests_received(latest)) == int(requests_received(then)) + 2
    assert any(BANNER in w.value for w in then.warning)
    assert not any(BANNER in w.value for w in latest.warning)
    assert then.query_params["asof"] in (first, [first])  # the link keeps it


def test_what_changed_lists_exactly_the_rows_between_two_loads(use_three_loads) -> None:
    _path, (first, second, _third) = use_three_loads

    def added(view: str, old: str, new: str) -> dict[str, list[str]]:
        found = snapshots.changes(view, old, new)
        assert all(c.changed.empty and c.removed.empty for c in found.values())
        return {name: sorted(c.added.iloc[:, 0]) for name, c in found.items() if len(c.added)}

    assert added("internal", first, snapshots.LATEST) == {"requests": ["R-NEW-1", "R-NEW-2"]}
    assert added("internal", second, snapshots.LATEST) == {"requests": ["R-NEW-2"]}
    assert added("public", first, second) == {"requests": ["R-NEW-1"]}


def test_the_public_view_cannot_open_an_internal_snapshot(
    three_loads, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, (first, second, _third) = three_loads
    copy = tmp_path / "warehouse.duckdb"
    for source in (path, public_path(path)):
        shutil.copyfile(source, tmp_path / source.name)
    for source in (snapshots_dir(path), snapshots_dir(public_path(path))):
        shutil.copytree(source, tmp_path / source.name)
    (snapshots_dir(public_path(copy)) / f"{first}.duckdb").unlink()  # only the internal snapshot of it is left
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(copy))
    clear_caches()

    at = run_page("overview", {"asof": first})

    assert not any(BANNER in w.value for w in at.warning)  # the latest public file, not the internal snapshot
    assert warehouse.snapshot_loads("public") == [second]
    assert warehouse.use_load("public", first) is None
    assert warehouse.identity("public").path == str(public_path(copy))
    assert warehouse.use_load("public", second) == second
    assert Path(warehouse.identity("public").path).parent == snapshots_dir(public_path(copy))
    with pytest.raises(ValueError, match="no kept load"):
        snapshots.file_of("public", first)
    warehouse.use_load("public", None)


def frames_by_columns(at) -> dict[tuple[str, ...], pd.DataFrame]:
    return {tuple(d.value.columns): d.value for d in at.dataframe}


def requests_total(at) -> int:
    shares = next(f for cols, f in frames_by_columns(at).items() if "synthetic" in cols and "holds" in cols)
    return int(shares.set_index("table_name").loc["requests", "total"])


def as_of_selector(at):
    (found,) = [s for s in at.sidebar.selectbox if s.label == "As of load"]
    return found


@pytest.mark.parametrize("view", ["internal", "public"])
def test_data_and_sources_offers_the_as_of_selector_and_shows_the_chosen_loads_figures(
    use_three_loads, view: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14 item 4 on a page without the shared filters: the same selector, in the URL, the view's own loads."""
    _path, (first, second, _third) = use_three_loads
    if view == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    at = run_page("load_details")
    latest_total = requests_total(at)
    selector = as_of_selector(at)
    assert list(selector.options)[0] == "Latest load" and len(selector.options) == 3
    assert selector.value == "latest"  # shown as "Latest load", not as no choice ("Choose an option")
    assert not any(BANNER in w.value for w in at.warning)

    selector.set_value(first).run()

    assert not at.exception, [e.value for e in at.exception]
    assert any(BANNER in w.value for w in at.warning)
    assert requests_total(at) == latest_total - 2  # the first load held two requests fewer
    history = next(f for cols, f in frames_by_columns(at).items() if "run_id" in cols)
    assert history["run_id"].tolist() == [first]
    assert at.query_params["asof"] in (first, [first])  # the link keeps it

    at.switch_page("pages/data_quality.py").run()  # the choice follows to the next page, with its selector
    assert not at.exception, [e.value for e in at.exception]
    assert as_of_selector(at).value == first and any(BANNER in w.value for w in at.warning)
    as_of_selector(at).set_value("latest").run()
    assert not any(BANNER in w.value for w in at.warning) and "asof" not in at.query_params
    if view == "internal":
        at.switch_page("pages/data_import.py").run()
        assert not at.exception and as_of_selector(at).value == "latest"

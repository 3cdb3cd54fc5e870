"""Warehouse access: read-only and hardened, bound parameters, and a newly published file is seen at once."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from dashboard import warehouse
from etl.load import run
from tests.conftest import FIXED_TODAY, FIXTURES


def test_connection_cannot_write_read_files_or_unlock(fixture_warehouse: Path) -> None:
    con = warehouse.open_readonly(str(fixture_warehouse))
    for statement in (
        "create table wh.core.x (a int)",
        "select * from read_csv('/etc/passwd')",
        "attach '/tmp/other.duckdb' as o",
        "set enable_external_access = true",
        "copy (select 1) to '/tmp/leak.csv'",
        "install httpfs",
    ):
        with pytest.raises(duckdb.Error):
            con.execute(statement)


def test_parameters_are_bound_not_spliced() -> None:
    hostile = "KAZ') or 1=1 --"
    frame = warehouse.query("vocab_labels", vocabulary=hostile)
    assert frame.empty
    assert len(warehouse.query("vocab_labels", vocabulary="pillar")) == 4


def test_query_refuses_unknown_names_and_missing_parameters() -> None:
    with pytest.raises(ValueError):
        warehouse.sql_text("../../etc/passwd")
    with pytest.raises(KeyError):
        warehouse.query("vocab_labels")


def test_missing_warehouse_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(tmp_path / "absent.duckdb"))
    with pytest.raises(warehouse.WarehouseMissing):
        warehouse.query("load_status")


def test_new_publish_is_seen_on_next_query(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    run([FIXTURES], path, today=FIXED_TODAY)
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(path))
    first = warehouse.query("load_status").iloc[0]["run_id"]
    assert warehouse.query("load_status").iloc[0]["run_id"] == first  # cached, same file
    # A second source folder adds one request: published over the file the app holds open.
    extra = tmp_path / "extra"
    shutil.copytree(FIXTURES, extra)
    with (extra / "requests.csv").open("a", encoding="utf-8") as handle:
        handle.write("R-KAZ-2,KAZ,2016-01-05,template,,,true,open,,Another.,,synthetic,true\n")
    run([extra], path, today=FIXED_TODAY)
    second = warehouse.query("load_status").iloc[0]
    assert second["run_id"] != first
    assert warehouse.query("synthetic_share").set_index("table_name").loc["requests", "total"] == 5


def test_filtered_macros_apply_every_filter() -> None:
    base = {
        "start": dt.date(2010, 1, 1),
        "end": dt.date(2025, 12, 31),
        "states": [],
        "pillars": [],
        "areas": [],
        "funders": [],
        "synthetic": True,
    }
    assert warehouse.query("overview_kpis", **base).iloc[0]["requests_received"] == 4
    assert warehouse.query("overview_kpis", **dict(base, states=["KGZ"])).iloc[0]["requests_received"] == 1
    assert warehouse.query("overview_kpis", **dict(base, areas=["legislation"])).iloc[0]["requests_received"] == 1
    assert warehouse.query("overview_kpis", **dict(base, synthetic=False)).iloc[0]["requests_received"] == 0
    # fixture events: Almaty 2011 (III, EU|NOR), Astana 2011 (II, NOR), Bishkek 2015 (I|IV, EU, synthetic)
    assert warehouse.query("overview_kpis", **base).iloc[0]["meetings"] == 3
    assert warehouse.query("overview_kpis", **dict(base, pillars=["II"])).iloc[0]["meetings"] == 1
    assert warehouse.query("overview_kpis", **dict(base, funders=["EU"])).iloc[0]["meetings"] == 2
    assert warehouse.query("overview_kpis", **dict(base, synthetic=False)).iloc[0]["meetings"] == 2

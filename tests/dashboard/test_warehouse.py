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
    frame = warehouse.query("shared_vocab_labels", "internal", vocabulary=hostile)
    assert frame.empty
    assert len(warehouse.query("shared_vocab_labels", "internal", vocabulary="pillar")) == 4


def test_query_refuses_unknown_names_and_missing_parameters() -> None:
    with pytest.raises(ValueError):
        warehouse.sql_text("../../etc/passwd")
    with pytest.raises(KeyError):
        warehouse.query("shared_vocab_labels", "internal")


def test_missing_warehouse_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(tmp_path / "absent.duckdb"))
    with pytest.raises(warehouse.WarehouseMissing):
        warehouse.query("shared_load_status", "internal")


def test_new_publish_is_seen_on_next_query(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    run([FIXTURES], path, today=FIXED_TODAY)
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(path))
    first = warehouse.query("shared_load_status", "internal").iloc[0]["run_id"]
    assert warehouse.query("shared_load_status", "internal").iloc[0]["run_id"] == first  # cached, same file
    # A second source folder adds one request: published over the file the app holds open.
    extra = tmp_path / "extra"
    shutil.copytree(FIXTURES, extra)
    with (extra / "requests.csv").open("a", encoding="utf-8") as handle:
        handle.write("R-KAZ-2,KAZ,2016-01-05,template,,,true,open,,Another.,,synthetic,true\n")
    run([extra], path, today=FIXED_TODAY)
    second = warehouse.query("shared_load_status", "internal").iloc[0]
    assert second["run_id"] != first
    assert (
        warehouse.query("load_details_synthetic_share", "internal").set_index("table_name").loc["requests", "total"]
        == 5
    )


FILTERS = {
    "start": dt.date(2010, 1, 1),
    "end": dt.date(2025, 12, 31),
    "states": [],
    "pillars": [],
    "areas": [],
    "funders": [],
    "synthetic": True,
}


def test_measures_apply_every_shared_filter() -> None:
    def figure(column: str, **changed: object) -> int:
        return int(warehouse.query("overview_key_figures", "internal", **dict(FILTERS, **changed)).iloc[0][column])

    assert figure("requests_received") == 4
    assert figure("requests_received", states=["KGZ"]) == 1
    assert figure("requests_received", areas=["legislation"]) == 1
    assert figure("requests_received", synthetic=False) == 0
    # fixture events: Almaty 2011 (III, EU|NOR), Astana 2011 (II, NOR), Bishkek 2015 (I|IV, EU, synthetic)
    assert figure("meetings_held") == 3
    assert figure("meetings_held", pillars=["II"]) == 1
    assert figure("meetings_held", funders=["EU"]) == 2
    assert figure("meetings_held", synthetic=False) == 2


def test_public_view_reads_only_the_public_file(
    fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A public deployment ships only warehouse.public.duckdb: the public view works without the internal file."""
    public_only = tmp_path / "public.duckdb"
    shutil.copy(fixture_warehouse.with_name("fixture.public.duckdb"), public_only)
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(tmp_path / "absent.duckdb"))
    monkeypatch.setenv("DASHBOARD_PUBLIC_WAREHOUSE", str(public_only))
    kpis = warehouse.query("overview_key_figures", "public", **FILTERS)
    assert kpis.iloc[0]["requests_received"] == 3  # R-TKM-1 (no consent) is not in the public file
    assert warehouse.query("shared_withheld_totals", "public", synthetic=True).iloc[0].tolist() == [1, 1]
    with pytest.raises(warehouse.WarehouseMissing):
        warehouse.query("overview_key_figures", "internal", **FILTERS)


def test_default_public_file_sits_beside_the_internal_one(fixture_warehouse: Path) -> None:
    assert warehouse.identity("public").path == str(fixture_warehouse.with_name("fixture.public.duckdb"))
    assert warehouse.identity("internal").path == str(fixture_warehouse)
    with pytest.raises(ValueError):
        warehouse.identity("admin")


def test_cache_is_keyed_by_view() -> None:
    """The same query with the same parameters, internal first and then public, gives each view its own rows."""
    internal = warehouse.query("request_register_requests", "internal", **FILTERS, unpublished_only=False)
    public = warehouse.query("request_register_requests", "public", **FILTERS, unpublished_only=False)
    assert sorted(internal["request_id"]) == ["R-KAZ-1", "R-KGZ-1", "R-TKM-1", "R-UZB-1"]
    assert sorted(public["request_id"]) == ["R-KAZ-1", "R-KGZ-1", "R-UZB-1"]


def test_dashboard_reads_the_format_the_etl_writes() -> None:
    from dashboard import settings as dashboard_settings
    from etl import settings as etl_settings

    assert dashboard_settings.WAREHOUSE_FORMAT == etl_settings.ETL_VERSION


@pytest.mark.parametrize(
    "page", ["overview", "coverage_map", "pillar_progress", "assistance_pipeline", "state_profile", "load_details"]
)
def test_missing_warehouse_shows_the_build_command(
    run_page, internal_view, page: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(tmp_path / "none.duckdb"))
    at = run_page(page)
    assert not at.exception
    assert "has not been built yet" in at.error[0].value
    assert "python -m etl" in at.code[0].value

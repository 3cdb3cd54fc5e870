"""Each publish keeps the file it replaces as a snapshot named after its run, internal and public apart; the oldest
beyond ETL_SNAPSHOTS are pruned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.warehouse import _LOAD_ID
from etl.load import new_run_id, snapshots_dir
from etl.public import public_path
from tests.etl.conftest import run_etl, run_ids, sha256


def test_run_ids_sort_by_age_even_within_one_second() -> None:
    # Pruning keeps the newest by name; with seconds only, two runs in one second sorted by their random tag.
    start = dt.datetime(2026, 12, 3, 18, 7, 34, 5_000, tzinfo=dt.UTC)
    ids = [new_run_id(start + dt.timedelta(milliseconds=ms)) for ms in range(0, 1000, 7)]
    assert sorted(ids) == ids
    assert all(_LOAD_ID.fullmatch(i) for i in ids)
    assert _LOAD_ID.fullmatch("20261203T180734Z-5e0516")  # ids written before milliseconds still list


def test_each_publish_keeps_the_replaced_files_and_prunes_the_oldest(
    good_dir: Path, warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ETL_SNAPSHOTS", "2")
    first = run_etl(good_dir, warehouse=warehouse).run_id
    before = sha256(warehouse), sha256(public_path(warehouse))
    second = run_etl(good_dir, warehouse=warehouse).run_id

    kept = snapshots_dir(warehouse) / f"{first}.duckdb"
    kept_public = snapshots_dir(public_path(warehouse)) / f"{first}.duckdb"
    assert (sha256(kept), sha256(kept_public)) == before
    assert run_ids(kept) == [first] and run_ids(warehouse) == [first, second]

    third = run_etl(good_dir, warehouse=warehouse).run_id
    fourth = run_etl(good_dir, warehouse=warehouse).run_id

    for folder in (snapshots_dir(warehouse), snapshots_dir(public_path(warehouse))):
        assert sorted(p.stem for p in folder.iterdir()) == [second, third]
    assert run_ids(warehouse)[-1] == fourth

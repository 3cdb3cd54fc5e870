"""Each publish keeps the file it replaces as a snapshot named after its run, internal and public apart; the oldest
beyond ETL_SNAPSHOTS are pruned."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.load import snapshots_dir
from etl.public import public_path
from tests.etl.conftest import run_etl, run_ids, sha256


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

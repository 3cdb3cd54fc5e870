"""Atomic publish: readers in other processes, interrupted and killed runs, stale files, and --strict."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import etl.load
from tests.etl.conftest import (
    ONLY_SOURCES,
    ROOT,
    cli,
    label,
    read_csv,
    run_etl,
    run_ids,
    sha256,
    temp_files,
    write_csv,
)

READER = """
import json, pathlib, sys, time
import duckdb

path, stop = sys.argv[1], pathlib.Path(sys.argv[2])
errors, held, fresh, queries = [], set(), set(), 0
con = duckdb.connect(path, read_only=True)
print("ready", flush=True)
first = time.time()
while not stop.exists():
    try:  # the connection opened before the swap, and a new one each time
        held.add(con.execute("select max(run_id) from meta.load_runs").fetchone()[0])
        con.execute("select count(*), sum(n_items) from mart.request_pipeline").fetchone()
        new = duckdb.connect(path, read_only=True)
        try:
            fresh.add(new.execute("select max(run_id) from meta.load_runs").fetchone()[0])
            new.execute("select count(*), sum(n_items) from mart.request_pipeline").fetchone()
        finally:
            new.close()
        queries += 1
    except Exception as error:
        errors.append(repr(error))
last = time.time()
con.close()
con = duckdb.connect(path, read_only=True)
latest = con.execute("select run_id from meta.load_runs order by started_at desc limit 1").fetchone()[0]
print(json.dumps({"errors": errors, "held": sorted(held), "fresh": sorted(fresh), "queries": queries,
                  "first": first, "last": last, "latest": latest}))
"""

# `python -m etl` that stops inside the build, after the new warehouse is written to its temporary file
# and before it is published, and says so by creating a marker file: a deterministic moment to signal it.
PAUSED_ETL = """
import pathlib, sys, time
import etl.load

marker = pathlib.Path(sys.argv[1])
carry_history = etl.load._carry_history

def paused(con, previous):
    carry_history(con, previous)
    marker.touch()
    time.sleep(60)

etl.load._carry_history = paused
from etl.__main__ import main
sys.exit(main(sys.argv[2:]))
"""


def wait_for(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_reader_in_another_process_keeps_reading_while_a_new_warehouse_is_published(
    good_dir: Path, warehouse: Path, published: str, tmp_path: Path
) -> None:
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(warehouse), str(stop)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        time.sleep(0.1)
        publish_started = time.time()
        second = run_etl(good_dir, warehouse=warehouse)
        publish_finished = time.time()
        time.sleep(0.1)
        stop.touch()
        out, _ = reader.communicate(timeout=30)
    finally:
        reader.kill()
    report = json.loads(out)
    assert reader.returncode == 0
    assert report["errors"] == []
    assert report["queries"] > 10
    # it was reading before, during and after the swap, and all along saw the file it had opened
    assert report["first"] < publish_started and report["last"] > publish_finished
    assert report["held"] == [published]
    # connections opened meanwhile found a whole warehouse each time, the old one or the new one
    assert set(report["fresh"]) <= {published, second.run_id}
    # a new connection sees the new warehouse
    assert report["latest"] == second.run_id


@pytest.mark.parametrize(
    ("where", "error"),
    [("_carry_history", KeyboardInterrupt), ("_build", RuntimeError), ("validate", RuntimeError)],
    ids=["ctrl-c-before-publish", "error-in-build", "error-in-validate"],
)
def test_an_interrupted_run_leaves_the_old_warehouse_and_no_temp_file(
    where: str,
    error: type[BaseException],
    good_dir: Path,
    warehouse: Path,
    published: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = sha256(warehouse)
    original = getattr(etl.load, where)
    temp_seen: list[list[Path]] = []

    def failing(*args, **kwargs):
        original(*args, **kwargs)
        temp_seen.append(temp_files(warehouse.parent))
        raise error("stop here")

    monkeypatch.setattr(etl.load, where, failing)

    with pytest.raises(error):
        run_etl(good_dir, warehouse=warehouse)

    if where != "validate":  # the failure came while the new warehouse was being written beside the old one
        assert len(temp_seen) == 1
        assert [p.name.endswith(".tmp") for p in temp_seen[0]][:1] == [True]  # the .tmp (and its .tmp.wal)
    assert sha256(warehouse) == before
    assert run_ids(warehouse) == [published]
    assert temp_files(warehouse.parent) == []
    assert sorted(p.name for p in warehouse.parent.iterdir()) == ["warehouse.duckdb"]


def _paused_etl(marker: Path, source: Path, warehouse: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_ETL, str(marker)]
        + cli("--source", str(source), "--warehouse", str(warehouse))[3:],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: marker.exists() or process.poll() is not None)
    except AssertionError:
        process.kill()
        raise
    assert process.poll() is None, process.communicate()
    return process


def test_a_killed_run_leaves_the_old_warehouse_and_the_next_run_removes_its_temp_file(
    good_dir: Path, warehouse: Path, published: str, tmp_path: Path
) -> None:
    before = sha256(warehouse)
    process = _paused_etl(tmp_path / "paused", good_dir, warehouse)
    left = temp_files(warehouse.parent)  # .<name>.<pid>.<run>.tmp (and its .wal): mid-build
    assert [p.name.split(".")[3] for p in left if p.name.endswith(".tmp")] == [str(process.pid)]

    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL

    assert temp_files(warehouse.parent) == left  # nothing could clean up after SIGKILL
    assert sha256(warehouse) == before
    assert run_ids(warehouse) == [published]  # still opens and reads

    assert etl.load.remove_stale_temp_files(warehouse.parent / "other.duckdb") == []  # only its own target's
    second = run_etl(good_dir, warehouse=warehouse)
    assert temp_files(warehouse.parent) == []
    assert run_ids(warehouse) == [published, second.run_id]


def test_sigterm_is_handled_like_ctrl_c(good_dir: Path, warehouse: Path, published: str, tmp_path: Path) -> None:
    before = sha256(warehouse)
    process = _paused_etl(tmp_path / "paused", good_dir, warehouse)
    assert [p.name.split(".")[3] for p in temp_files(warehouse.parent) if p.name.endswith(".tmp")] == [str(process.pid)]

    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)

    assert process.returncode == 130
    assert f"interrupted: nothing was published; {warehouse} is unchanged." in err
    assert sha256(warehouse) == before
    assert run_ids(warehouse) == [published]
    assert temp_files(warehouse.parent) == []


def _wal_of_another_database(folder: Path) -> bytes:
    """The WAL a crashed writer of some other database file leaves: valid, but not this file's."""
    other = folder / "other.duckdb"
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, os, sys\n"
            "con = duckdb.connect(sys.argv[1])\n"
            "con.execute('pragma disable_checkpoint_on_shutdown')\n"
            "con.execute('create table t as select 1 as a')\n"
            "con.execute('checkpoint')\n"
            "con.execute('insert into t values (2)')\n"
            "os._exit(0)\n",
            str(other),
        ],
        check=True,
    )
    return Path(f"{other}.wal").read_bytes()


@pytest.mark.parametrize("kind", ["garbage", "another-database"])
def test_a_stale_wal_beside_the_target_breaks_neither_publish_nor_open(
    kind: str, good_dir: Path, warehouse: Path, published: str, tmp_path: Path
) -> None:
    wal = Path(f"{warehouse}.wal")
    wal.write_bytes(os.urandom(4096) if kind == "garbage" else _wal_of_another_database(tmp_path))

    second = run_etl(good_dir, warehouse=warehouse)

    assert not wal.exists()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        runs = [r[0] for r in con.execute("select run_id from meta.load_runs order by started_at").fetchall()]
        assert con.execute("select count(*) from core.requests").fetchone() == (4,)
    finally:
        con.close()
    assert runs == [published, second.run_id]  # the old warehouse's history survives its stale WAL
    assert temp_files(warehouse.parent) == []


FORMULA = '=HYPERLINK("http://x")'


def _with_bad_request(folder: Path) -> Path:
    requests = read_csv(folder, "requests")
    return write_csv(folder, "requests", [*requests, dict(requests[3], request_id="R-NEW-1", channel=FORMULA)])


def test_strict_publishes_nothing_and_reports_every_reject(good_dir: Path, warehouse: Path, published: str) -> None:
    before = sha256(warehouse)
    path = _with_bad_request(good_dir)

    done = subprocess.run(
        cli("--source", str(good_dir), "--warehouse", str(warehouse), "--strict", "--quiet"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 1, done.stderr
    assert "--strict: 1 problem(s) found; the warehouse was not changed" in done.stderr
    assert f"  {label(path)} row 6, column channel: '{FORMULA}' is not an allowed value of channel" in done.stderr
    assert sha256(warehouse) == before
    assert run_ids(warehouse) == [published]
    assert temp_files(warehouse.parent) == []
    report = Path(f"{warehouse}.rejects.csv")
    with report.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["table_name"], r["source_row"], r["column_name"], r["value"], r["rule"]) for r in rows] == [
        ("requests", "6", "channel", "'" + FORMULA, "allowed")  # an apostrophe: a spreadsheet shows, not runs, it
    ]


def test_without_strict_the_valid_rows_are_published_and_the_report_written(
    good_dir: Path, warehouse: Path, keep_sigterm_handler
) -> None:
    from etl.__main__ import main

    _with_bad_request(good_dir)
    assert main([*ONLY_SOURCES, "--source", str(good_dir), "--warehouse", str(warehouse)]) == 0
    assert len(run_ids(warehouse)) == 1
    with Path(f"{warehouse}.rejects.csv").open(encoding="utf-8", newline="") as handle:
        assert [r["value"] for r in csv.DictReader(handle)] == ["'" + FORMULA]

    # a clean run removes the previous run's report: what is beside the warehouse is always the last run's
    write_csv(good_dir, "requests", read_csv(good_dir, "requests")[:4])
    assert main([*ONLY_SOURCES, "--source", str(good_dir), "--warehouse", str(warehouse)]) == 0
    assert not Path(f"{warehouse}.rejects.csv").exists()

"""Fault drills: SIGKILL at each stage of a build and of the publish, a damaged warehouse, a source folder that
vanishes mid-run, and a disk that fills. Whatever happens, a whole warehouse stays served and the next run succeeds.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit as st

import etl.load
from dashboard.settings import BUILD_COMMAND
from dashboard.warehouse import open_readonly
from etl.public import public_path
from tests.etl.conftest import ROOT, cli, run_etl, run_ids, sha256, temp_files
from tests.etl.test_publish import wait_for

# `python -m etl` that stops right after etl.load.<function> has returned <n> times, says so by creating a marker
# file, and waits to be killed: a deterministic moment for each stage of the run.
PAUSED_AFTER = """
import pathlib, sys, time
import etl.load
from dashboard.settings import BUILD_COMMAND

marker, name, after = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
original, calls = getattr(etl.load, name), []

def paused(*args, **kwargs):
    result = original(*args, **kwargs)
    calls.append(1)
    if len(calls) == after:
        marker.touch()
        time.sleep(120)
    return result

setattr(etl.load, name, paused)
from etl.__main__ import main
sys.exit(main(sys.argv[4:]))
"""

#: (function of etl.load, after how many calls): each stage of a build, then between the two swaps of the publish.
KILL_POINTS = {
    "after-read": ("read", 1),
    "after-validate": ("validate", 1),
    "mid-build": ("_build", 1),
    "after-public-build": ("build_public", 1),
    "after-public-swap": ("_publish", 1),
    "after-both-swaps": ("_publish", 2),
}


def _answers(path: Path) -> str:
    """The latest run id, read the way the dashboard reads a warehouse."""
    con = open_readonly(str(path))
    try:
        return con.execute("select max(run_id) from wh.meta.load_runs").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def both_published(good_dir: Path, warehouse: Path) -> str:
    """Both files (internal and public) published by a real run: the run id."""
    return run_etl(good_dir, warehouse=warehouse).run_id


@pytest.mark.parametrize("point", KILL_POINTS)
def test_sigkill_at_any_point_leaves_whole_warehouses_served_and_the_next_run_succeeds(
    point: str, good_dir: Path, warehouse: Path, both_published: str, tmp_path: Path
) -> None:
    name, after = KILL_POINTS[point]
    public = public_path(warehouse)
    before = (sha256(warehouse), sha256(public))
    marker = tmp_path / "paused"
    args = cli("--source", str(good_dir), "--warehouse", str(warehouse))[3:]
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_AFTER, str(marker), name, str(after), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: marker.exists() or process.poll() is not None, timeout=120)
        assert process.poll() is None, process.communicate()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    # each file is whole: the old one, or (once its swap happened) the new one; both open and answer
    internal_run, public_run = _answers(warehouse), _answers(public)
    assert internal_run == both_published if point != "after-both-swaps" else internal_run != both_published
    if point in ("after-public-swap", "after-both-swaps"):
        assert public_run != both_published  # swapped whole; the public file never runs ahead in format
    else:
        assert (sha256(warehouse), sha256(public)) == before
        assert public_run == both_published

    second = run_etl(good_dir, warehouse=warehouse)
    assert temp_files(warehouse.parent) == []
    assert _answers(warehouse) == _answers(public) == second.run_id
    assert run_ids(warehouse)[0] == both_published


def _damage(path: Path, kind: str) -> None:
    data = path.read_bytes()
    if kind == "garbage":
        path.write_bytes(os.urandom(len(data)))
    elif kind == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "zeroed":
        path.write_bytes(data[:4096] + bytes(len(data) - 4096))
    else:
        path.write_bytes(b"")


@pytest.mark.parametrize("view", ["internal", "public"])
@pytest.mark.parametrize("kind", ["garbage", "truncated", "zeroed", "empty"])
def test_a_damaged_warehouse_gets_a_message_in_the_app_and_the_etl_rebuilds_it(
    kind: str, view: str, good_dir: Path, warehouse: Path, both_published: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.dashboard.conftest import run_page

    damaged = warehouse if view == "internal" else public_path(warehouse)
    _damage(damaged, kind)
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(warehouse))
    monkeypatch.delenv("DASHBOARD_PUBLIC_WAREHOUSE", raising=False)
    if view == "internal":
        monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    else:
        monkeypatch.delenv("DASHBOARD_LOCAL_INTERNAL", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()

    for page in ("overview", "load_details"):
        at = run_page(page)
        assert not at.exception, [e.value for e in at.exception]
        assert [e.value for e in at.error] == ["The data warehouse file cannot be read: it is damaged or incomplete."]
        assert any("Rebuild" in m.value for m in at.markdown)
        assert [c.value for c in at.code] == [BUILD_COMMAND]

    second = run_etl(good_dir, warehouse=warehouse)
    assert _answers(warehouse) == _answers(public_path(warehouse)) == second.run_id


def test_a_source_folder_that_vanishes_mid_run_stops_it_with_a_message(
    good_dir: Path, warehouse: Path, both_published: str, monkeypatch: pytest.MonkeyPatch, capsys, keep_sigterm_handler
) -> None:
    from etl.__main__ import main

    before = sha256(warehouse)
    original = etl.load.read

    def vanishing(source):  # noqa: ANN001, ANN202 - etl.load.read's own signature
        shutil.rmtree(good_dir, ignore_errors=True)  # the folder goes away after the file list was taken
        return original(source)

    monkeypatch.setattr(etl.load, "read", vanishing)
    code = main(["--no-reference", "--no-demo", "--source", str(good_dir), "--warehouse", str(warehouse), "--quiet"])

    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    assert err.startswith(f"error: {good_dir}/"), err
    assert "cannot be read" in err and "Check" in err
    assert f"Nothing was published; {warehouse} is unchanged." in err
    assert sha256(warehouse) == before
    assert temp_files(warehouse.parent) == []


def _limit_file_size(limit: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_publishes_nothing_and_says_so(good_dir: Path, warehouse: Path, both_published: str) -> None:
    before = (sha256(warehouse), sha256(public_path(warehouse)))
    done = subprocess.run(
        cli("--source", str(good_dir), "--warehouse", str(warehouse), "--quiet"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_file_size(1024 * 1024),  # a file may not grow past 1 MB: the new warehouse cannot be written
    )

    assert done.returncode == 3, done.stderr
    assert "Traceback" not in done.stderr
    assert "error: could not write the new warehouse" in done.stderr
    assert "Free some space" in done.stderr
    assert f"Nothing was published; {warehouse} is unchanged." in done.stderr
    assert (sha256(warehouse), sha256(public_path(warehouse))) == before
    assert _answers(warehouse) == both_published
    assert temp_files(warehouse.parent) == []

    second = run_etl(good_dir, warehouse=warehouse)  # space again: the next run succeeds
    assert _answers(warehouse) == second.run_id

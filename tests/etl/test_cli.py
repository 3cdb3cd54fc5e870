"""`python -m etl`: help, where it publishes, exit codes and the summary it prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from etl import settings
from etl.__main__ import main
from tests.etl.conftest import GOOD_COUNTS, ONLY_SOURCES, ROOT, label, query, read_csv, run_ids, write_csv

pytestmark = pytest.mark.usefixtures("keep_sigterm_handler")


def test_help_names_every_option() -> None:
    done = subprocess.run([sys.executable, "-m", "etl", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    for option in ("--source", "--warehouse", "--no-demo", "--no-reference", "--strict"):
        assert option in done.stdout


def test_dashboard_warehouse_is_honoured_without_warehouse_option(
    good_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    default = tmp_path / "default" / "warehouse.duckdb"
    monkeypatch.setattr(settings, "DEFAULT_WAREHOUSE", default)  # were the variable ignored, it would land here
    target = tmp_path / "from-env" / "warehouse.duckdb"
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(target))

    assert main([*ONLY_SOURCES, "--source", str(good_dir), "--quiet"]) == 0

    assert len(run_ids(target)) == 1
    assert not default.exists()
    assert f"Published {target} " in capsys.readouterr().out


def test_a_missing_required_column_exits_2_naming_the_file(
    good_dir: Path, warehouse: Path, capsys: pytest.CaptureFixture
) -> None:
    rows = read_csv(good_dir, "request_items")
    path = good_dir / "request_items.csv"
    header = [c for c in rows[0] if c != "weapon_type"]
    path.write_text("\n".join([",".join(header)] + [",".join(r[c] for c in header) for r in rows]) + "\n", "utf-8")

    code = main([*ONLY_SOURCES, "--source", str(good_dir), "--warehouse", str(warehouse)])

    err = capsys.readouterr().err
    assert code == 2
    assert f"error: {label(path)}: missing required column(s) weapon_type for table 'request_items'" in err
    assert f"Nothing was published; {warehouse} is unchanged." in err
    assert not warehouse.exists()


def test_the_summary_lists_every_file_with_its_counts(
    good_dir: Path, warehouse: Path, capsys: pytest.CaptureFixture
) -> None:
    requests = read_csv(good_dir, "requests")
    write_csv(good_dir, "requests", [*requests, dict(requests[3], request_id="R-NEW-1", channel="email")])

    assert main([*ONLY_SOURCES, "--source", str(good_dir), "--warehouse", str(warehouse)]) == 0

    out = capsys.readouterr().out
    table = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[1] in GOOD_COUNTS:
            table[parts[0]] = (parts[1], int(parts[2]), int(parts[3]), int(parts[4]))
    expected = {label(good_dir / f"{t}.csv"): (t, n, n, 0) for t, n in GOOD_COUNTS.items()}
    expected[label(good_dir / "requests.csv")] = ("requests", 5, 4, 1)
    assert table == expected
    assert [line.split() for line in out.splitlines() if line.startswith("total ")] == [["total", "60", "59", "1"]]
    assert (
        f"  {label(good_dir / 'requests.csv')} row 6, column channel: 'email' is not an allowed value of channel" in out
    )


@pytest.mark.parametrize(
    ("args", "reference", "demo"),
    [
        ([], True, True),
        (["--source", "mine"], True, False),
        (["--source", "mine", "--demo"], True, True),
        (["--source", "mine", "--no-reference"], False, False),
        (["--no-demo"], True, False),
        (["--no-reference"], False, True),
    ],
)
def test_own_sources_replace_the_demo_data_unless_asked_for(args: list[str], reference: bool, demo: bool) -> None:
    from etl.__main__ import parser, source_folders

    folders = source_folders(parser().parse_args(args))

    assert (settings.REFERENCE_DIR in folders) is reference
    assert (settings.DEMO_DIR in folders) is demo
    assert (Path("mine") in folders) is ("mine" in args)


def test_demo_and_no_demo_together_are_refused(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--demo", "--no-demo"])
    assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_run_naming_its_source_publishes_no_demo_rows(good_dir: Path, warehouse: Path) -> None:
    assert main(["--no-reference", "--source", str(good_dir), "--warehouse", str(warehouse), "--quiet"]) == 0

    (sources,) = query(warehouse, "select sources from meta.load_runs")[0]
    assert str(settings.DEMO_DIR) not in sources
    tables = query(warehouse, "select distinct table_name, path from meta.load_files")
    assert all("data/demo" not in path for _table, path in tables)
    assert sum(c for _t, c in query(warehouse, "select 'x', count(*) from core.requests")) == GOOD_COUNTS["requests"]

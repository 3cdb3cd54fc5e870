"""Every variant of the bad-input corpus (tests/etl/bad_corpus.py) through the real ETL, over a published warehouse.

A variant that stops the run is tried one table at a time (it stops at the first damaged file, and reading is quick);
one that loads is tried with every table damaged at once, and each damaged file must show what the variant predicts.
Never a traceback: the CLI's main() runs in-process, so any exception it does not turn into a message fails here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from etl.__main__ import main
from etl.contract import load_order
from tests.etl.bad_corpus import VARIANTS, Variant, write_variant
from tests.etl.conftest import GOOD_COUNTS, ONLY_SOURCES, core_counts, label, query, run_ids, sha256, temp_files

pytestmark = pytest.mark.usefixtures("keep_sigterm_handler")

FAILING = [v for v in VARIANTS if v.outcome == "fails"]
LOADING = [v for v in VARIANTS if v.outcome != "fails"]
#: Words of the remedy that every stopping message carries after naming the file.
REMEDY = re.compile(r"\b(Save|Check|Split|needs|must|Keep|Pass)\b")


def _etl(source: Path, warehouse: Path, capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    code = main([*ONLY_SOURCES, "--source", str(source), "--warehouse", str(warehouse), "--quiet"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize("table", load_order())
@pytest.mark.parametrize("variant", FAILING, ids=lambda v: f"{v.fmt}-{v.name}")
def test_a_file_that_cannot_be_loaded_stops_the_run_naming_it_and_changes_nothing(
    variant: Variant,
    table: str,
    tmp_path: Path,
    warehouse: Path,
    published: str,
    capsys: pytest.CaptureFixture,
) -> None:
    damaged = write_variant(variant, tmp_path / "source", [table])
    before, mtime = sha256(warehouse), os.stat(warehouse).st_mtime_ns
    public = warehouse.with_name("warehouse.public.duckdb")

    code, _, err = _etl(tmp_path / "source", warehouse, capsys)

    assert code == 2, err
    first = err.splitlines()[0]
    assert first.startswith(f"error: {label(damaged[table])}"), err
    assert REMEDY.search(first), first
    assert "\x00" not in err
    assert f"Nothing was published; {warehouse} is unchanged." in err
    assert (sha256(warehouse), os.stat(warehouse).st_mtime_ns) == (before, mtime)
    assert not public.exists()  # the published fixture copy has no public file: none appeared
    assert run_ids(warehouse) == [published]  # still opens and answers
    assert temp_files(warehouse.parent) == []


@pytest.mark.parametrize("variant", LOADING, ids=lambda v: f"{v.fmt}-{v.name}")
def test_a_file_that_loads_keeps_every_valid_row_and_rejects_every_bad_one(
    variant: Variant, tmp_path: Path, warehouse: Path, published: str, capsys: pytest.CaptureFixture
) -> None:
    damaged = write_variant(variant, tmp_path / "source", load_order())
    assert damaged

    code, out, err = _etl(tmp_path / "source", warehouse, capsys)

    assert code == 0, err
    assert run_ids(warehouse)[0] == published and len(run_ids(warehouse)) == 2
    counts = core_counts(warehouse)
    found = query(warehouse, "select table_name, source_file, rule from meta.rejects")
    for table, path in damaged.items():
        mine = {rule for t, f, rule in found if f.startswith(label(path))}
        if variant.outcome in ("rejects", "rejects_kept"):
            assert mine, f"{table}: nothing rejected in {path.name}"
            if variant.rule:
                assert variant.rule in mine, f"{table}: {mine}"
        elif variant.outcome == "clean":
            assert not mine, f"{table}: {found}"
        elif variant.outcome == "wipe":
            assert f"wipe-out: table {table} would be emptied" in out
        if variant.note:
            assert any(variant.note in line and label(path) in line for line in out.splitlines()), (table, out)
    if variant.outcome in ("clean", "rejects_kept"):
        assert counts == GOOD_COUNTS
    if variant.outcome == "clean":
        assert found == []


def test_payloads_are_stored_as_the_text_they_are(tmp_path: Path, warehouse: Path, capsys) -> None:
    """Formula and script text in free-text columns loads verbatim: never run, stripped or blanked."""
    from tests.etl.bad_corpus import FORMULA_PAYLOAD, PAYLOADS

    variant = next(v for v in VARIANTS if v.name == "formula_and_script_payloads")
    write_variant(variant, tmp_path / "source", ["events"])
    assert _etl(tmp_path / "source", warehouse, capsys)[0] == 0
    titles = {r[0] for r in query(warehouse, "select title from core.events")}
    assert titles <= {FORMULA_PAYLOAD, *PAYLOADS} and FORMULA_PAYLOAD in titles

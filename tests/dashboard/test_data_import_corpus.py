"""The bad-input corpus (tests/etl/bad_corpus.py) through the import page itself: each variant uploaded through the
page's uploader and checked. A file that cannot be loaded gets a message naming it and no Publish button; one that
loads shows its rejects with file, row and column, or its notes, or the wipe-out question; nothing is ever published
(both warehouse files byte-identical) and the page takes the next upload as usual (issue 15, item 2)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.contract import load_order
from etl.public import public_path
from tests.dashboard.conftest import run_page
from tests.dashboard.test_data_import import CSV, button, checked, own_warehouse, summary_of  # noqa: F401 - fixture
from tests.etl.bad_corpus import VARIANTS, Variant, write_variant
from tests.etl.conftest import GOOD, sha256
from tests.etl.test_bad_corpus import REMEDY

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The table damaged when a variant stops the run (it stops at the first damaged file anyway): it has free text,
#: dates and references, so every variant applies to it.
STOPPING_TABLE = "events"
ESCAPED = re.compile(r"\\(.)")


def files_of(folder: Path) -> list[tuple[str, bytes, str]]:
    return [(p.name, p.read_bytes(), XLSX if p.suffix == ".xlsx" else CSV) for p in sorted(folder.iterdir())]


def unescaped(message: str) -> str:
    return ESCAPED.sub(r"\1", message)


def both_files(warehouse: Path) -> tuple[str, str]:
    return sha256(warehouse), sha256(public_path(warehouse))


def still_usable(at: AppTest) -> None:
    """After the bad upload, the good set checks as usual: a preview with nothing to change or reject."""
    checked(at, files_of(GOOD))
    assert not at.error
    assert all(v == {"added": 0, "changed": 0, "removed": 0, "rejected": 0} for v in summary_of(at).values())
    assert not [w for w in at.warning if "Publishing would cut" in w.value]  # nothing left of the bad upload
    at.checkbox(key="import_confirmed").check().run()
    assert not button(at, "Publish").disabled


@pytest.mark.usefixtures("own_warehouse")  # a copy of the fixture warehouse, the internal view
@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: f"{v.fmt}-{v.name}")
def test_every_bad_input_through_the_page_gets_a_clear_answer_and_publishes_nothing(
    variant: Variant, tmp_path: Path
) -> None:
    warehouse = Path(os.environ["DASHBOARD_WAREHOUSE"])
    tables = [STOPPING_TABLE] if variant.outcome == "fails" else load_order()
    damaged = write_variant(variant, tmp_path / "upload", tables)
    before = both_files(warehouse)

    at = checked(run_page("data_import"), files_of(tmp_path / "upload"))

    assert not at.exception, [e.value for e in at.exception]
    if variant.outcome == "fails":
        (error,) = at.error
        shown = unescaped(error.value)
        assert damaged[STOPPING_TABLE].name in shown and REMEDY.search(shown), shown  # the file, and what to do
        assert "Traceback" not in shown and "\x00" not in shown and str(tmp_path) not in shown
        assert not [b for b in at.button if b.proto.label == "Publish"]
    else:
        assert not at.error, [e.value for e in at.error]
        summary = summary_of(at)
        rejects = next((d.value for d in at.dataframe if "reason" in d.value.columns), None)
        for table, path in damaged.items():
            mine = rejects[rejects["file"].str.startswith(path.name)] if rejects is not None else []  # book.xlsx[sheet]
            if variant.outcome in ("rejects", "rejects_kept"):
                assert len(mine), f"{table}: nothing rejected in {path.name}"
                assert (mine["row"] > 1).all()  # the header is row 1: every reject names a data row
                if variant.rule not in (None, "malformed"):
                    assert (mine["column"] != "").all(), mine
            elif variant.outcome == "clean":
                assert not len(mine), mine
            elif variant.outcome == "wipe":
                assert any(f"**{table}**" in w.value and "rows to 0" in w.value for w in at.warning), table
            if variant.note:
                notes = [unescaped(c.value) for c in at.caption]
                assert any(variant.note in n and path.name in n for n in notes), (table, notes)
        if variant.outcome in ("clean", "rejects_kept"):
            assert all(v["removed"] == 0 for v in summary.values()), summary  # every valid row kept
        if variant.outcome == "wipe":
            assert button(at, "Publish").disabled  # the loss needs its own confirmation
    assert both_files(warehouse) == before  # nothing published

    if variant.outcome in ("fails", "wipe"):  # the others leave the page in its usual state: a preview
        still_usable(at)
        assert both_files(warehouse) == before


@pytest.mark.usefixtures("own_warehouse")
def test_a_formula_without_a_value_in_a_required_column_gets_one_reason(tmp_path: Path) -> None:
    """Found through the page: the blank such a cell reads as also drew "title_en is required but empty", sending the
    person to fill a cell that is not empty in their workbook. One cell, one reason: the formula's."""
    variant = next(v for v in VARIANTS if v.fmt == "xlsx" and v.name == "formula_without_value")
    write_variant(variant, tmp_path / "upload", ["pillars"])  # its first free-text column, title_en, is required

    at = checked(run_page("data_import"), files_of(tmp_path / "upload"))

    (rejects,) = [d.value for d in at.dataframe if "reason" in d.value.columns]
    cell = rejects[(rejects["file"] == "pillars.xlsx[pillars]") & (rejects["column"] == "title_en")]
    assert cell["reason"].str.startswith("the cell holds the formula =1+1 but no computed value").tolist() == [True]

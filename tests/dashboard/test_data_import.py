"""Import page in AppTest: upload, preview (changes nothing), rejects with their download, confirmed publish; absent
from the public view."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl import imports
from etl.contract import load_order
from etl.public import public_path
from tests.dashboard.conftest import APP, clear_caches, run_page
from tests.etl.conftest import GOOD, read_csv, sha256, write_csv

CSV = "text/csv"


@pytest.fixture
def own_warehouse(fixture_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture warehouse (both files) that the page may publish over, in the internal view."""
    target = tmp_path / "data" / "warehouse.duckdb"
    target.parent.mkdir()
    shutil.copyfile(fixture_warehouse, target)
    shutil.copyfile(public_path(fixture_warehouse), public_path(target))
    monkeypatch.setenv("DASHBOARD_WAREHOUSE", str(target))
    monkeypatch.setenv("DASHBOARD_LOCAL_INTERNAL", "1")
    clear_caches()
    return target


def upload(folder: Path) -> list[tuple[str, bytes, str]]:
    return [(p.name, p.read_bytes(), CSV) for p in sorted(folder.glob("*.csv"))]


def edited_set(tmp_path: Path, bad_row: bool = False) -> Path:
    """The fixture set with one request added; optionally one event whose date does not exist."""
    folder = Path(shutil.copytree(GOOD, tmp_path / "upload"))
    requests = read_csv(folder, "requests")
    write_csv(folder, "requests", requests + [dict(requests[0], request_id="REQ-NEW-2026-01")])
    if bad_row:
        events = read_csv(folder, "events")
        write_csv(folder, "events", events + [dict(events[0], event_id="EV-BAD", start_date="31.02.2011")])
    return folder


def button(at: AppTest, label: str):
    (found,) = [b for b in at.button if b.proto.label == label]
    return found


def runs(warehouse: Path) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute("select run_id, published_by from meta.load_runs order by started_at").fetchall()
    finally:
        con.close()


def checked(at: AppTest, files: list[tuple[str, bytes, str]], reference: bool = False) -> AppTest:
    at.file_uploader(key="import_files").set_value(files).run()
    if not reference:
        at.toggle[0].set_value(False).run()  # the fixture warehouse was built without the reference data
    button(at, "Check the files").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def summary_of(at: AppTest) -> dict[str, dict[str, int]]:
    frame = at.dataframe[0].value.set_index("table_name")
    return {name: {k: int(v) for k, v in row.items()} for name, row in frame.iterrows()}


@pytest.fixture
def bars(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, str]]:
    """Every value a progress bar is given during the runs: the bars are drawn inside the button callbacks, and the
    page drawn after a callback replaces what it drew (st.navigation starts the page at the top of the main area),
    so AppTest's final tree no longer holds them; a browser shows them while the engine works."""
    from streamlit.elements.progress import ProgressMixin

    given: list[tuple[float, str]] = []
    original = ProgressMixin.progress

    def recording(self, value, text=None, **kwargs):  # noqa: ANN001, ANN202 - Streamlit's own signature
        given.append((value, text))
        return original(self, value, text=text, **kwargs)

    monkeypatch.setattr(ProgressMixin, "progress", recording)
    return given


def test_a_good_upload_previews_its_exact_changes_and_publishes_only_when_confirmed(
    own_warehouse: Path, tmp_path: Path, bars: list[tuple[float, str]]
) -> None:
    before = (sha256(own_warehouse), sha256(public_path(own_warehouse)))
    at = checked(run_page("data_import"), upload(edited_set(tmp_path)))

    summary = summary_of(at)
    assert summary["requests"] == {"added": 1, "changed": 0, "removed": 0, "rejected": 0}
    assert bars[-1] == (1.0, "100 % done") and len(bars) > len(load_order())  # the check moved a bar to its end
    assert all(
        v == {"added": 0, "changed": 0, "removed": 0, "rejected": 0} for k, v in summary.items() if k != "requests"
    )
    assert [e.label for e in at.expander] == ["requests: 1 added, 0 changed, 0 removed"]
    assert any("No row would be rejected" in s.value for s in at.success)
    assert button(at, "Publish").disabled  # not before the confirmation
    assert (sha256(own_warehouse), sha256(public_path(own_warehouse))) == before  # the preview changed nothing

    at.checkbox[0].check().run()
    button(at, "Publish").click().run()

    assert not at.exception
    assert any(s.value.startswith("Published (load ") for s in at.success)
    assert bars[-1] == (1.0, "100 % done") and len(bars) > 2 * len(load_order())  # and the publish its own
    assert [value for value, _text in bars].count(1.0) == 2  # two bars, each to its end
    (_first, (run_id, who)) = runs(own_warehouse)
    assert who == "this computer (DASHBOARD_LOCAL_INTERNAL)" and run_id in at.success[0].value
    kept = imports.uploads_dir(own_warehouse)
    assert len(list(kept.iterdir())) == 1


def test_a_bad_upload_shows_every_reject_with_a_download_and_publishes_nothing(
    own_warehouse: Path, tmp_path: Path
) -> None:
    at = checked(run_page("data_import"), upload(edited_set(tmp_path, bad_row=True)))

    assert summary_of(at)["events"]["rejected"] == 1
    (rejects,) = [d.value for d in at.dataframe if "reason" in d.value.columns]
    assert rejects.to_dict("records") == [
        {
            "table_name": "events",
            "file": "events.csv",
            "row": 5,
            "column": "start_date",
            "value": "31.02.2011",
            "reason": "start_date '31.02.2011' is not a date (write YYYY-MM-DD, or DD.MM.YYYY)",
        }
    ]
    assert any(d.proto.label == "Download CSV" for d in at.get("download_button"))
    assert len(runs(own_warehouse)) == 1

    button(at, "Cancel").click().run()

    assert any("nothing was published" in i.value for i in at.info)
    assert len(runs(own_warehouse)) == 1
    assert list(imports.uploads_dir(own_warehouse).iterdir()) == []


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (imports.MAX_XLSX_UNPACKED + 1))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("book.xlsx", _bomb(), "application/zip")], "book.xlsx: the workbook unpacks to 100 MB, over the 100 MB"),
        ([("requests.csv", b"h\n" + b"r\n" * (imports.MAX_ROWS + 1), CSV)], "over the limit of 100,000 rows"),
        ([("<img src=x onerror=alert(1)>.csv", b"h\n", CSV)], "must be named after its table"),
    ],
    ids=["zip-bomb", "too-many-rows", "hostile-name"],
)
def test_oversized_and_hostile_uploads_get_a_clear_message(own_warehouse: Path, files, message: str) -> None:
    at = checked(run_page("data_import"), files)

    (error,) = at.error
    assert error.value.startswith("The upload was refused: ") and message in error.value.replace("\\", "")
    assert "<img" not in error.value  # shown as text, escaped
    assert not [b for b in at.button if b.proto.label == "Publish"]
    assert len(runs(own_warehouse)) == 1


def test_the_import_page_does_not_exist_in_the_public_view(own_warehouse: Path, monkeypatch) -> None:
    monkeypatch.delenv("DASHBOARD_LOCAL_INTERNAL")
    at = run_page("overview")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/data_import.py")
    # Even run straight from pages/ (Streamlit's legacy mode on a fresh server), the page refuses itself.
    direct = AppTest.from_file(str(APP.parent / "pages" / "data_import.py"), default_timeout=30).run()
    assert [e.value for e in direct.error] == [
        "This page does not exist in this view. Choose a page from the navigation."
    ]
    assert not direct.file_uploader


def test_an_upload_that_would_empty_a_table_asks_for_its_own_confirmation(own_warehouse: Path, tmp_path: Path) -> None:
    """The wipe-out guard in the preview: a header-only participation file names the table and keeps Publish
    disabled until that loss is confirmed too (issue 15, item 3)."""
    folder = Path(shutil.copytree(GOOD, tmp_path / "upload"))
    header = (folder / "participation.csv").read_text(encoding="utf-8").splitlines()[0]
    (folder / "participation.csv").write_text(header + "\n", encoding="utf-8")
    before = sha256(own_warehouse)
    at = checked(run_page("data_import"), upload(folder))

    assert any("**participation**" in w.value and "rows to 0" in w.value for w in at.warning)
    at.checkbox(key="import_confirmed").check().run()
    assert button(at, "Publish").disabled  # the general confirmation is not enough
    at.checkbox(key="import_confirmed_wipe_out").check().run()
    assert not button(at, "Publish").disabled
    assert sha256(own_warehouse) == before  # nothing published by the preview or the ticks

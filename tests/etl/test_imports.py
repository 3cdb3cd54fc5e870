"""Importing uploaded files: limits before parsing, the preview against the current warehouse, and the publish."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from etl import imports
from etl.contract import load_order
from etl.public import public_path
from etl.read import SourceError
from tests.etl.conftest import GOOD, GOOD_COUNTS, core_counts, query, read_csv, run_ids, sha256, write_csv


def upload_of(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.csv"))]


def edited(good_dir: Path) -> Path:
    """The fixture set with one request added, one changed (its status) and one removed, and one bad event row."""
    requests = [r for r in read_csv(good_dir, "requests") if r["request_id"] != "R-UZB-1"]
    items = [i for i in read_csv(good_dir, "request_items") if i["request_id"] != "R-UZB-1"]
    write_csv(good_dir, "request_items", items)
    changed = next(r for r in requests if r["status"] == "open")
    changed.update(status="closed", closed_date="2020-01-31")
    requests.append(dict(requests[0], request_id="REQ-NEW-2026-01", summary="Demo: new"))
    write_csv(good_dir, "requests", requests)
    events = read_csv(good_dir, "events")
    events.append(dict(events[0], event_id="EV-BAD", start_date="31.02.2011", end_date=""))
    write_csv(good_dir, "events", events)
    return good_dir


@pytest.fixture
def published(fixture_warehouse: Path, warehouse: Path) -> str:
    """The good fixture set published at `warehouse`, internal and public files: its run id."""
    warehouse.parent.mkdir(parents=True)
    for source, target in ((fixture_warehouse, warehouse), (public_path(fixture_warehouse), public_path(warehouse))):
        shutil.copyfile(source, target)
    (run_id,) = run_ids(warehouse)
    return run_id


@pytest.fixture
def staged(published: str, good_dir: Path, warehouse: Path) -> tuple[Path, dict[str, str]]:
    requests = {r["request_id"]: r for r in read_csv(good_dir, "requests")}
    return imports.stage(upload_of(edited(good_dir)), warehouse), requests


def test_the_preview_lists_exactly_the_adds_changes_removes_and_rejects(staged, warehouse: Path) -> None:
    upload, before = staged
    preview = imports.preview(upload, warehouse, reference=False)

    requests = preview.changes["requests"]
    assert list(requests.added["request_id"]) == ["REQ-NEW-2026-01"]
    (changed,) = requests.changed.to_dict("records")
    assert before[changed["request_id"]]["status"] == "open" and changed["status"] == "closed"
    assert changed["changed_columns"] == "status, closed_date"
    assert list(requests.removed["request_id"]) == ["R-UZB-1"]
    assert list(preview.changes["request_items"].removed["item_id"]) == ["R-UZB-1-1"]
    others = {n: c for n, c in preview.changes.items() if n not in ("requests", "request_items")}
    assert all(c.added.empty and c.changed.empty and c.removed.empty for c in others.values()), {
        n: (len(c.added), len(c.changed), len(c.removed)) for n, c in others.items()
    }
    (reject,) = preview.rejects.to_dict("records")
    assert reject["table_name"] == "events" and reject["column_name"] == "start_date"
    assert reject["value"] == "31.02.2011" and "is not a date" in reject["reason"]
    assert reject["source_file"].endswith("events.csv") and reject["source_row"] == GOOD_COUNTS["events"] + 2
    summary = preview.summary().set_index("table_name")
    assert summary.loc["requests"].to_dict() == {"added": 1, "changed": 1, "removed": 1, "rejected": 0}
    assert summary.loc["events", "rejected"] == 1


def test_the_preview_changes_nothing(staged, warehouse: Path) -> None:
    upload, _ = staged
    files = (warehouse, public_path(warehouse))
    before = [sha256(f) for f in files]

    imports.preview(upload, warehouse, reference=False)

    assert [sha256(f) for f in files] == before
    assert not list(warehouse.parent.glob("*.tmp"))


def test_publish_runs_the_etl_and_records_who_and_the_kept_files(staged, warehouse: Path, published: str) -> None:
    upload, _ = staged

    result = imports.publish(upload, warehouse, "expert@un.org", reference=False)

    assert run_ids(warehouse) == [published, result.run_id]
    assert query(warehouse, "select published_by, uploads from meta.load_runs where run_id = ?", [result.run_id]) == [
        ("expert@un.org", str(upload))
    ]
    assert sorted(p.name for p in upload.iterdir()) == sorted(p.name for p in GOOD.glob("*.csv"))
    assert core_counts(warehouse)["requests"] == GOOD_COUNTS["requests"]  # one added, one removed
    assert query(warehouse, "select count(*) from core.requests where request_id = 'REQ-NEW-2026-01'") == [(1,)]
    public_columns = [r[0] for r in query(public_path(warehouse), "describe meta.load_runs")]
    assert "published_by" not in public_columns and "uploads" not in public_columns
    imports.discard(upload, warehouse)  # a published upload stays beside its load record
    assert upload.is_dir()


def test_a_publish_that_fails_changes_nothing(published: str, good_dir: Path, warehouse: Path) -> None:
    (good_dir / "requests.csv").write_text("request_id,state_id\nR-1,KAZ\n", encoding="utf-8")
    upload = imports.stage(upload_of(good_dir), warehouse)
    before = [sha256(warehouse), sha256(public_path(warehouse))]

    with pytest.raises(SourceError, match="missing required column"):
        imports.publish(upload, warehouse, "expert@un.org", reference=False)

    assert [sha256(warehouse), sha256(public_path(warehouse))] == before
    imports.discard(upload, warehouse)
    assert not upload.exists()


def test_a_second_publish_at_the_same_time_is_refused(staged, warehouse: Path) -> None:
    upload, _ = staged
    with imports.publish_lock(warehouse), pytest.raises(imports.PublishBusy):
        imports.publish(upload, warehouse, "expert@un.org", reference=False)


def test_an_upload_outside_the_warehouse_uploads_folder_is_refused(warehouse: Path, good_dir: Path) -> None:
    with pytest.raises(imports.UploadError, match="no such upload"):
        imports.preview(good_dir, warehouse, reference=False)


def _xlsx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (imports.MAX_XLSX_UNPACKED + 1))
    return buffer.getvalue()


def _xlsx_rows(rows: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", f'<worksheet><dimension ref="A1:C{rows}"/></worksheet>')
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([], "no file was uploaded"),
        ([(f"requests{i}.csv", b"x") for i in range(imports.MAX_FILES + 1)], "at most 20 can be imported"),
        ([("requests.csv", b"a" * (imports.MAX_FILE_BYTES + 1))], "over the 20 MB limit per file"),
        ([("requests.csv", b"h\n" + b"r\n" * (imports.MAX_ROWS + 1))], "over the limit of 100,000 rows"),
        ([("notes.csv", b"h\n")], "must be named after its table"),
        ([("report.pdf", b"%PDF")], "only .csv and .xlsx"),
        ([("data.xlsx", b"not a zip")], "not a zip archive"),
        ([("data.xlsx", _xlsx_bomb())], "unpacks to 100 MB"),
        ([("data.xlsx", _xlsx_rows(imports.MAX_ROWS + 2))], "a sheet has 100,001 rows"),
        ([("requests.csv", b"h\n"), ("REQUESTS.csv", b"h\n")], "two files have this name"),
    ],
    ids=[
        "none",
        "too-many",
        "too-big",
        "too-many-rows",
        "not-a-table",
        "pdf",
        "not-zip",
        "bomb",
        "sheet-rows",
        "twice",
    ],
)
def test_uploads_beyond_the_limits_are_refused_before_parsing(files, message: str, warehouse: Path) -> None:
    with pytest.raises(imports.UploadError, match=message.replace("(", r"\(").replace(".", r"\.")):
        imports.stage(files, warehouse)
    assert not imports.uploads_dir(warehouse).exists()


def test_an_uploaded_name_cannot_leave_its_folder(warehouse: Path) -> None:
    upload = imports.stage([("../../requests.csv", b"request_id\n")], warehouse)
    assert [p.name for p in upload.iterdir()] == ["requests.csv"]
    assert upload.parent == imports.uploads_dir(warehouse)


READER = textwrap.dedent(
    """
    import sys, time, duckdb
    path, seconds = sys.argv[1], float(sys.argv[2])
    seen, errors = set(), []
    end = time.time() + seconds
    while time.time() < end:
        try:
            con = duckdb.connect(":memory:")
            con.execute(f"attach '{path}' as wh (read_only)")
            seen.add(con.execute("select count(*) from wh.core.requests").fetchone()[0])
            con.close()
        except Exception as error:
            errors.append(repr(error))
    print(sorted(seen), len(errors), errors[:3])
    """
)


def test_readers_during_a_publish_see_the_old_or_the_new_data_never_an_error(
    published: str, good_dir: Path, warehouse: Path
) -> None:
    requests = read_csv(good_dir, "requests")
    write_csv(good_dir, "requests", requests + [dict(requests[0], request_id="REQ-NEW-2026-01")])
    upload = imports.stage(upload_of(good_dir), warehouse)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(warehouse), "12"], stdout=subprocess.PIPE, text=True)
    time.sleep(1.5)
    for _ in range(2):
        imports.publish(upload, warehouse, "expert@un.org", reference=False)
    out, _ = reader.communicate(timeout=60)

    seen, errors = out.split("]", 1)
    assert errors.split()[0] == "0", out
    # Both the old and the new data were read, and nothing else.
    assert {int(n) for n in seen.strip("[").split(",")} == {GOOD_COUNTS["requests"], GOOD_COUNTS["requests"] + 1}
    assert query(warehouse, "select count(*) from core.requests") == [(GOOD_COUNTS["requests"] + 1,)]


def test_abandoned_uploads_are_removed_and_published_ones_kept(staged, warehouse: Path) -> None:
    upload, _ = staged
    published_upload = imports.stage(upload_of(GOOD), warehouse)
    imports.publish(published_upload, warehouse, "expert@un.org", reference=False)
    later = dt.datetime.now(dt.UTC) + imports.ABANDONED_AFTER + dt.timedelta(minutes=1)

    assert imports.remove_abandoned(warehouse, later) == [upload]
    assert published_upload.is_dir() and not upload.exists()


def test_the_preview_and_the_publish_report_progress_forward_to_the_end(staged, warehouse: Path) -> None:
    """Issue 14 item 2: the page's progress bar is moved by the engine, through every phase, ending at 1.0."""
    upload, _requests = staged
    tables, files = len(load_order()), len(list(upload.iterdir()))
    for work in (imports.preview, lambda *args, **kw: imports.publish(upload, warehouse, "tester", **kw)):
        reported: list[float] = []
        work(upload, warehouse, reference=False, advance=reported.append)

        assert reported[-1] == 1.0
        assert all(b > a for a, b in zip(reported, reported[1:], strict=False)), reported
        assert 0 < reported[0] < 0.5
        assert len(reported) >= files + tables  # one step per file read and per table validated, at least

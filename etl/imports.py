"""Importing uploaded files (the dashboard's import page calls this; nothing here knows about the dashboard).

upload -> `stage`: the limits checked on the raw bytes before anything is parsed, the files kept in a folder of
their own beside the warehouse (`<warehouse>.uploads/<id>/`) -> `preview`: the ETL's own reader and validation, and
per table the rows that would be added, changed and removed against the current warehouse, with every rejected row;
the warehouse is only read -> `publish`: the ETL's own `run` (atomic swap of the internal and public files), with
who published and the folder of the uploads recorded in meta.load_runs; or `discard`.

What is published is the shipped reference data (unless left out) plus the uploaded files, as with
`python -m etl --source <upload folder>`: the upload is the complete set of one's own data, so rows of the current
warehouse that it does not hold are removed (the preview lists them). The demo data is left out unless asked for.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import re
import secrets
import shutil
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from etl import settings
from etl.contract import TABLES_BY_NAME, load_order
from etl.guard import WipeOut, published_counts, wipe_outs
from etl.load import Advance, LoadResult, forward_only, no_advance, read_sources, run, validate_sources, within
from etl.read import SourceFile
from etl.validate import FileCounts, ident, q

#: Limits of one import, checked on the raw bytes before any parsing.
MAX_FILES = 20
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Rows per CSV file or per workbook sheet.
MAX_ROWS = 100_000
#: What a workbook may unpack to (an xlsx is a zip: a small file can hold a huge sheet).
MAX_XLSX_UNPACKED = 100 * 1024 * 1024
MAX_XLSX_MEMBERS = 500

_SAFE_NAME = re.compile(r"[^\w .()-]")
_ID = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{6}$")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')


class UploadError(Exception):
    """An upload refused before parsing; the message says which file and why."""


class PublishBusy(Exception):
    """Another publish of the same warehouse is running."""


@dataclass
class TableChanges:
    added: pd.DataFrame
    changed: pd.DataFrame  # the new rows, with changed_columns
    removed: pd.DataFrame


@dataclass
class Preview:
    upload: Path
    files: list[tuple[SourceFile, FileCounts]]
    notes: list[str]
    rejects: pd.DataFrame  # file, row, column, value, reason (and table, rule)
    changes: dict[str, TableChanges] = field(default_factory=dict)
    wipe_outs: list[WipeOut] = field(default_factory=list)  # tables the publish would empty or cut by half or more

    def summary(self) -> pd.DataFrame:
        """One row per table: rows added, changed, removed and rejected."""
        rejected = self.rejects.groupby("table_name")["source_row"].nunique() if len(self.rejects) else {}
        return pd.DataFrame(
            [
                {
                    "table_name": name,
                    "added": len(c.added),
                    "changed": len(c.changed),
                    "removed": len(c.removed),
                    "rejected": int(rejected.get(name, 0)) if len(self.rejects) else 0,
                }
                for name, c in self.changes.items()
            ]
        )


def uploads_dir(warehouse: Path) -> Path:
    """Where uploaded files are kept, one folder per upload, beside the load records."""
    return warehouse.with_name(warehouse.name + ".uploads")


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    return _SAFE_NAME.sub("_", base).lstrip(". ") or "upload"


def _check_csv(name: str, raw: bytes) -> None:
    table = Path(name).stem.strip().lower()
    if table not in TABLES_BY_NAME:
        raise UploadError(
            f"{name}: a CSV file must be named after its table ({', '.join(load_order())}), e.g. requests.csv."
        )
    lines = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
    if lines - 1 > MAX_ROWS:
        raise UploadError(f"{name}: about {lines - 1:,} rows, over the limit of {MAX_ROWS:,} rows per file.")


def _sheet_rows(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    """A worksheet's last row: from its <dimension> element, else by counting its rows (bounded by the size check)."""
    with archive.open(member) as sheet:
        head = sheet.read(4096)
    found = _DIMENSION.search(head)
    if found:
        return int(found.group(1) or 1)
    with archive.open(member) as sheet:
        return sum(chunk.count(b"<row ") + chunk.count(b"<x:row ") for chunk in iter(lambda: sheet.read(1 << 20), b""))


def _check_xlsx(name: str, raw: bytes) -> None:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise UploadError(
            f"{name}: not a readable .xlsx workbook (not a zip archive). Save it again from Excel."
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_XLSX_MEMBERS:
            raise UploadError(f"{name}: the workbook holds {len(members):,} parts, more than a workbook should.")
        unpacked = sum(m.file_size for m in members)
        if unpacked > MAX_XLSX_UNPACKED:
            raise UploadError(
                f"{name}: the workbook unpacks to {unpacked // 2**20} MB, over the {MAX_XLSX_UNPACKED // 2**20} MB "
                "limit. Split it or save the large sheets as CSV."
            )
        for member in members:
            if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                rows = _sheet_rows(archive, member)
                if rows - 1 > MAX_ROWS:
                    raise UploadError(f"{name}: a sheet has {rows - 1:,} rows, over the limit of {MAX_ROWS:,}.")


def check(files: Sequence[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The files as they will be kept (safe base names), or UploadError: the limits, checked before parsing."""
    if not files:
        raise UploadError("no file was uploaded.")
    if len(files) > MAX_FILES:
        raise UploadError(f"{len(files)} files: at most {MAX_FILES} can be imported at once.")
    kept: list[tuple[str, bytes]] = []
    for name, raw in files:
        safe = _safe_name(name)
        suffix = Path(safe).suffix.lower()
        if len(raw) > MAX_FILE_BYTES:
            raise UploadError(
                f"{safe}: {len(raw) / 2**20:.1f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit per file."
            )
        if suffix == ".csv":
            _check_csv(safe, raw)
        elif suffix == ".xlsx":
            _check_xlsx(safe, raw)
        else:
            raise UploadError(f"{safe}: only .csv and .xlsx files can be imported.")
        if safe.lower() in {k.lower() for k, _ in kept}:
            raise UploadError(f"{safe}: two files have this name; upload each table once.")
        kept.append((safe, raw))
    return kept


#: An upload neither published nor discarded (a closed browser tab) is removed after this long.
ABANDONED_AFTER = dt.timedelta(days=1)


def remove_abandoned(warehouse: Path, now: dt.datetime | None = None) -> list[Path]:
    """Upload folders older than ABANDONED_AFTER that no load records: removed so they never pile up."""
    folder = uploads_dir(warehouse)
    if not folder.is_dir():
        return []
    kept, removed = published_uploads(warehouse), []
    limit = (now or dt.datetime.now(dt.UTC)) - ABANDONED_AFTER
    for upload in folder.iterdir():
        if not _ID.match(upload.name) or upload.name in kept:
            continue
        if dt.datetime.strptime(upload.name[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC) < limit:
            shutil.rmtree(upload, ignore_errors=True)
            removed.append(upload)
    return removed


def stage(files: Sequence[tuple[str, bytes]], warehouse: Path) -> Path:
    """Check the files, then keep them in a new folder beside the warehouse; its path identifies the upload."""
    kept = check(files)
    remove_abandoned(warehouse)
    folder = uploads_dir(warehouse) / (dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(3))
    folder.mkdir(parents=True)
    for name, raw in kept:
        (folder / name).write_bytes(raw)
    return folder


def _upload_folder(upload: Path, warehouse: Path) -> Path:
    """An upload folder of this warehouse (never any other path a caller might pass)."""
    folder = uploads_dir(warehouse) / Path(upload).name
    if not _ID.match(folder.name) or not folder.is_dir():
        raise UploadError(f"{Path(upload).name}: no such upload.")
    return folder


def discard(upload: Path, warehouse: Path) -> None:
    """Forget an upload that was not published (cancel)."""
    folder = _upload_folder(upload, warehouse)
    if folder.name in published_uploads(warehouse):
        return  # kept beside its load record
    shutil.rmtree(folder, ignore_errors=True)


def published_uploads(warehouse: Path) -> set[str]:
    """Upload folders recorded by a load of the warehouse."""
    if not warehouse.exists():
        return set()
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"attach {q(str(warehouse))} as cur (read_only)")
        rows = con.execute("select uploads from cur.meta.load_runs where uploads is not null").fetchall()
    except duckdb.Error:
        return set()
    finally:
        con.close()
    return {Path(r[0]).name for r in rows}


def sources_for(upload: Path, reference: bool = True, demo: bool = False) -> list[Path]:
    """The folders a load of this upload reads: as `python -m etl --source <upload>` (demo only when asked)."""
    folders = [settings.REFERENCE_DIR] if reference else []
    return folders + ([settings.DEMO_DIR] if demo else []) + [upload]


def diff_queries(name: str, new: str, old: str) -> tuple[str, str, str]:
    """SELECTs of the rows of table `name` added to, changed in and removed from relation `old` to relation `new`
    (keys from the contract; a changed row is the new one, with the names of the columns that changed)."""
    table = TABLES_BY_NAME[name]
    columns = [ident(c.name) for c in table.columns]
    new_cols = ", ".join(f"n.{c}" for c in columns)
    old_cols = ", ".join(f"o.{c}" for c in columns)
    keys = " and ".join(f"n.{ident(k)} = o.{ident(k)}" for k in table.key)
    differs = " or ".join(f"n.{c} is distinct from o.{c}" for c in columns)
    which = ", ".join(f"case when n.{c} is distinct from o.{c} then {q(c.strip(chr(34)))} end" for c in columns)
    order = ", ".join(ident(k) for k in table.key)
    return (
        f"select {new_cols} from {new} n where not exists (select 1 from {old} o where {keys}) order by {order}",
        f"select {new_cols}, array_to_string(list_filter([{which}], lambda x: x is not null), ', ') "
        f"as changed_columns from {new} n join {old} o on {keys} where {differs} order by {order}",
        f"select {old_cols} from {old} o where not exists (select 1 from {new} n where {keys}) order by {order}",
    )


def changes_between(con: duckdb.DuckDBPyConnection, name: str, new: str, old: str | None) -> TableChanges:
    """Rows of table `name` added, changed and removed from relation `old` (None: nothing yet) to `new`."""
    if old is None:
        added = con.execute(f"select * from {new}").df()[[c.name for c in TABLES_BY_NAME[name].columns]]
        return TableChanges(added, added.iloc[0:0].assign(changed_columns=[]), added.iloc[0:0])
    added, changed, removed = (con.execute(sql).df() for sql in diff_queries(name, new, old))
    return TableChanges(added, changed, removed)


def preview(
    upload: Path,
    warehouse: Path,
    reference: bool = True,
    demo: bool = False,
    today: dt.date | None = None,
    progress: Callable[[str], None] = lambda message: None,
    advance: Advance = no_advance,
) -> Preview:
    """What publishing the upload would change, and every row it would reject; the warehouse is only read.
    `advance` gets the share of the work done: read (to 0.4), validation per table (0.85), comparison (1.0)."""
    upload = _upload_folder(upload, warehouse)
    advance = forward_only(advance)
    files, notes = read_sources(sources_for(upload, reference, demo), progress, within(advance, 0.0, 0.4))
    con = duckdb.connect(":memory:", config={"threads": settings.etl_threads()})
    try:
        today = today or dt.date.today()
        counts, _total, _sample = validate_sources(con, files, today, progress, within(advance, 0.4, 0.85))
        have_current = warehouse.exists()
        if have_current:
            con.execute(f"attach {q(str(warehouse))} as cur (read_only)")
        compared = within(advance, 0.85, 1.0)
        changes = {}
        for done, name in enumerate(load_order(), 1):
            changes[name] = changes_between(con, name, f"stg_{name}", f"cur.core.{name}" if have_current else None)
            compared(done / len(load_order()))
        rejects = con.execute(
            "select table_name, source_file, source_row, column_name, value, rule, reason from rejects "
            "order by table_name, source_file, source_row, column_name"
        ).df()
        staged = {name: con.execute(f"select count(*) from stg_{name}").fetchone()[0] for name in load_order()}
    finally:
        con.close()
    # the same guard as the CLI's (etl/guard.py): the page asks for an explicit confirmation of each
    guarded = wipe_outs(published_counts(warehouse), staged)
    return Preview(upload, counts, notes, rejects, changes, guarded)


@contextlib.contextmanager
def publish_lock(warehouse: Path) -> Iterator[None]:
    """One publish of a warehouse at a time (two experts clicking at once would otherwise lose one's history)."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with open(warehouse.with_name(warehouse.name + ".lock"), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishBusy(str(warehouse)) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish(
    upload: Path,
    warehouse: Path,
    published_by: str,
    reference: bool = True,
    demo: bool = False,
    today: dt.date | None = None,
    progress: Callable[[str], None] = lambda message: None,
    advance: Advance = no_advance,
) -> LoadResult:
    """The ETL's own run on the upload: both files swapped in atomically, who and the upload folder recorded. A
    failure raises and leaves both files as they were. `advance`: the share of the work done (etl.load.run)."""
    upload = _upload_folder(upload, warehouse)
    with publish_lock(warehouse):
        return run(
            sources_for(upload, reference, demo),
            warehouse,
            today=today,
            progress=progress,
            published_by=published_by,
            uploads=upload,
            advance=advance,
        )

"""Build the warehouse: read -> validate -> core tables -> marts -> record the load -> atomic publish.

The new warehouse is written to a temporary file in the target's folder and `os.replace`d onto
the target only when complete, so a failed, interrupted or killed run leaves the previous
warehouse untouched, and readers holding the old file keep reading it (TECH-NOTES, DuckDB).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl import settings
from etl.contract import TABLES_BY_NAME, VOCABULARIES, load_order
from etl.guard import WipeOut, published_counts, wipe_outs
from etl.public import build_public, public_path
from etl.read import FILE_COLUMN, ROW_COLUMN, SourceFile, discover, read
from etl.validate import FileCounts, file_counts, ident, q, validate

SQL_DIR = Path(__file__).parent / "sql"
#: A progress report as a fraction of the whole work, 0 to 1 (the import page draws it as a bar).
Advance = Callable[[float], None]
TMP_PATTERN = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9A-Za-z-]+\.tmp(\.wal)?$")


class StrictModeError(Exception):
    """--strict and at least one row was rejected: nothing was published."""


class WipeOutError(StrictModeError):
    """--strict and a table would be emptied or lose most of its rows: nothing was published."""


@dataclass
class LoadResult:
    run_id: str
    warehouse: Path
    started_at: dt.datetime
    finished_at: dt.datetime
    files: list[tuple[SourceFile, FileCounts]]
    notes: list[str]
    reject_sample: list[tuple]
    rejects_total: int
    published: bool
    timings: dict[str, float] = field(default_factory=dict)
    wipe_outs: list[WipeOut] = field(default_factory=list)

    @property
    def rows_loaded(self) -> int:
        return sum(c.rows_loaded for _, c in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(c.rows_rejected for _, c in self.files)


def new_run_id(now: dt.datetime) -> str:
    """UTC time to the millisecond, then a random tag: name order is age order even for two runs in one second
    (snapshot pruning and the as-of list rely on it)."""
    return now.strftime("%Y%m%dT%H%M%S") + f"{now.microsecond // 1000:03d}Z-" + secrets.token_hex(3)


def temp_path(target: Path, run_id: str) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{run_id}.tmp")


def remove_stale_temp_files(target: Path) -> list[Path]:
    """Temp files left by killed runs (their process is gone): removed so they never pile up."""
    removed = []
    if not target.parent.is_dir():
        return removed
    for path in target.parent.iterdir():
        match = TMP_PATTERN.match(path.name)
        if match and match["name"] == target.name and not _alive(int(match["pid"])):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers from an earlier call in this process are stale too
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sql_files(layer: str) -> list[tuple[str, str]]:
    """(name, sql) of a layer's .sql files, ordered so that each comes after the marts it reads."""
    found = {p.stem: p.read_text(encoding="utf-8") for p in sorted((SQL_DIR / layer).glob("*.sql"))}
    ordered: list[str] = []

    def visit(name: str, path: tuple[str, ...] = ()) -> None:
        if name in ordered:
            return
        if name in path:
            raise ValueError(f"cycle in {layer} SQL: {' -> '.join(path + (name,))}")
        for dep in re.findall(r"\bmart\.(\w+)", found[name]):
            if dep in found and dep != name:
                visit(dep, path + (name,))
        ordered.append(name)

    for name in found:
        visit(name)
    return [(name, found[name]) for name in ordered]


def no_advance(fraction: float) -> None:
    """No progress bar to move."""


def within(advance: Advance, start: float, end: float) -> Advance:
    """A phase's own progress (0 to 1) reported as its share of the whole: `start` to `end`."""
    return lambda fraction: advance(start + (end - start) * min(max(fraction, 0.0), 1.0))


def forward_only(advance: Advance) -> Advance:
    """Progress that only moves forward and stops at 1 (a bar never jumps back)."""
    reached = [0.0]

    def report(fraction: float) -> None:
        fraction = min(fraction, 1.0)
        if fraction > reached[0]:
            reached[0] = fraction
            advance(fraction)

    return report


def read_sources(
    sources: list[Path], progress: Callable[[str], None], advance: Advance = no_advance
) -> tuple[list[SourceFile], list[str]]:
    """Every source file of the folders read as text, with notes on what was ignored (SourceError if one cannot be);
    `advance` gets the share of the files read."""
    files, notes = discover(sources)
    if not files:
        raise FileNotFoundError(
            "no source files found in "
            + ", ".join(map(str, sources))
            + ". Each table is a <table>.csv file or a sheet named after the table in an .xlsx workbook."
        )
    for done, source in enumerate(files, 1):
        read(source)
        notes.extend(source.warnings)
        encoding = f", {source.encoding}" + (f", '{source.delimiter}'-delimited" if source.delimiter else "")
        progress(f"read {source.label}: {source.rows_read:,} rows{encoding}")
        advance(done / len(files))
    return files, notes


def validate_sources(
    con: duckdb.DuckDBPyConnection,
    files: list[SourceFile],
    today: dt.date,
    progress: Callable[[str], None],
    advance: Advance = no_advance,
) -> tuple[list[tuple[SourceFile, FileCounts]], int, list[tuple]]:
    """The contract's checks in `con` (typed stg_<table> and `rejects`): per-file counts, problems, first rejects;
    `advance` gets the share of the tables validated."""
    order = load_order()
    validate(con, files, order, today, table_done=lambda done: advance(done / len(order)))
    counts = [(f, file_counts(con, f)) for f in files]
    rejects_total = con.execute("select count(*) from rejects").fetchone()[0]
    sample = con.execute(
        "select table_name, source_file, source_row, column_name, value, reason from rejects "
        "order by table_name, source_file, source_row limit 200"
    ).fetchall()
    progress(f"validated: {sum(c.rows_loaded for _, c in counts):,} rows valid, {rejects_total:,} problems found")
    return counts, rejects_total, sample


def run(
    sources: list[Path],
    warehouse: Path,
    strict: bool = False,
    today: dt.date | None = None,
    progress: Callable[[str], None] = lambda message: None,
    published_by: str | None = None,
    uploads: Path | None = None,
    advance: Advance = no_advance,
) -> LoadResult:
    """Read, validate, build and publish. `published_by` (who, from the import page) and `uploads` (the folder the
    uploaded files are kept in) are recorded with the load. `advance` gets the share of the work done, through read
    (to 0.3), validation per table (0.6), the core tables (0.65), the marts (0.8), the public file (0.9) and the
    publish (1.0)."""
    advance = forward_only(advance)
    started = dt.datetime.now(dt.UTC)
    run_id = new_run_id(started)
    today = today or dt.date.today()
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    warehouse = warehouse.resolve()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    for stale in remove_stale_temp_files(warehouse):
        progress(f"removed a temp file left by an interrupted run: {stale.name}")

    files, notes = read_sources(sources, progress, within(advance, 0.0, 0.3))
    timings["read"] = time.perf_counter() - clock

    tmp = temp_path(warehouse, run_id)
    tmp_public = temp_path(public_path(warehouse), run_id)
    remove_stale_temp_files(public_path(warehouse))
    con = duckdb.connect(config={"threads": settings.etl_threads()})
    try:
        clock = time.perf_counter()
        counts, rejects_total, sample = validate_sources(con, files, today, progress, within(advance, 0.3, 0.6))
        timings["validate"] = time.perf_counter() - clock
        _write_rejects_report(con, rejects_report_path(warehouse))
        if strict and rejects_total:
            error = StrictModeError(f"--strict: {rejects_total} problem(s) found; the warehouse was not changed")
            error.sample = sample
            raise error
        wiped = wipe_outs(published_counts(warehouse), staged_counts(con))
        for wipe in wiped:
            progress(wipe.message)
        if strict and wiped:
            raise WipeOutError(
                "--strict: "
                + "; ".join(w.message.removeprefix("wipe-out: ") for w in wiped)
                + " The warehouse was not changed"
            )

        clock = time.perf_counter()
        con.execute(f"attach {q(str(tmp))} as wh")
        _build(con, files, counts, run_id, started, today, sources, strict, published_by, uploads, advance)
        _carry_history(con, warehouse)
        con.execute("use memory")
        con.execute(f"attach {q(str(tmp_public))} as pub")
        build_public(con, lambda database: build_marts(con, database, within(advance, 0.8, 0.9)))
        _record_wipe_outs(con, run_id, wiped)
        for database in ("wh", "pub"):
            con.execute(f"checkpoint {database}")
            con.execute(f"detach {database}")
        advance(0.95)
        timings["build"] = time.perf_counter() - clock
    except BaseException:
        con.close()
        for path in (tmp, tmp_public):
            path.unlink(missing_ok=True)
            path.with_name(path.name + ".wal").unlink(missing_ok=True)
        raise
    con.close()
    previous_run = latest_run_id(warehouse)
    # Public first: a public instance never sees a newer internal file than its own.
    _publish(tmp_public, public_path(warehouse), previous_run)
    _publish(tmp, warehouse, previous_run)
    advance(1.0)
    finished = dt.datetime.now(dt.UTC)
    return LoadResult(run_id, warehouse, started, finished, counts, notes, sample, rejects_total, True, timings, wiped)


def staged_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per table that passed validation: what the core tables are about to hold."""
    return {name: con.execute(f"select count(*) from stg_{name}").fetchone()[0] for name in load_order()}


def _record_wipe_outs(con: duckdb.DuckDBPyConnection, run_id: str, wiped: list[WipeOut]) -> None:
    """meta.load_warnings in both files: the data page shows this run's warnings (table counts are public totals)."""
    for database in ("wh", "pub"):
        con.execute(f"""create table {database}.meta.load_warnings (run_id varchar, kind varchar,
            table_name varchar, rows_before bigint, rows_after bigint, message varchar)""")
        for w in wiped:
            con.execute(
                f"insert into {database}.meta.load_warnings values (?, 'wipe_out', ?, ?, ?, ?)",
                [run_id, w.table, w.rows_before, w.rows_after, w.message],
            )


def _build(
    con: duckdb.DuckDBPyConnection,
    files: list[SourceFile],
    counts: list[tuple[SourceFile, FileCounts]],
    run_id: str,
    started: dt.datetime,
    today: dt.date,
    sources: list[Path],
    strict: bool,
    published_by: str | None = None,
    uploads: Path | None = None,
    advance: Advance = no_advance,
) -> None:
    for schema in ("core", "mart", "meta"):
        con.execute(f"create schema wh.{schema}")
    for name in load_order():
        columns = ", ".join(ident(c.name) for c in TABLES_BY_NAME[name].columns)
        con.execute(
            f"create table wh.core.{name} as select {columns}, {FILE_COLUMN} as loaded_from, "
            f"{ROW_COLUMN} as loaded_row from stg_{name}"  # insertion order already follows file and row
        )
    con.execute(
        "create table wh.core.vocab (vocabulary varchar, code varchar, label_en varchar, label_ru varchar, "
        "sort_order integer)"
    )
    con.executemany(
        "insert into wh.core.vocab values (?, ?, ?, ?, ?)",
        [
            (vocab, code, en, ru, i)
            for vocab, entries in VOCABULARIES.items()
            for i, (code, (en, ru)) in enumerate(entries.items())
        ],
    )

    advance(0.65)
    build_marts(con, "wh", within(advance, 0.65, 0.8))

    con.execute(
        """create table wh.meta.rejects as
        select ? as run_id, table_name, source_file, source_row, column_name, value, rule, reason
        from rejects order by table_name, source_file, source_row""",
        [run_id],
    )
    finished = dt.datetime.now(dt.UTC)
    con.execute("""create table wh.meta.load_runs (run_id varchar, started_at timestamptz, finished_at timestamptz,
        as_of date, sources varchar, strict boolean, files integer, rows_read bigint, rows_loaded bigint,
        rows_rejected bigint, etl_version varchar, published_by varchar, uploads varchar)""")
    con.execute(
        "insert into wh.meta.load_runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run_id,
            started,
            finished,
            today,
            " | ".join(map(str, sources)),
            strict,
            len(files),
            sum(c.rows_read for _, c in counts),
            sum(c.rows_loaded for _, c in counts),
            sum(c.rows_rejected for _, c in counts),
            settings.ETL_VERSION,
            published_by,
            None if uploads is None else str(uploads),
        ],
    )
    con.execute("""create table wh.meta.load_files (run_id varchar, table_name varchar, path varchar, sha256 varchar,
        encoding varchar, delimiter varchar, rows_read bigint, rows_loaded bigint, rows_rejected bigint)""")
    con.executemany(
        "insert into wh.meta.load_files values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (run_id, f.table, f.label, f.sha256, f.encoding, f.delimiter, c.rows_read, c.rows_loaded, c.rows_rejected)
            for f, c in counts
        ],
    )


def build_marts(con: duckdb.DuckDBPyConnection, database: str, advance: Advance = no_advance) -> None:
    """The marts, built from the core tables of the attached `database`. They hold dated facts only: nothing is
    judged against the load date (the dashboard's measure layer judges at the period end)."""
    con.execute(f"use {database}")
    marts = sql_files("marts")
    for done, (name, sql) in enumerate(marts, 1):
        con.execute(f"create table mart.{name} as {sql}")
        advance(done / len(marts))
    con.execute("use memory")


def rejects_report_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".rejects.csv")


def _write_rejects_report(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """The last run's rejects as CSV beside the warehouse, readable even when nothing was published.

    Values that a spreadsheet would run as formulas get a leading apostrophe.
    """
    path.unlink(missing_ok=True)
    if not con.execute("select count(*) from rejects").fetchone()[0]:
        return
    safe = "case when regexp_matches(value, '^[=+@\\t\\r\\n-]') then chr(39) || value else value end"
    con.execute(f"""copy (select table_name, source_file, source_row, column_name, {safe} as value, rule, reason
                         from rejects order by table_name, source_file, source_row)
                   to {q(str(path))} (header, delimiter ',')""")


def _carry_history(con: duckdb.DuckDBPyConnection, previous: Path) -> None:
    """Keep the record of earlier loads: the new warehouse carries the old one's load history."""
    if not previous.exists():
        return
    alias = None
    try:
        con.execute(f"attach {q(str(previous))} as prev (read_only)")
    except duckdb.Error:
        # DuckDB refuses a whole file when a stale WAL of another file sits beside it ("WAL does not match").
        # Read it under a second name (a hard link, no WAL) so its history survives; else give up on it.
        if not previous.with_name(previous.name + ".wal").exists():
            return  # an unreadable old warehouse is about to be replaced; its history cannot be kept
        alias = previous.with_name(f".{previous.name}.{os.getpid()}.prev-{secrets.token_hex(3)}.tmp")
        try:
            os.link(previous, alias)
            con.execute(f"attach {q(str(alias))} as prev (read_only)")
        except (OSError, duckdb.Error):
            alias.unlink(missing_ok=True)
            return
    try:
        for table in ("load_runs", "load_files"):
            con.execute(
                f"insert into wh.meta.{table} by name select * from prev.meta.{table} "
                f"where run_id not in (select run_id from wh.meta.{table})"
            )
    except duckdb.Error:
        pass  # an older warehouse layout: start the history afresh
    finally:
        con.execute("detach prev")
        if alias is not None:
            alias.unlink(missing_ok=True)


def snapshots_dir(target: Path) -> Path:
    """Where a warehouse file's earlier versions are kept: data/warehouse.duckdb -> data/warehouse.duckdb.snapshots/
    (the public file has its own folder, so a public instance never holds an internal snapshot)."""
    return target.with_name(target.name + ".snapshots")


def latest_run_id(warehouse: Path) -> str | None:
    """The run that published the file now at `warehouse` (None: no file, or one without a readable history)."""
    if not warehouse.exists():
        return None
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"attach {q(str(warehouse))} as cur (read_only)")
        row = con.execute("select run_id from cur.meta.load_runs order by finished_at desc limit 1").fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return row[0] if row else None


def _keep_snapshot(target: Path, run_id: str | None) -> None:
    """The file about to be replaced, kept as <run_id>.duckdb (a hard link: no copy, and the swap stays atomic);
    the oldest beyond settings.snapshots_to_keep() are pruned."""
    keep = settings.snapshots_to_keep()
    folder = snapshots_dir(target)
    if run_id and keep and target.exists():
        folder.mkdir(exist_ok=True)
        kept = folder / f"{run_id}.duckdb"
        if not kept.exists():
            try:
                os.link(target, kept)
            except OSError:
                shutil.copyfile(target, kept)  # a file system without hard links
    if folder.is_dir():
        # Run ids start with their UTC time, so name order is age order.
        for old in sorted(folder.glob("*.duckdb"))[: -keep or None]:
            old.unlink(missing_ok=True)


def _publish(tmp: Path, target: Path, previous_run: str | None = None) -> None:
    _keep_snapshot(target, previous_run)
    # A WAL left beside the target belongs to the old file and would break opening the new one.
    target.with_name(target.name + ".wal").unlink(missing_ok=True)
    os.replace(tmp, target)

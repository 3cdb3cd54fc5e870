"""`python -m etl`: build the warehouse from source folders. Run with --help for the options."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

import duckdb

from etl import settings
from etl.load import LoadResult, StrictModeError, WipeOutError, run
from etl.read import SourceError

EXIT_OK, EXIT_REJECTS, EXIT_SOURCE, EXIT_WRITE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m etl",
        description="Read the source tables (CSV or XLSX) from folders, validate them against the contract "
        "(docs/DATA_DICTIONARY.md), and publish a DuckDB warehouse atomically. Rejected rows are "
        "kept with their reasons; the previous warehouse survives any failure.",
        epilog="Exit status: 0 published; 1 rows rejected, or a table emptied or cut to half its rows or fewer "
        "against the published warehouse, under --strict (nothing published); "
        "2 a source file cannot be read (nothing published); 3 the new warehouse cannot be written, e.g. a full "
        "disk (nothing published); 130 interrupted.",
    )
    p.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of your own source files (repeatable); read with the shipped reference data, and in place "
        "of the demo data unless --demo is given",
    )
    p.add_argument(
        "--warehouse",
        metavar="PATH",
        default=None,
        help="where to publish (default: $DASHBOARD_WAREHOUSE, else data/warehouse.duckdb)",
    )
    demo = p.add_mutually_exclusive_group()
    demo.add_argument(
        "--demo",
        action="store_true",
        help="also load the shipped synthetic demo data (data/demo) beside your --source folders",
    )
    demo.add_argument(
        "--no-demo",
        action="store_true",
        help="leave out the shipped synthetic demo data (data/demo); the default once --source is given",
    )
    p.add_argument(
        "--no-reference",
        action="store_true",
        help="leave out the shipped reference data (data/reference), e.g. when --source holds a full set",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="fail, publishing nothing, if any row is rejected or a table would be emptied or lose most of its rows",
    )
    p.add_argument("--quiet", action="store_true", help="print only the summary")
    return p


def with_demo(args: argparse.Namespace) -> bool:
    """Whether the invented demo rows load: asked for, or nobody named their own sources. Own data replaces the demo,
    since real rows would otherwise sit among invented ones (and clash with their ids as duplicates)."""
    return args.demo or (not args.source and not args.no_demo)


def source_folders(args: argparse.Namespace) -> list[Path]:
    folders = [] if args.no_reference else [settings.REFERENCE_DIR]
    if with_demo(args):
        folders.append(settings.DEMO_DIR)
    return folders + [Path(s) for s in args.source]


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    warehouse = settings.warehouse_path(args.warehouse)
    folders = source_folders(args)
    if not folders:
        print("error: nothing to load: --no-reference and --no-demo without --source", file=sys.stderr)
        return EXIT_SOURCE
    # SIGTERM (kill) unwinds like Ctrl-C, so the temporary file is removed and the old warehouse stays.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    started = time.perf_counter()
    log = (
        (lambda m: None)
        if args.quiet
        else (lambda m: print(f"[{time.perf_counter() - started:6.1f}s] {m}", file=sys.stderr, flush=True))
    )
    try:
        result = run(folders, warehouse, strict=args.strict, progress=log)
    except SourceError as error:
        print(f"error: {error}\nNothing was published; {warehouse} is unchanged.", file=sys.stderr)
        return EXIT_SOURCE
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_SOURCE
    except WipeOutError as error:
        print(f"error: {error}.", file=sys.stderr)
        return EXIT_REJECTS
    except StrictModeError as error:
        print(f"error: {error}. Fix the rows below or run without --strict to load the valid rows.", file=sys.stderr)
        _print_rejects(getattr(error, "sample", []))
        return EXIT_REJECTS
    except (OSError, duckdb.IOException) as error:
        # A full disk or a file-size limit: the temporary files are gone (run() removes them), the old ones stay.
        print(
            f"error: could not write the new warehouse beside {warehouse} ({error}). Free some space (or raise the "
            f"file-size limit) and run again.\nNothing was published; {warehouse} is unchanged.",
            file=sys.stderr,
        )
        return EXIT_WRITE
    except KeyboardInterrupt:
        print(f"\ninterrupted: nothing was published; {warehouse} is unchanged.", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(summary(result))
    return EXIT_OK


def summary(result: LoadResult) -> str:
    lines = [
        f"Published {result.warehouse} (run {result.run_id}, "
        f"{(result.finished_at - result.started_at).total_seconds():.1f}s)",
        "",
    ]
    width = max([len(f.label) for f, _ in result.files] + [4])
    lines.append(f"{'file'.ljust(width)}  {'table':<22}{'read':>10}{'loaded':>10}{'rejected':>10}")
    for source, counts in result.files:
        lines.append(
            f"{source.label.ljust(width)}  {source.table:<22}{counts.rows_read:>10,}"
            f"{counts.rows_loaded:>10,}{counts.rows_rejected:>10,}"
        )
    lines.append(
        f"{'total'.ljust(width)}  {'':<22}{sum(c.rows_read for _, c in result.files):>10,}"
        f"{result.rows_loaded:>10,}{result.rows_rejected:>10,}"
    )
    if result.wipe_outs:
        lines += ["", "WARNING:"] + [f"  - {w.message}" for w in result.wipe_outs]
    if result.notes:
        lines += ["", "Notes:"] + [f"  - {n}" for n in result.notes]
    if result.rejects_total:
        lines += ["", f"{result.rejects_total} problem(s) in {result.rows_rejected} rejected row(s); first ones:"]
        lines += _reject_lines(result.reject_sample[:20])
        lines.append("All of them are in the warehouse table meta.rejects (and on the dashboard's load details).")
    return "\n".join(lines)


def _reject_lines(sample: list[tuple]) -> list[str]:
    return [
        f"  {file} row {row}, column {column or '-'}: {reason}" for _table, file, row, column, _value, reason in sample
    ]


def _print_rejects(sample: list[tuple]) -> None:
    for line in _reject_lines(sample[:50]):
        print(line, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

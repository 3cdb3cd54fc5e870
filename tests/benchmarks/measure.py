"""Run one measured job in this (fresh) process and print its wall time and peak memory as JSON.

`python -m tests.benchmarks.measure etl <source_dir> <warehouse>` or `... floor <source_dir>`.
A fresh process per job makes the peak-memory figure (ru_maxrss) the job's own.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def etl(source: Path, warehouse: Path) -> dict[str, object]:
    from etl.load import run
    from etl.settings import REFERENCE_DIR

    result = run([REFERENCE_DIR, source], warehouse)
    return {"rows_loaded": result.rows_loaded, "rows_rejected": result.rows_rejected, "timings": result.timings}


def floor(source: Path) -> dict[str, object]:
    """DuckDB's bare read_csv of the same files into tables: the least any load can cost."""
    import duckdb

    con = duckdb.connect()
    rows = 0
    for i, path in enumerate(sorted(source.glob("*.csv"))):
        con.execute(f"create table t{i} as select * from read_csv('{path}', all_varchar = true)")
        rows += con.execute(f"select count(*) from t{i}").fetchone()[0]
    return {"rows": rows}


if __name__ == "__main__":
    job, *args = sys.argv[1:]
    started = time.perf_counter()
    details = etl(Path(args[0]), Path(args[1])) if job == "etl" else floor(Path(args[0]))
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"job": job, "wall_s": round(wall, 2), "peak_mb": round(peak_mb), **details}))

"""ETL time per phase against its floor, in one process: `python -m tests.benchmarks.etl_phases <source_dir>`.

The floor (DuckDB's bare read_csv of the same files, reference data included) runs before and after the ETL in the
same process, so the ratio holds on a machine shared with other work; the load average is printed beside it. Each
SQL statement of the run is timed too (statements of the same shape summed, e.g. a mart built in both files), to show
where the time goes. Prints one JSON object. Not part of the test suite.
"""

from __future__ import annotations

import collections
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb

import etl.load
from etl.settings import REFERENCE_DIR


def floor(folders: list[Path]) -> float:
    con = duckdb.connect()
    started = time.perf_counter()
    for f, folder in enumerate(folders):
        for i, path in enumerate(sorted(folder.glob("*.csv"))):
            escaped = str(path).replace("'", "''")
            con.execute(f"create table t{f}_{i} as select * from read_csv('{escaped}', all_varchar = true)")
    con.close()
    return time.perf_counter() - started


def floor_written(folders: list[Path]) -> float:
    """The least any ETL keeping two warehouse files must do: read every file into a database file, copy it into a
    second file, checkpoint both (no rule, no cast, no mart). Shows how much of the ratio is just writing."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "a.duckdb"))
        con.execute(f"attach '{Path(tmp) / 'b.duckdb'}' as b")
        for f, folder in enumerate(folders):
            for i, path in enumerate(sorted(folder.glob("*.csv"))):
                escaped = str(path).replace("'", "''")
                con.execute(f"create table t{f}_{i} as select * from read_csv('{escaped}', all_varchar = true)")
                con.execute(f"create table b.t{f}_{i} as select * from t{f}_{i}")
        con.execute("checkpoint")
        con.execute("checkpoint b")
        con.close()
    return time.perf_counter() - started


class _Timed:
    """A DuckDB connection whose execute() adds its time to `statements`, keyed on the statement's first words."""

    def __init__(self, con: duckdb.DuckDBPyConnection, statements: dict[str, float]) -> None:
        self._con, self._statements = con, statements

    def execute(self, sql: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - DuckDB's own signature
        started = time.perf_counter()
        result = self._con.execute(sql, *args, **kwargs)
        key = " ".join(sql.split())[:80].replace("wh.", "").replace("pub.", "")
        self._statements[key] += time.perf_counter() - started
        return result

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self._con, name)


def main(source: Path) -> dict[str, object]:
    folders = [REFERENCE_DIR, source]
    before = floor(folders)
    statements: dict[str, float] = collections.defaultdict(float)
    connect = duckdb.connect
    etl.load.duckdb.connect = lambda *a, **k: _Timed(connect(*a, **k), statements)
    try:
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            result = etl.load.run(folders, Path(folder) / "warehouse.duckdb")
            wall = time.perf_counter() - started
    finally:
        etl.load.duckdb.connect = connect
    after = floor(folders)
    written = floor_written(folders)
    top = sorted(statements.items(), key=lambda kv: -kv[1])[:15]
    return {
        "etl_s": round(wall, 1),
        "phases_s": {k: round(v, 1) for k, v in result.timings.items()},
        "floor_s": [round(before, 2), round(after, 2)],
        "etl_over_floor": round(wall / min(before, after), 1),
        "floor_written_s": round(written, 2),
        "floor_written_over_floor": round(written / min(before, after), 1),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "rows_loaded": result.rows_loaded,
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "slowest_statements_s": {k: round(v, 1) for k, v in top},
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1])), indent=1))

"""`make bench` (ETL part): ETL wall time and peak memory at scales 1, 100 and 1000 against DuckDB's bare
read_csv of the same files. Prints a Markdown table; `--write` puts it into BENCHMARKS.md.

Not part of the test suite: it takes about a minute and its numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench-out"
START, END = "<!-- etl-bench:start -->", "<!-- etl-bench:end -->"


def demo_files(scale: int) -> Path:
    folder = OUT / f"scale-{scale}"
    if not (folder / "requests.csv").exists():
        subprocess.run(
            [sys.executable, "-m", "etl.synth", "--scale", str(scale), "--out", str(folder)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
    return folder


def measure(*args: str) -> dict:
    output = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.measure", *args], check=True, cwd=ROOT, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def table(scales: list[int]) -> str:
    rows = [
        "| scale | rows loaded | CSV size | ETL wall | ETL peak memory | floor: bare read_csv | ETL / floor |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for scale in scales:
        folder = demo_files(scale)
        size_mb = sum(p.stat().st_size for p in folder.glob("*.csv")) / 2**20
        warehouse = OUT / f"scale-{scale}.duckdb"
        etl = measure("etl", str(folder), str(warehouse))
        low = measure("floor", str(folder))
        rows.append(
            f"| {scale:,} | {etl['rows_loaded']:,} | {size_mb:,.0f} MB | {etl['wall_s']:.1f} s | "
            f"{etl['peak_mb']:,} MB | {low['wall_s']:.2f} s ({low['peak_mb']:,} MB) | "
            f"{etl['wall_s'] / max(low['wall_s'], 0.01):.1f}x |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return (
        "\n".join(rows) + f"\n\nMeasured by `make bench` on {machine}. ETL = read + validate + build + publish "
        "(reference data included); floor = DuckDB `read_csv` of the same files, nothing else."
    )


def write(markdown: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n## ETL\n\n{START}\n{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{START}\n{markdown}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,100,1000")
    parser.add_argument("--write", action="store_true", help="update the ETL section of BENCHMARKS.md")
    args = parser.parse_args()
    markdown = table([int(s) for s in args.scales.split(",")])
    print(markdown)
    if args.write:
        write(markdown)


if __name__ == "__main__":
    main()

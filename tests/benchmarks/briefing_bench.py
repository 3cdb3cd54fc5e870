"""`make bench-briefing`: how long a briefing pack takes to build (dashboard/briefing), at the shipped data size
(scale 1) and at scale 100, for a State pack and the regional pack, in both views. Prints a Markdown table;
`--write` puts it into BENCHMARKS.md.

Each scale runs in a fresh process, so its first pack pays kaleido's Chromium start (as the first click after a
server starts does); the later packs reuse it. Not part of the test suite: its numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench-out"
START, END = "<!-- briefing-bench:start -->", "<!-- briefing-bench:end -->"
HEADING = "## Briefing packs"
PACKS = [("TJK", "public"), ("TJK", "public"), (None, "public"), ("TJK", "internal"), (None, "internal")]


def warehouse(scale: int) -> Path:
    """The shipped reference data plus the synthetic demo data at this scale, through the real ETL."""
    path = OUT / f"briefing-scale-{scale}.duckdb"
    if path.exists():
        return path
    folder = OUT / f"scale-{scale}"
    if scale == 1:
        command = [sys.executable, "-m", "etl", "--quiet", "--warehouse", str(path)]
    else:
        if not (folder / "requests.csv").exists():
            subprocess.run(
                [sys.executable, "-m", "etl.synth", "--scale", str(scale), "--out", str(folder)], check=True, cwd=ROOT
            )
        command = [sys.executable, "-m", "etl", "--quiet", "--no-demo", "--source", str(folder)]
        command += ["--warehouse", str(path)]
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return path


def run_packs(path: Path) -> list[dict]:
    """In this process: build each pack of PACKS from the warehouse at `path`, timing its steps."""
    from dashboard import filters as flt
    from dashboard.briefing import Spec, build
    from dashboard.briefing.content import Runner

    results = []
    for state, view in PACKS:
        file = path if view == "internal" else path.with_name(f"{path.stem}.public{path.suffix}")
        run = Runner(file)
        row = run("shared_filter_choices").iloc[0]
        run.close()
        filters = flt.Filters(start=row["first_date"].date(), end=row["last_date"].date())
        marks: list[float] = []

        def mark(_share: float, _step: str, marks: list[float] = marks) -> None:
            marks.append(time.perf_counter())

        began = time.perf_counter()
        files = build(Spec(view, filters, state), file, mark)
        steps = [began, *marks]
        results.append(
            {
                "pack": f"{state or 'region'} {view}",
                "wall_s": time.perf_counter() - began,
                # progress marks: part of the figures, all figures, charts, deck, PDF
                "data_s": steps[2] - steps[0],
                "charts_s": steps[3] - steps[2],
                "pptx_s": steps[4] - steps[3],
                "pdf_s": steps[5] - steps[4],
                "pptx_kb": len(files.pptx) // 1024,
                "pdf_kb": len(files.pdf) // 1024,
                "rows": sum(len(table.frame) for table in files.pack.tables),
            }
        )
    return results


def table(scales: list[int]) -> str:
    rows = [
        "| scale | pack | wall | figures | charts (kaleido) | deck | PDF | table rows | deck size | PDF size |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for scale in scales:
        path = warehouse(scale)
        output = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.briefing_bench", "--child", str(path)],
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout
        for n, result in enumerate(json.loads(output.strip().splitlines()[-1])):
            first = " (first: starts Chromium)" if n == 0 else ""
            rows.append(
                f"| {scale:,} | {result['pack']}{first} | {result['wall_s']:.1f} s | {result['data_s']:.1f} s | "
                f"{result['charts_s']:.1f} s | {result['pptx_s']:.1f} s | {result['pdf_s']:.1f} s | "
                f"{result['rows']:,} | {result['pptx_kb']:,} KB | {result['pdf_kb']:,} KB |"
            )
            print(rows[-1], file=sys.stderr, flush=True)
    load = os.getloadavg()[0]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return (
        "\n".join(rows) + f"\n\nMeasured by `make bench-briefing` on {machine} on {dt.date.today().isoformat()}, "
        f"load average {load:.1f} at the end (the machine was shared). State pack: Tajikistan; regional pack: all "
        "States; default filters (the whole period to the data's as-of date). figures = every query of the pack on "
        "one read-only connection; charts = kaleido PNGs (the map included); deck = python-pptx; PDF = fpdf2 with "
        "the full tables in its appendix (up to 200 rows each)."
    )


def write(markdown: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    if START not in text:
        text = (
            text.rstrip("\n")
            + f"\n\n{HEADING}\n\nGoal (issue 12): a pack builds in under 10 s at the shipped size.\n\n{START}\n{END}\n"
        )
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{START}\n{markdown}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,100")
    parser.add_argument("--write", action="store_true", help="update the briefing section of BENCHMARKS.md")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_packs(args.child)))
        return
    markdown = table([int(s) for s in args.scales.split(",")])
    print(markdown)
    if args.write:
        write(markdown)


if __name__ == "__main__":
    main()

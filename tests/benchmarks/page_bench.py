"""`make bench` (pages part): each page's render time, cold (caches empty) and on a filter change, at scale 1
(the shipped data) and scale 1000. Prints a Markdown table; `--write` puts it into BENCHMARKS.md.

Render time is the script run as AppTest measures it (queries, figure building, element serialisation);
the browser's drawing comes on top and is checked by the real-browser tests, not timed here.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench-out"
PAGES = [
    "overview",
    "coverage_map",
    "pillar_progress",
    "assistance_pipeline",
    "state_profile",
    "request_register",
    "load_details",
]
START, END = "<!-- page-bench:start -->", "<!-- page-bench:end -->"
GOALS = "Goals: cold < 1 s and filter change < 0.3 s at scale 1; cold < 3 s at scale 1000."


def warehouse(scale: int) -> Path:
    path = OUT / f"pages-scale-{scale}.duckdb"
    if not path.exists():
        source = ["--source", str(OUT / f"scale-{scale}")] if scale != 1 else []
        if scale != 1 and not (OUT / f"scale-{scale}" / "requests.csv").exists():
            subprocess.run(
                [sys.executable, "-m", "etl.synth", "--scale", str(scale), "--out", str(OUT / f"scale-{scale}")],
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
        demo = ["--no-demo"] if scale != 1 else []
        subprocess.run(
            [sys.executable, "-m", "etl", "--quiet", "--warehouse", str(path), *demo, *source],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
    return path


def timed_run(at) -> float:
    started = time.perf_counter()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return time.perf_counter() - started


def measure_page(page: str, repeats: int) -> tuple[float, float | None]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    colds, changes = [], []
    for _ in range(repeats):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()  # imports and the router, not counted
        st.cache_data.clear()
        st.cache_resource.clear()
        at.switch_page(f"pages/{page}.py")
        colds.append(timed_run(at))
        pickers = [w for w in at.multiselect if w.key == "w_states"]
        if pickers:  # a filter change that keeps data on screen: one State instead of five (the data page has none)
            pickers[0].set_value(["KGZ"])
            changes.append(timed_run(at))
    return statistics.median(colds), (statistics.median(changes) if changes else None)


def table(scales: list[int], repeats: int) -> str:
    rows = [
        "| page | " + " | ".join(f"scale {s:,}: cold | scale {s:,}: filter change" for s in scales) + " |",
        "| --- |" + " ---: | ---: |" * len(scales),
    ]
    results: dict[str, list[str]] = {page: [] for page in PAGES}
    # The internal view reads every row (the public file holds fewer requests): time the worst case.
    os.environ["DASHBOARD_LOCAL_INTERNAL"] = "1"
    for scale in scales:
        os.environ["DASHBOARD_WAREHOUSE"] = str(warehouse(scale))
        for page in PAGES:
            cold, change = measure_page(page, repeats)
            shown = "n/a (no filters)" if change is None else f"{change:.2f} s"
            results[page] += [f"{cold:.2f} s", shown]
            print(f"scale {scale} {page}: cold {cold:.2f} s, change {shown}", file=sys.stderr, flush=True)
    rows += [f"| {page} | " + " | ".join(cells) + " |" for page, cells in results.items()]
    return (
        "\n".join(rows)
        + f"\n\n{GOALS} Median of {repeats} runs; filter change = choosing one State instead of all five."
    )


def write(markdown: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    if START not in text:
        text += f"\n## Pages\n\n{START}\n{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    path.write_text(f"{head}{START}\n{markdown}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,1000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    markdown = table([int(s) for s in args.scales.split(",")], args.repeats)
    print(markdown)
    if args.write:
        write(markdown)


if __name__ == "__main__":
    main()

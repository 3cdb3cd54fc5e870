"""`make load`: N people at once, at the protocol level, while the ETL republishes the warehouse underneath them.

Per view (public, internal), a real `streamlit run` server reads a warehouse that a background loop rebuilds with
`python -m etl` every few seconds (the same command that built it, into the served path, as a deployment would).
For each N (default 1, 10, 20, 50), N websocket sessions (tests/benchmarks/protocol_client.py) connect, start at the
same moment and each walk every page of the view: open it (the first by URL, the others as a navigation click),
then, where the page has the sidebar's States filter, choose one State (a different one each time). Reported per N:
errors, p50/p95 seconds per page (request sent -> successful script_finished), runs per second, and the server's
resident memory per session (RSS before the sessions connect and after they all walked, still connected, divided by
N). One unmeasured session walks every page first, so the figures are for warm caches.

The client runs on the same machine as the server and takes some of its CPU: compare figures from one machine only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.benchmarks import servers
from tests.benchmarks.protocol_client import Run, Session

START, END = "<!-- load-bench:start -->", "<!-- load-bench:end -->"


@dataclass
class Phase:
    """N sessions' walks."""

    sessions: int
    runs: list[Run] = field(default_factory=list)
    session_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    rss_before_mb: float = 0.0
    rss_after_mb: float = 0.0
    republished: int = 0
    load_before: float = 0.0  # the machine's 1-minute load average just before the phase

    def errors(self) -> list[str]:
        return self.session_errors + [f"/{r.page} {r.kind}: {e}" for r in self.runs for e in r.errors]

    def summary(self) -> dict:
        timed = [r for r in self.runs if not r.errors]
        pages = sorted({r.page for r in self.runs})
        return {
            "sessions": self.sessions,
            "runs": len(self.runs),
            "errors": len(self.errors()),
            "first_errors": self.errors()[:10],
            "seconds": round(self.seconds, 2),
            "runs_per_second": round(len(self.runs) / self.seconds, 2) if self.seconds else None,
            "rss_before_mb": round(self.rss_before_mb, 1),
            "rss_after_mb": round(self.rss_after_mb, 1),
            "mb_per_session": round((self.rss_after_mb - self.rss_before_mb) / self.sessions, 2),
            "republished": self.republished,
            "load_before": round(self.load_before, 2),
            "all": _stats([r.seconds for r in timed]),
            "pages": {servers.page_name(p): _stats([r.seconds for r in timed if r.page == p]) for p in pages},
            "bytes_per_run": round(sum(r.total_bytes for r in timed) / len(timed)) if timed else None,
        }


def _stats(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "p50": round(servers.percentile(values, 0.5), 3),
        "p95": round(servers.percentile(values, 0.95), 3),
        "max": round(max(values), 3),
    }


# --- the sessions ------------------------------------------------------------------------------------------------


async def walk(session: Session, paths: list[str], offset: int, rounds: int, label: str) -> list[Run]:
    """Every page from the `offset`-th on, wrapping round; on each, choose the next State in the States filter."""
    runs = []
    order = paths[offset % len(paths) :] + paths[: offset % len(paths)]
    step = offset
    for _ in range(rounds):
        for path in order:
            opened = await session.open(path)
            runs.append(opened)
            options = session.options(label)
            if opened.errors or not options:
                continue
            step += 1
            changed = await session.choose(label, [options[step % len(options)]])
            if changed is not None:
                runs.append(changed)
    return runs


async def phase(server: servers.Server, paths: list[str], sessions: int, rounds: int, timeout: float) -> Phase:
    """N sessions connect, start together, walk, and stay connected until the server's memory is read."""
    label = servers.states_label()
    result = Phase(sessions)
    connected, walked = asyncio.Event(), asyncio.Event()
    start, release = asyncio.Event(), asyncio.Event()
    counts = {"connected": 0, "walked": 0}

    def mark(name: str, event: asyncio.Event) -> None:
        counts[name] += 1
        if counts[name] == sessions:
            event.set()

    async def one(index: int) -> None:
        marked = {"connected": False, "walked": False}
        try:
            async with Session(server.url, timeout=timeout) as session:
                mark("connected", connected)
                marked["connected"] = True
                await start.wait()
                result.runs += await walk(session, paths, index, rounds, label)
                mark("walked", walked)
                marked["walked"] = True
                await release.wait()
        except Exception as error:  # noqa: BLE001 - a session that breaks is counted, the others go on
            result.session_errors.append(f"session {index}: {error!r}")
        finally:
            if not marked["connected"]:
                mark("connected", connected)
            if not marked["walked"]:
                mark("walked", walked)

    result.rss_before_mb = servers.rss_mb(server.pid)
    result.load_before = os.getloadavg()[0]
    tasks = [asyncio.create_task(one(i)) for i in range(sessions)]
    await connected.wait()
    started = time.perf_counter()
    start.set()
    await walked.wait()
    result.seconds = time.perf_counter() - started
    result.rss_after_mb = servers.rss_mb(server.pid)
    release.set()
    await asyncio.gather(*tasks)
    return result


# --- the republishing ETL ----------------------------------------------------------------------------------------


class Republisher:
    """Runs the ETL command in a loop, `every` seconds apart, until stopped; records when each run ended."""

    def __init__(self, command: list[str], every: float) -> None:
        self.command = command
        self.every = every
        self.finished: list[tuple[float, int, str]] = []  # (perf_counter at the end, exit status, last output)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Republisher:
        if self.every > 0:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            done = subprocess.run(self.command, cwd=servers.ROOT, capture_output=True, text=True)
            self.finished.append((time.perf_counter(), done.returncode, (done.stderr or done.stdout)[-500:]))
            self._stop.wait(self.every)

    def between(self, start: float, end: float) -> list[tuple[float, int, str]]:
        return [item for item in self.finished if start <= item[0] <= end]


# --- the benchmark -----------------------------------------------------------------------------------------------


def load_view(view: str, scale: int, counts: list[int], rounds: int, every: float, timeout: float) -> dict:
    warehouse = servers.OUT / "load" / f"scale-{scale}-{view}" / "warehouse.duckdb"
    command = servers.build_warehouse(scale, warehouse)
    paths = servers.page_paths(view)
    phases = []
    with servers.serve(servers.APP, servers.server_env(warehouse, view)) as server:
        warm = asyncio.run(phase(server, paths, 1, 1, timeout))
        if warm.errors():
            raise SystemExit(f"{view} view: the warm-up session failed: {warm.errors()[:3]}")
        with Republisher(command, every) as republisher:
            for count in counts:
                print(f"{view} view, {count} session(s)", file=sys.stderr, flush=True)
                began = time.perf_counter()
                result = asyncio.run(phase(server, paths, count, rounds, timeout))
                ended = time.perf_counter()
                republished = republisher.between(began, ended)
                result.republished = len(republished)
                result.session_errors += [f"ETL exited {code}: {tail}" for _, code, tail in republished if code]
                summary = result.summary()
                phases.append(summary)
                print(
                    f"  {summary['runs']} runs, {summary['errors']} errors, {summary['runs_per_second']} runs/s, "
                    f"p95 {summary['all'].get('p95')} s, {summary['mb_per_session']} MB/session",
                    file=sys.stderr,
                )
                time.sleep(2)  # let the closed sessions go before the next phase reads the memory
    return {
        "view": view,
        "scale": scale,
        "republish_command": " ".join(Path(c).name if "/" in c else c for c in command),
        "phases": phases,
    }


def table(results: dict) -> str:
    lines = []
    for view in results["views"]:
        phases = view["phases"]
        lines += [
            f"**{view['view']} view** (scale {view['scale']:,}; p50 / p95 seconds from request to script_finished)",
            "",
            "| | " + " | ".join(f"{p['sessions']} session{'s' if p['sessions'] != 1 else ''}" for p in phases) + " |",
            "| --- |" + " ---: |" * len(phases),
        ]
        pages = [servers.page_name(p) for p in servers.page_paths(view["view"])]
        for page in [*pages, "all runs"]:
            cells = [_pair(p["all"] if page == "all runs" else p["pages"].get(page, {"n": 0})) for p in phases]
            lines.append(f"| {page} | " + " | ".join(cells) + " |")
        lines += [
            "| runs per second | " + " | ".join(f"{p['runs_per_second']}" for p in phases) + " |",
            "| errors / runs | " + " | ".join(f"{p['errors']} / {p['runs']}" for p in phases) + " |",
            "| server memory per session | "
            + " | ".join(
                f"{p['mb_per_session']:.1f} MB ({p['rss_before_mb']:.0f} -> {p['rss_after_mb']:.0f})" for p in phases
            )
            + " |",
            "| ETL republishes during the phase | " + " | ".join(str(p["republished"]) for p in phases) + " |",
            "| machine load average before the phase | " + " | ".join(f"{p['load_before']:.1f}" for p in phases) + " |",
            "",
        ]
    lines.append(
        f"Measured by `make load` on {results['machine']}, {results['date']}, commit {results['commit']}: each session "
        f"walks every page of its view {results['rounds']} time(s), opening each and choosing one State in its "
        f"States filter; the ETL (`{results['views'][0]['republish_command']}`) republished the served warehouse "
        f"every {results['every']:g} s throughout."
    )
    return "\n".join(lines)


def _pair(stats: dict) -> str:
    return f"{stats['p50']:.2f} / {stats['p95']:.2f} s" if stats.get("n") else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", default="1,10,20,50", help="comma-separated numbers of concurrent sessions")
    parser.add_argument("--views", default="public,internal")
    parser.add_argument("--scale", type=int, default=1, help="1 = the shipped data")
    parser.add_argument("--rounds", type=int, default=1, help="walks through every page per session")
    parser.add_argument("--republish-every", type=float, default=5.0, help="seconds between ETL runs (0: none)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds before a run counts as never finished")
    parser.add_argument("--write", action="store_true", help="put the table into BENCHMARKS.md")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.sessions.split(",")]
    results = {
        **servers.provenance(),
        "rounds": args.rounds,
        "every": args.republish_every,
        "views": [
            load_view(view, args.scale, counts, args.rounds, args.republish_every, args.timeout)
            for view in args.views.split(",")
        ],
    }
    servers.OUT.mkdir(exist_ok=True)
    (servers.OUT / "load-bench.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    markdown = table(results)
    print(markdown)
    if args.write:
        servers.write_section(START, END, markdown, "Many sessions at once")
    return 1 if any(p["errors"] for v in results["views"] for p in v["phases"]) else 0


if __name__ == "__main__":
    raise SystemExit(main())

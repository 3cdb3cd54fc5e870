"""`make bench` (browser part): how long a person waits for each page in a real browser, and what it sends them.

Headless Debian Chromium (Playwright as the driver) against a real `streamlit run` server per view (public: the
default; internal: DASHBOARD_LOCAL_INTERNAL=1), at scale 1 (the shipped data) and scale 1000. Per page and run:

- cold load: a new browser context (no cache, a new session) opens the page's URL; timed from navigation start;
- filter change: then one State is chosen in the sidebar's States filter; timed from the click on the option.

A run is done when its successful `script_finished` has arrived over the websocket AND every element that draws data
(Plotly, deck.gl, dataframes, tables, images) that the run sent is in the page and drawn (in a painted frame; inside
a closed expander, attached). Timestamps are taken inside the page (performance.now(): frame arrival, click, each
animation frame), so Playwright's own latency is not counted. Bytes per run = websocket payload received for the
run plus the /media files the page fetched because of it. The floor is a one-line app with the same States filter,
served by the same kind of server, measured in the same run.

`--quick` (CI): one run per page, scale 1, public view; fails on an exception element, a page that never finishes, a
console error or a page error, never on time. `--write` puts the tables into BENCHMARKS.md; raw JSON always goes to
bench-out/.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from tests.benchmarks import servers, wire

START, END = "<!-- browser-bench:start -->", "<!-- browser-bench:end -->"
VIEWPORT = {"width": 1400, "height": 2200}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Nothing may leave the machine: every host but loopback resolves to nothing.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
FLOOR = "floor (trivial page)"
CHART_FLOOR = "floor with one chart and one table"
FLOORS = (FLOOR, CHART_FLOOR)
# Opened at /<page>, Streamlit's frontend first asks /<page>/_stcore/health and host-config, in case the app is served
# under that prefix; the 404s it gets are its own probing, not an error of the page.
BASE_PROBE = re.compile(r"^/[^/]+/_stcore/(health|host-config)$")

# Installed before any page script: logs each websocket frame's arrival, each pointer press, and on every animation
# frame what the page holds (per data-drawing element kind: how many, how many drawn; stale and exception elements).
PROBE = """
(() => {
  const bench = window.__bench = {frames: [], clicks: [], ticks: []};
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (String(args[0]).includes('/_stcore/stream')) {
        this.addEventListener('open', () => { bench.opened = bench.opened ?? performance.now(); });
        this.addEventListener('message', (event) => {
          const data = event.data;
          bench.frames.push([performance.now(), data.byteLength ?? data.size ?? data.length]);
        });
      }
    }
  };
  addEventListener('pointerdown', () => bench.clicks.push(performance.now()), true);
  const KINDS = __KINDS__;
  const visible = (node) => node && node.getBoundingClientRect().width > 0;
  const drawn = (el, id) => {
    if (el.closest('details:not([open])') || el.closest('[hidden]')) return true;  // attached is all one can ask
    if (id === 'stPlotlyChart') {
      const plot = el.querySelector('.js-plotly-plot');
      return !!(plot && plot._fullLayout && visible(el.querySelector('svg.main-svg')));
    }
    if (id === 'stDeckGlJsonChart' || id === 'stDataFrame') return visible(el.querySelector('canvas'));
    if (id === 'stTable') return !!el.querySelector('table');
    if (id === 'stImage') return [...el.querySelectorAll('img')].every((img) => img.complete && img.naturalWidth > 0);
    return true;
  };
  const snapshot = () => {
    const state = {
      stale: document.querySelectorAll('[data-stale="true"]').length,
      exceptions: document.querySelectorAll('[data-testid="stException"]').length,
    };
    for (const id of KINDS) {
      const found = document.querySelectorAll(`[data-testid="${id}"]`);
      let ok = 0;
      for (const el of found) if (drawn(el, id)) ok += 1;
      state[id] = [found.length, ok];
    }
    return state;
  };
  const tick = () => {
    bench.ticks.push([performance.now(), snapshot()]);
    if (bench.ticks.length > 50000) bench.ticks.splice(0, 10000);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  // The first animation frame after `after` in which the page holds exactly `expected` and all of it is drawn.
  window.__benchDone = ({after, expected}) => {
    for (const [t, state] of bench.ticks) {
      if (t <= after || state.stale) continue;
      if (KINDS.every((id) => state[id][0] === (expected[id] || 0) && state[id][1] === state[id][0])) return t;
    }
    return null;
  };
  window.__benchLast = () => bench.ticks.length ? bench.ticks[bench.ticks.length - 1][1] : null;
})();
""".replace("__KINDS__", json.dumps(sorted(set(wire.DRAWN.values()))))


@dataclass
class BrowserRun:
    """One timed run in the browser."""

    page: str  # URL path ("" = the default page)
    kind: str  # "cold" or "filter"
    seconds: float | None = None
    finished_seconds: float | None = None  # when script_finished arrived (the rest of `seconds` is drawing)
    socket_seconds: float | None = None  # cold: when the websocket opened (before: loading the page's code)
    static_bytes: int = 0  # cold: the page's code and fonts (/static/), as a first visit fetches them
    load_average: float = 0.0  # the machine's 1-minute load average when the run started
    ws_bytes: int = 0
    media_bytes: int = 0
    element_types: dict[str, int] = field(default_factory=dict)  # from the run's decoded frames
    drawn: dict[str, int] = field(default_factory=dict)  # data-drawing elements the DOM held when done (test id)
    errors: list[str] = field(default_factory=list)
    page_state: wire.RunPage | None = field(default=None, repr=False, compare=False)


class _Tab:
    """One browser context and page with the probe installed and every frame, request and error recorded."""

    def __init__(self, browser: Any, base: str, timeout: float) -> None:
        self.base = base
        self.timeout = timeout
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.add_init_script(PROBE)
        self.page = self.context.new_page()
        self.frames: list[bytes] = []
        self.console: list[str] = []
        self.media: list[Any] = []  # /media requests, in the order they started
        self.settled: set[int] = set()  # ids of those finished or failed
        self.cache = wire.MessageCache(max_age=10**9)  # a superset of the browser's copies: every reference resolves
        self.decoded = 0
        self.messages: list[Any] = []
        self.page.on("websocket", self._on_socket)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console.append(f"page error: {error}"))
        self.static: list[Any] = []  # /static/ requests: the frontend's code, styles and fonts
        self.page.on("request", self._on_request)
        self.page.on("requestfinished", lambda r: self.settled.add(id(r)))
        self.page.on("requestfailed", lambda r: self.settled.add(id(r)))

    def _on_request(self, request: Any) -> None:
        path = urlparse(request.url).path
        if path.startswith("/media/"):
            self.media.append(request)
        elif "/static/" in path:
            self.static.append(request)

    def static_bytes(self) -> int:
        return sum(r.sizes()["responseBodySize"] for r in self.static if id(r) in self.settled and r.response())

    def _on_console(self, message: Any) -> None:
        if message.type == "error" and not BASE_PROBE.match(urlparse(message.location.get("url", "")).path):
            self.console.append(f"{message.text} ({message.location.get('url', '')})")

    def _on_socket(self, socket: Any) -> None:
        if socket.url.endswith("/_stcore/stream"):
            socket.on("framereceived", lambda p: self.frames.append(p if isinstance(p, bytes) else p.encode()))

    def close(self) -> None:
        self.context.close()

    def _decode_new(self) -> None:
        while self.decoded < len(self.frames):
            self.messages.append(self.cache.resolve(wire.decode(self.frames[self.decoded])))
            self.decoded += 1

    def finish(self, run: BrowserRun, first_frame: int, started_ms: float, first_media: int, first_error: int) -> None:
        """Wait for the run's successful script_finished and for the page to hold and draw what it sent."""
        deadline = time.monotonic() + self.timeout
        finished_at = None
        page_state = wire.RunPage()
        index = first_frame
        while finished_at is None:
            self._decode_new()
            while index < len(self.messages) and finished_at is None:
                message = self.messages[index]
                kind = message.WhichOneof("type")
                if kind == "new_session":
                    page_state = wire.RunPage()  # a rerun inside the run starts the page over
                elif kind == "script_finished" and message.script_finished == wire.COMPILE_ERROR:
                    run.errors.append("the script failed to compile")
                    run.page_state = page_state
                    return
                elif kind == "script_finished" and message.script_finished in wire.FINISHED:
                    finished_at = index
                    continue
                page_state.apply(message)
                index += 1
            if finished_at is None:
                if time.monotonic() > deadline:
                    run.errors.append(f"never finished ({self.timeout:.0f} s)")
                    run.page_state = page_state
                    return
                self.page.wait_for_timeout(20)
        run.page_state = page_state
        run.element_types = dict(page_state.element_types())
        run.ws_bytes = sum(len(frame) for frame in self.frames[first_frame : finished_at + 1])
        arrived = self.page.evaluate("(i) => window.__bench.frames[i]", finished_at)
        if not arrived or arrived[1] != len(self.frames[finished_at]):
            run.errors.append("the page's frame log is out of step with the websocket's")
            return
        expected = {wire.DRAWN[t]: n for t, n in page_state.drawn().items()}
        done = None
        while done is None and time.monotonic() < deadline:
            done = self.page.evaluate("(a) => window.__benchDone(a)", {"after": arrived[0], "expected": expected})
            if done is None:
                self.page.wait_for_timeout(20)
        last = self.page.evaluate("() => window.__benchLast()") or {}
        run.drawn = {tid: last.get(tid, [0, 0])[1] for tid in sorted(set(wire.DRAWN.values())) if tid in last}
        if done is None:
            run.errors.append(f"not all drawn within {self.timeout:.0f} s: expected {expected}, page holds {last}")
        else:
            run.seconds = (done - started_ms) / 1000
            run.finished_seconds = (arrived[0] - started_ms) / 1000
        if last.get("exceptions"):
            run.errors.append(f"{last['exceptions']} exception element(s) on the page")
        run.errors += [f"exception element: {text}" for text in page_state.exceptions()]
        if page_state.page_not_found:
            run.errors.append("page not found")
        run.media_bytes = self._media_bytes(first_media)
        run.errors += [f"console: {text}" for text in self.console[first_error:]]

    def _media_bytes(self, first: int) -> int:
        """Bytes of the /media files this run made the page fetch (waits, off the clock, until they are in)."""
        deadline = time.monotonic() + 10
        self.page.wait_for_timeout(300)  # a download button checks its file as soon as it mounts
        while any(id(r) not in self.settled for r in self.media[first:]) and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)
        total = 0
        for request in self.media[first:]:
            response = request.response()
            if response is not None and response.ok:
                total += request.sizes()["responseBodySize"]
        return total


def measure_page(
    browser: Any, base: str, path: str, state: str, timeout: float = 120.0, filter_change: bool = True
) -> list[BrowserRun]:
    """Cold load of base/path in a new context, then (if the page has the States filter) choosing `state` in it."""
    tab = _Tab(browser, base, timeout)
    runs = []
    try:
        cold = BrowserRun(path, "cold", load_average=os.getloadavg()[0])
        tab.page.goto(f"{base}/{path}", wait_until="commit", timeout=timeout * 1000)
        tab.finish(cold, 0, 0.0, 0, 0)
        opened = tab.page.evaluate("() => window.__bench.opened")
        cold.socket_seconds = opened / 1000 if opened is not None else None
        cold.static_bytes = tab.static_bytes()
        runs.append(cold)
        has_filter = cold.page_state is not None and cold.page_state.widget("multiselect", servers.states_label())
        if filter_change and has_filter and not cold.errors:
            runs.append(_choose_state(tab, path, state))
    finally:
        tab.close()
    return runs


def _choose_state(tab: _Tab, path: str, state: str) -> BrowserRun:
    run = BrowserRun(path, "filter", load_average=os.getloadavg()[0])
    page = tab.page
    label = servers.states_label()
    widget = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
        has=page.get_by_text(label, exact=True)
    )
    widget.locator("input").first.click()
    option = page.get_by_role("option", name=state, exact=True)
    option.wait_for(timeout=tab.timeout * 1000)
    first_frame = page.evaluate("() => window.__bench.frames.length")
    clicks = page.evaluate("() => window.__bench.clicks.length")
    first_media, first_error = len(tab.media), len(tab.console)
    option.click()
    started = page.evaluate("(n) => window.__bench.clicks[n]", clicks)
    tab.finish(run, first_frame, started, first_media, first_error)
    return run


# --- the benchmark -----------------------------------------------------------------------------------------------


def measure_server(
    browser: Any, base: str, paths: list[str], runs: int, state: str, timeout: float, warm: bool = True
) -> list[dict]:
    """Every page `runs` times, after one unmeasured visit each (imports, the first request's legacy rerun) unless
    `warm` is off (the quick run: a fresh server's first requests are the ones most likely to fail)."""
    for path in paths if warm else []:
        measure_page(browser, base, path, state, timeout)
    rows = []
    for number in range(runs):
        for path in paths:
            for run in measure_page(browser, base, path, state, timeout):
                row = asdict(run)
                row.pop("page_state")
                rows.append({**row, "run": number + 1})
                shown = f"{run.seconds:.2f} s" if run.seconds is not None else "-"
                print(
                    f"  {path or '/'} {run.kind}: {shown}, {run.ws_bytes + run.media_bytes:,} B, "
                    f"{len(run.errors)} error(s)",
                    file=sys.stderr,
                    flush=True,
                )
    return rows


def launch(playwright: Any) -> Any:
    from tests.browser.conftest import chromium_path

    executable = chromium_path()
    if executable is None:
        raise SystemExit("no Chromium installed (apt-get install chromium): the browser benchmark needs it")
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)


def bench(
    scales: list[int],
    views: list[str],
    runs: int,
    state: str,
    timeout: float,
    warm: bool = True,
    floors_only: bool = False,
) -> dict:
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {"runs": runs, "state": state, "warm": warm, **servers.provenance(), "scales": {}}
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as folder:
        browser = launch(playwright)
        results["browser"] = f"Chromium {browser.version}"
        floors = {
            FLOOR: servers.floor_app(Path(folder), state),
            CHART_FLOOR: servers.chart_floor_app(Path(folder), state),
        }
        for scale in scales:
            warehouse = None if floors_only else servers.warehouse(scale)
            per_view: dict[str, list[dict]] = {}
            for view in views:
                print(f"scale {scale}, {view} view", file=sys.stderr, flush=True)
                per_view[view] = []
                if not floors_only:
                    with servers.serve(servers.APP, servers.server_env(warehouse, view)) as server:
                        paths = servers.page_paths(view)
                        per_view[view] = measure_server(browser, server.url, paths, runs, state, timeout, warm)
                for name, app in floors.items():
                    with servers.serve(app, servers.server_env(None, view)) as server:
                        floor_rows = measure_server(browser, server.url, [""], runs, state, timeout, warm)
                        per_view[view] += [{**row, "page": name} for row in floor_rows]
            results["scales"][str(scale)] = per_view
        browser.close()
    return results


def errors_in(results: dict) -> list[str]:
    return [
        f"scale {scale}, {view}, /{row['page']} {row['kind']} run {row['run']}: {error}"
        for scale, per_view in results["scales"].items()
        for view, rows in per_view.items()
        for row in rows
        for error in row["errors"]
    ]


# --- the table ---------------------------------------------------------------------------------------------------


def _cell(rows: list[dict], kind: str) -> tuple[str, str]:
    chosen = [r for r in rows if r["kind"] == kind]
    if not chosen:
        return "-", "-"
    seconds = [r["seconds"] for r in chosen if r["seconds"] is not None]
    sent = [r["ws_bytes"] + r["media_bytes"] for r in chosen]
    failed = len(chosen) - len(seconds)
    time_cell = (
        f"{servers.percentile(seconds, 0.5):.2f} / {servers.percentile(seconds, 0.95):.2f} s" if seconds else "failed"
    )
    if failed and seconds:
        time_cell += f" ({failed} failed)"
    return time_cell, _megabytes(servers.percentile(sent, 0.5))


def _megabytes(value: float) -> str:
    return f"{value / 1e6:.2f} MB" if value >= 1e4 else f"{value / 1e3:.1f} kB"


def table(results: dict) -> str:
    scales = list(results["scales"])
    views = list(next(iter(results["scales"].values())))
    lines = []
    for view in views:
        header = "| page | " + " | ".join(
            f"scale {int(s):,}: cold | filter change | sent: cold / filter" for s in scales
        )
        lines += [f"**{view} view** (p50 / p95 seconds; bytes per run, median)", "", header + " |"]
        lines.append("| --- |" + " ---: | ---: | ---: |" * len(scales))
        pages = [servers.page_name(p) for p in servers.page_paths(view)] + list(FLOORS)
        for page in pages:
            cells = []
            for scale in scales:
                rows = [
                    r
                    for r in results["scales"][scale][view]
                    if (r["page"] if r["page"] in FLOORS else servers.page_name(r["page"])) == page
                ]
                cold, cold_sent = _cell(rows, "cold")
                change, change_sent = _cell(rows, "filter")
                change = change if change != "-" else "n/a (no States filter)"
                cells += [cold, change, f"{cold_sent} / {change_sent}"]
            lines.append(f"| {page} | " + " | ".join(cells) + " |")
        lines.append("")
    errors = errors_in(results)
    warmed = " after one unmeasured visit" if results.get("warm", True) else ""
    loads = [r["load_average"] for per_view in results["scales"].values() for rows in per_view.values() for r in rows]
    lines.append(
        f"Measured by `make bench` ({results['browser']}, headless) on {results['machine']}, {results['date']}, "
        f"commit {results['commit']}: {results['runs']} runs per page{warmed}; filter change = "
        f"choosing {results['state']} in the sidebar's States filter; bytes = websocket payload plus /media files "
        f"fetched (the page's code, fetched once per visitor, not counted). Machine load average during the runs: "
        f"median {servers.percentile(loads, 0.5):.1f}, max {max(loads, default=0):.1f} (2 cores). "
        f"Errors: {len(errors)}."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,1000", help="comma-separated scales (1 = the shipped data)")
    parser.add_argument("--views", default="public,internal")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per page (p50 and p95 over them)")
    parser.add_argument("--state", default=servers.DEFAULT_STATE, help="the State chosen in a filter change")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run counts as never finished")
    parser.add_argument("--quick", action="store_true", help="CI: one run, scale 1, public view; fail on errors only")
    parser.add_argument("--write", action="store_true", help="put the table into BENCHMARKS.md")
    parser.add_argument("--floors-only", action="store_true", help="only the two floors (a quick check of the machine)")
    args = parser.parse_args(argv)
    if args.quick:
        args.scales, args.views, args.runs, args.timeout = "1", "public", 1, 60.0
    scales = [int(s) for s in args.scales.split(",")]
    results = bench(
        scales,
        args.views.split(","),
        args.runs,
        args.state,
        args.timeout,
        warm=not args.quick,
        floors_only=args.floors_only,
    )
    servers.OUT.mkdir(exist_ok=True)
    name = "browser-bench-quick.json" if args.quick else "browser-bench.json"
    (servers.OUT / name).write_text(json.dumps(results, indent=1), encoding="utf-8")
    markdown = table(results)
    print(markdown)
    if args.write and not args.quick:
        servers.write_section(START, END, markdown, "Pages in a real browser")
    errors = errors_in(results)
    for error in errors:
        print(f"ERROR {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What both speed harnesses serve: real `streamlit run` servers on loopback, the warehouses they read, the floor app.

A harness never imports the dashboard's pages: it reads the page list from dashboard/navigation.py and the States
filter's label from the message catalogue, and drives everything else by URL and by that filter.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "bench-out"
APP = ROOT / "app.py"
VIEWS = ("public", "internal")
DEFAULT_STATE = "Kazakhstan"  # the State chosen in a filter change: the first of the five the filter lists
_ENV_OWN = ("DASHBOARD_WAREHOUSE", "DASHBOARD_PUBLIC_WAREHOUSE", "DASHBOARD_LOCAL_INTERNAL")
_LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class Server:
    url: str
    pid: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(warehouse: Path | None, view: str) -> dict[str, str]:
    """The environment for a server of this view: only what the harness sets decides the view and the files."""
    env = {k: v for k, v in os.environ.items() if k not in _ENV_OWN}
    if warehouse is not None:
        env["DASHBOARD_WAREHOUSE"] = str(warehouse)
    if view == "internal":
        env["DASHBOARD_LOCAL_INTERNAL"] = "1"
    return env


@contextmanager
def serve(app: Path, env: dict[str, str], start_timeout: float = 90.0) -> Iterator[Server]:
    """`streamlit run app` as the browser tests start it, from the repository root (its .streamlit/config.toml)."""
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - a file, not a pipe nobody reads (a full pipe stalls the server)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(app),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, start_timeout, log)
        yield Server(url, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float, log) -> None:  # noqa: ANN001 - a file
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with _LOOPBACK.open(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    log.seek(0)
    raise RuntimeError(f"streamlit did not start at {url}:\n{log.read().decode(errors='replace')[-3000:]}")


def rss_mb(pid: int) -> float:
    """Resident memory of a process (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- what is served ----------------------------------------------------------------------------------------------


def page_paths(view: str) -> list[str]:
    """URL paths of the view's pages, in navigation order: the default page is "" (served at /)."""
    from dashboard.navigation import pages_for

    return ["" if spec.default else spec.stem for spec in pages_for(view)]


def page_name(path: str) -> str:
    """The page's stem for tables and JSON ("" is the default page)."""
    if path:
        return path
    from dashboard.navigation import PAGES

    return next(spec.stem for spec in PAGES if spec.default)


def states_label() -> str:
    """The label a person reads on the sidebar's States filter (the message catalogue's, so a rename follows)."""
    from dashboard.i18n import t

    return t("filters.states")


def floor_app(folder: Path, state: str) -> Path:
    """The floor: a one-line Streamlit app with the same States filter, so cold load and filter change both have
    the least the same server and browser can do."""
    app = folder / "floor.py"
    app.write_text(
        f"import streamlit as st; st.write(' '.join(st.sidebar.multiselect({states_label()!r}, [{state!r}])) or '-')\n",
        encoding="utf-8",
    )
    return app


def chart_floor_app(folder: Path, state: str) -> Path:
    """The floor of a chart page: the same States filter, one small Plotly bar chart and one small table. What
    Streamlit's frontend costs for any page that draws a chart (its Plotly code parsed and run, a table's grid),
    whatever the page computes."""
    app = folder / "chart_floor.py"
    app.write_text(
        "import plotly.graph_objects as go\nimport streamlit as st\n"
        f"chosen = st.sidebar.multiselect({states_label()!r}, [{state!r}])\n"
        "names = chosen or ['-']\n"
        "st.plotly_chart(go.Figure(go.Bar(x=names, y=list(range(1, len(names) + 1)))))\n"
        "st.dataframe({'State': names, 'n': list(range(len(names)))})\n",
        encoding="utf-8",
    )
    return app


def build_warehouse(scale: int, path: Path) -> list[str]:
    """Build a warehouse at this scale (1: the shipped reference and demo data) and return the ETL command used,
    which the load harness also runs to republish."""
    command = [sys.executable, "-m", "etl", "--quiet", "--warehouse", str(path)]
    if scale != 1:
        source = synth_folder(scale)
        command += ["--no-demo", "--source", str(source)]
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return command


def synth_folder(scale: int) -> Path:
    """The demo generator's files at this scale, made once (shared with the ETL benchmark)."""
    folder = OUT / f"scale-{scale}"
    if not (folder / "requests.csv").exists():
        subprocess.run(
            [sys.executable, "-m", "etl.synth", "--scale", str(scale), "--out", str(folder)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
    return folder


def warehouse(scale: int) -> Path:
    """A warehouse to serve at this scale, built once into bench-out/ (with its public file beside it)."""
    path = OUT / f"serve-scale-{scale}.duckdb"
    public = path.with_name(f"{path.stem}.public{path.suffix}")
    if not (path.exists() and public.exists()):
        build_warehouse(scale, path)
    return path


# --- reporting ---------------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default): p95 of 5 runs lies between the 4th and 5th."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def machine() -> str:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((ln.split(":", 1)[1].strip() for ln in cpuinfo.read_text().splitlines() if "model name" in ln), "")
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cores = f"{os.cpu_count()} cores ({cpu or 'unknown CPU'})"
    return f"{platform.machine()}, {cores}, {memory:.0f} GB, Python {platform.python_version()}"


def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return "unknown"
    return head.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def today() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def provenance() -> dict[str, str]:
    """Where and when a benchmark ran, taken when it starts."""
    return {"machine": machine(), "date": today(), "commit": commit()}


def write_section(start: str, end: str, markdown: str, heading: str) -> None:
    """Put markdown between the markers in BENCHMARKS.md (adding a section with them at the end if missing)."""
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    if start not in text:
        text = text.rstrip("\n") + f"\n\n## {heading}\n\n{start}\n{end}\n"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{start}\n{markdown}\n{end}{tail}", encoding="utf-8")

"""Real-browser fixtures: a Streamlit server on loopback and Debian's headless Chromium driven by Playwright.

Where no Chromium is installed the browser tests skip with the reason; under CI (CI=true, where .ci/run
installs Chromium) a missing browser is a failure, never a silent skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
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


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        reason = "no Chromium installed (apt-get install chromium); the real-browser tests need it"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    return path


def start_server(
    warehouse: Path, extra_env: dict[str, str] | None = None, cwd: Path | None = None, port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """Streamlit on a loopback port (free_port() unless given: sign-in needs it in secrets.toml before the start).
    cwd: the folder it starts from, whose .streamlit/ holds config and secrets (default the repository root);
    app.py is always this repository's."""
    port = port or free_port()
    env = dict(os.environ, DASHBOARD_WAREHOUSE=str(warehouse), **(extra_env or {}))
    log = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server; the OS removes it
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=cwd or ROOT,
        env=env,
        # A file, not a pipe: nobody reads a pipe while tests run, and a full pipe would stall the server.
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.3)
        if process.poll() is not None:
            break
    process.kill()
    log.seek(0)
    output = log.read().decode(errors="replace")
    raise RuntimeError(f"streamlit did not start:\n{output[-3000:]}")


@pytest.fixture(scope="session")
def server(shipped_warehouse: Path, chromium: str) -> Iterator[str]:
    process, url = start_server(shipped_warehouse)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def browser(chromium: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()

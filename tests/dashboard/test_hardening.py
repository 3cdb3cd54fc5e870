"""Deployment hardening that a config edit or a dependency downgrade could silently undo."""

from __future__ import annotations

import tomllib
from pathlib import Path

import streamlit

ROOT = Path(__file__).resolve().parents[2]


def test_streamlit_is_new_enough() -> None:
    """Before 1.60, pydeck tooltips put data unescaped into innerHTML (an onerror payload fired)."""
    major, minor = (int(part) for part in streamlit.__version__.split(".")[:2])
    assert (major, minor) >= (1, 60), streamlit.__version__


def test_server_config_is_safe_by_default() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["disableDataExport"] is True
    assert config["server"]["fileWatcherType"] == "none"


def test_secrets_are_never_committed() -> None:
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_no_data_reaches_raw_html() -> None:
    """No page or dashboard module may use the escape hatches that render HTML."""
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "dashboard").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        for hatch in ("unsafe_allow_html=True", "st.html(", "components.html(", '"html":'):
            assert hatch not in text, f"{path.relative_to(ROOT)} uses {hatch}"

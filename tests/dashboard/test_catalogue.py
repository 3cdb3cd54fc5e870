"""The message catalogue: every key the code uses exists, and placeholders are filled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.i18n import catalogue, t

ROOT = Path(__file__).resolve().parents[2]
LITERAL_KEY = re.compile(r"""\bt\(\s*f?["']([a-z_]+\.[a-z0-9_{}.]+)["']""")


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "dashboard").rglob("*.py")]:
        keys |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_literal_key_exists() -> None:
    messages = catalogue()
    missing = sorted(k for k in used_keys() if "{" not in k and k not in messages)
    assert not missing, f"keys used in code but missing from dashboard/messages/en: {missing}"


def test_unknown_key_raises() -> None:
    with pytest.raises(KeyError):
        t("overview.no_such_key")


def test_placeholders_are_filled() -> None:
    assert t("common.withheld_public", n=1234, of_which="").startswith(
        "1,234 requests are not published at the request of the States concerned: an all-time total for the whole "
        "region, which the filters do not change"
    )

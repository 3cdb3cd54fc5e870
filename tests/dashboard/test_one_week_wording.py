"""The one-week distribution is the Committee's own service target (issue 10, item 4): no page, message, query, chart
module or download file name speaks of "breach" or "compliance" for it, and where the rule is explained the page says
what the procedures say (circulated unless the requesting State objects within five working days) and that seven
calendar days is the dashboard's reading."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.figures import FIGURES
from dashboard.i18n import t

ROOT = Path(__file__).resolve().parents[2]
SCANNED = (
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "dashboard" / "messages" / "en").glob("*.toml")),
    *sorted((ROOT / "dashboard" / "queries").glob("*.sql")),
    *sorted((ROOT / "dashboard" / "charts").glob("*.py")),
    *sorted((ROOT / "dashboard" / "measures").glob("*.sql")),
    ROOT / "dashboard" / "figures.py",
    ROOT / "dashboard" / "export.py",
    ROOT / "dashboard" / "ui" / "downloads.py",
    ROOT / "dashboard" / "ui" / "blocks.py",
)
BREACH = re.compile(r"breach", re.IGNORECASE)
COMPLIANCE = re.compile(r"complian", re.IGNORECASE)
ONE_WEEK = re.compile(r"week|distribut|one_week|within_rule|\brule\b|late\b|\bdays?\b", re.IGNORECASE)


def offending_lines() -> list[str]:
    found = []
    for path in SCANNED:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            # "breach" has no place anywhere; "compliance" only where it is said not to be one (the Joint Plan's
            # progress "is not a compliance score"), never beside the one-week rule.
            if BREACH.search(line) or (COMPLIANCE.search(line) and ONE_WEEK.search(line)):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_no_page_message_query_or_chart_speaks_of_breach_or_compliance_for_the_one_week_rule() -> None:
    assert offending_lines() == []


def test_the_scan_finds_such_wording(tmp_path: Path, monkeypatch) -> None:
    """The scan can fail: a message calling a late request a breach of the rule is found."""
    bad = tmp_path / "bad.toml"
    bad.write_text('late = "Distribution breached the one-week rule"\nok = "not a compliance score"\n')
    monkeypatch.setattr(f"{__name__}.SCANNED", (bad,))
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert offending_lines() == ['bad.toml:1: late = "Distribution breached the one-week rule"']


def test_no_download_file_name_speaks_of_breach_or_compliance() -> None:
    names = [figure.name for page in FIGURES.values() for figure in page.values()]
    assert names and not [name for name in names if BREACH.search(name) or COMPLIANCE.search(name)]


def test_the_rule_is_explained_as_the_committees_service_target() -> None:
    text = t("assistance_pipeline.rule_intro", days=7)
    assert "service target" in text and "not an obligation" in text
    assert "unless the requesting State objects within five working days" in text
    assert "7 calendar days" in text and "dashboard reads" in text
    assert "not distributed within one week" in text and "late" in text

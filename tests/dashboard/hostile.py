"""A hostile copy of tests/fixtures/good: markdown, HTML and image payloads in every free-text column.

Free text is every text column of the contract (etl/contract.py) that is neither an identifier (pattern), a code
(vocabulary), a reference nor the source URL: names, titles, cities, summaries, descriptions, notes, feedback. Each
cell becomes `<a href=...>A</a> <original> <the other payloads>`: the link first, so it survives where a long label
is cut short (the match-rate chart cuts at 42 characters), the original next, so names stay distinct. The set goes
through the real ETL; a reject would mean a payload was not loaded, so none is allowed.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import FIXED_TODAY, FIXTURES

LINK = '<a href="https://evil.example">A</a>'
PAYLOADS = (
    LINK,
    "<b>B</b>",
    "**BOLD**",
    "[x](https://evil.example/a)",
    "![i](https://evil.example/i.png)",
    "<img src=x onerror=alert(1)>",
    "https://evil.example/bare",
    "www.evil.example",
)
EVIL_HOST = "evil.example"


def hostile(original: str) -> str:
    return " ".join([LINK, original, *PAYLOADS[1:]]) if original else " ".join(PAYLOADS)


def free_text_columns() -> dict[str, tuple[str, ...]]:
    """Per table, the free-text columns of the contract."""
    from etl.contract import TABLES

    columns = {
        table.name: tuple(
            c.name
            for c in table.columns
            if c.type == "text" and not (c.allowed or c.pattern or c.references) and c.name != "source_url"
        )
        for table in TABLES
    }
    return {table: names for table, names in columns.items() if names}


def write_hostile_source(folder: Path) -> dict[str, tuple[str, ...]]:
    """tests/fixtures/good with every free-text cell made hostile; returns the columns changed per table."""
    changed = free_text_columns()
    for file in sorted(FIXTURES.glob("*.csv")):
        with file.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        fields = list(rows[0]) if rows else []
        for row in rows:
            for column in changed.get(file.stem, ()):
                row[column] = hostile(row.get(column) or "")
        with (folder / file.name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    return changed


def build_hostile_warehouse(source: Path, warehouse: Path) -> Path:
    """The hostile set through the real ETL (internal file; the public one is written beside it)."""
    from etl.load import run

    changed = write_hostile_source(source)
    assert {"actors", "events", "requests", "request_items", "offers", "matches"} <= set(changed)
    assert "name_en" in changed["actors"] and "seat_city" in changed["actors"]
    result = run([source], warehouse, today=FIXED_TODAY)
    rejected = {file.table: counts.rows_rejected for file, counts in result.files if counts.rows_rejected}
    assert not rejected, f"the ETL rejected hostile rows, so they would not be tested: {rejected}"
    assert result.published
    return warehouse

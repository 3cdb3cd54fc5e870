"""The measure layer: every number the dashboard shows is defined once, here, in SQL (docs/MEASURES.md).

One file per population (requests, request items, offers, matches, meetings, attendance, Joint Plan items; plus the
dated changes and the withheld total): each defines DuckDB table macros that take the period, the judging date(s)
and the shared filters, `<population>_rows(...)` with one row per counted thing and every judged column, and
`<population>_figures(..., p_group)` with the counts and shares, grouped as asked. Page queries read measured numbers
only through these macros.

They are registered on each read-only connection when dashboard/warehouse.py opens it, as macros of its in-memory
database (`memory.main`), never written to the warehouse. Macros are bound where they are called: a query finds them
and the warehouse's tables through the search path `wh.main,memory.main` (see warehouse.SEARCH_PATH).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

MEASURES_DIR = Path(__file__).parent
_DEFINES = re.compile(r"create or replace macro (\w+)\(", re.IGNORECASE)


@cache
def definitions() -> dict[str, str]:
    """macro name -> the SQL file (stem) that defines it."""
    found: dict[str, str] = {}
    for path in sorted(MEASURES_DIR.glob("*.sql")):
        for name in _DEFINES.findall(path.read_text(encoding="utf-8")):
            if name in found:
                raise ValueError(f"macro {name} is defined twice ({found[name]}.sql and {path.stem}.sql)")
            found[name] = path.stem
    return found


def macros_called(sql: str) -> set[str]:
    """The measure macros a SQL text calls."""
    return {name for name in re.findall(r"\b(\w+)\s*\(", sql) if name in definitions()}


@cache
def files_in_order() -> tuple[tuple[str, str], ...]:
    """(stem, sql) of every measure file, each after the files whose macros it calls (DuckDB binds a macro's body
    when it is created, so what it calls must exist by then)."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(MEASURES_DIR.glob("*.sql"))}
    ordered: list[str] = []

    def visit(stem: str, path: tuple[str, ...] = ()) -> None:
        if stem in ordered:
            return
        if stem in path:
            raise ValueError(f"cycle in dashboard/measures: {' -> '.join(path + (stem,))}")
        for called in sorted(macros_called(texts[stem])):
            if definitions()[called] != stem:
                visit(definitions()[called], path + (stem,))
        ordered.append(stem)

    for stem in texts:
        visit(stem)
    return tuple((stem, texts[stem]) for stem in ordered)

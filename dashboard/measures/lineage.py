"""Where every number comes from, read from the code itself: which measure macros and tables a page query reads,
which tables a macro reads, which core tables a mart is built from, and which source files feed those. Nothing here
is declared by hand except the measures' source columns (catalogue.toml); a test checks those against this scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dashboard.measures import MEASURES_DIR, definitions

ROOT = Path(__file__).resolve().parents[2]
QUERY_DIR = ROOT / "dashboard" / "queries"
MARTS_DIR = ROOT / "etl" / "sql" / "marts"
_COMMENT = re.compile(r"--[^\n]*")
_TABLE = re.compile(r"\b(?:wh\.)?(core|mart|meta)\.(\w+)\b")
_CALL = re.compile(r"\b(\w+)\s*\(")
_MACRO = re.compile(r"create or replace macro (\w+)\(", re.IGNORECASE)
#: Core tables the ETL derives from others rather than loads from a file (etl/public.py): what they rest on.
DERIVED = {"core.withheld": frozenset({"core.requests"})}


def _code(sql: str) -> str:
    """SQL without its comments (a comment may name a table or a macro it does not read)."""
    return _COMMENT.sub("", sql)


@dataclass(frozen=True)
class Reads:
    macros: frozenset[str]  # measure macros called
    tables: frozenset[str]  # schema.table read directly


def _reads(sql: str) -> Reads:
    code = _code(sql)
    return Reads(
        frozenset(name for name in _CALL.findall(code) if name in definitions()),
        frozenset(f"{schema}.{table}" for schema, table in _TABLE.findall(code)),
    )


@cache
def macro_bodies() -> dict[str, str]:
    """macro name -> its SQL (from its `create or replace macro` to the next one)."""
    bodies: dict[str, str] = {}
    for path in sorted(MEASURES_DIR.glob("*.sql")):
        text = _code(path.read_text(encoding="utf-8"))
        starts = [(m.start(), m.group(1)) for m in _MACRO.finditer(text)]
        for (start, name), (end, _next) in zip(starts, [*starts[1:], (len(text), "")], strict=True):
            bodies[name] = text[start:end]
    return bodies


def macro_reads(name: str) -> Reads:
    """What a macro reads directly (its own body, without the macro it defines)."""
    body = _MACRO.sub("", macro_bodies()[name], count=1)
    return _reads(body)


@cache
def query_reads(name: str) -> Reads:
    """What a page query (dashboard/queries/<name>.sql) reads directly."""
    return _reads((QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8"))


@cache
def mart_reads(name: str) -> frozenset[str]:
    """The tables a mart (etl/sql/marts/<name>.sql) is built from."""
    return _reads((MARTS_DIR / f"{name}.sql").read_text(encoding="utf-8")).tables


def macros_behind(reads: Reads) -> frozenset[str]:
    """Every measure macro reached, directly or through other macros."""
    seen: set[str] = set()
    todo = list(reads.macros)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += macro_reads(name).macros
    return frozenset(seen)


def tables_behind(reads: Reads) -> frozenset[str]:
    """Every table reached: read directly, by the macros reached, and by the marts those are built from."""
    tables = set(reads.tables)
    for macro in macros_behind(reads):
        tables |= macro_reads(macro).tables
    for derived, sources in DERIVED.items():
        if derived in tables:
            tables |= sources
    todo = [t for t in tables if t.startswith("mart.")]
    while todo:
        mart = todo.pop().split(".", 1)[1]
        for table in mart_reads(mart):
            if table not in tables:
                tables.add(table)
                if table.startswith("mart."):
                    todo.append(table)
    for derived, sources in DERIVED.items():
        if derived in tables:
            tables |= sources
    return frozenset(tables)


def core_tables(tables: frozenset[str]) -> list[str]:
    """The contract tables (source files) among them: core.requests -> requests (requests.csv)."""
    from etl.contract import TABLES_BY_NAME

    return sorted(t.split(".", 1)[1] for t in tables if t.startswith("core.") and t.split(".", 1)[1] in TABLES_BY_NAME)


def macro_tables(name: str) -> frozenset[str]:
    """Every table a measure macro reads, through the macros and marts behind it."""
    return tables_behind(Reads(frozenset([name]), frozenset()))


def query_tables(name: str) -> frozenset[str]:
    return tables_behind(query_reads(name))

"""The wipe-out guard: tables that a new load would empty, or shrink to a small part of the previous published load.

Pure functions, so that a caller about to publish (the CLI, an import page asking for confirmation) can compare
the counts it is about to load with those of the warehouse that is being served.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import settings
from etl.contract import load_order
from etl.validate import ident


@dataclass(frozen=True)
class WipeOut:
    table: str
    rows_before: int
    rows_after: int

    @property
    def message(self) -> str:
        if self.rows_after == 0:
            change = f"would be emptied: {self.rows_before:,} row(s) in the published warehouse, none now"
        else:
            change = f"would shrink from {self.rows_before:,} to {self.rows_after:,} row(s)"
        return (
            f"wipe-out: table {self.table} {change}. Check that its source file is the full export, not a "
            "header-only or partial one (--strict refuses to publish such a load)."
        )


def wipe_outs(
    previous: Mapping[str, int], new: Mapping[str, int], keeps_at_most: float = settings.WIPE_OUT_KEEPS_AT_MOST
) -> list[WipeOut]:
    """Tables (in load order) whose new row count is zero or at most `keeps_at_most` of a non-empty previous one."""
    found = []
    for table in load_order():
        before, after = previous.get(table, 0), new.get(table, 0)
        if before > 0 and (after == 0 or after <= before * keeps_at_most):
            found.append(WipeOut(table, before, after))
    return found


def published_counts(warehouse: Path) -> dict[str, int]:
    """Rows per core table of the published warehouse; {} when there is none or it cannot be read."""
    if not warehouse.exists():
        return {}
    con = duckdb.connect()
    alias = None
    try:
        try:
            con.execute(f"attach {_literal(warehouse)} as prev (read_only)")
        except duckdb.Error:
            # A stale WAL of another file beside it makes DuckDB refuse the file: read it under a second name.
            alias = warehouse.with_name(f".{warehouse.name}.{os.getpid()}.guard-{secrets.token_hex(3)}.tmp")
            os.link(warehouse, alias)
            con.execute(f"attach {_literal(alias)} as prev (read_only)")
        present = {
            name
            for (name,) in con.execute(
                "select table_name from duckdb_tables() where database_name = 'prev' and schema_name = 'core'"
            ).fetchall()
        }
        return {
            name: con.execute(f"select count(*) from prev.core.{ident(name)}").fetchone()[0]  # noqa: S608 contract names
            for name in load_order()
            if name in present
        }
    except (OSError, duckdb.Error):
        return {}  # an unreadable warehouse is about to be replaced: there is nothing to compare with
    finally:
        con.close()
        if alias is not None:
            alias.unlink(missing_ok=True)


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"

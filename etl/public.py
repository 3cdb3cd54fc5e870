"""The public warehouse: what a public browser may ever receive, published beside the internal one.

The 1540 Committee posts a request's summary only with the requesting State's consent. So the public file holds
consented requests with their items and matches, offers except those matched only to unpublished requests, and
every other table whole; the withheld ones appear only as regional totals (core.withheld: one row, no State, area
or date), so no count reveals that a given State asked. The marts are rebuilt from these filtered core tables, so
nothing derived from a withheld row can reach them. Load details keep counts; reject details stay
internal (a rejected row may be an unpublished request).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.contract import TABLES_BY_NAME, load_order
from etl.validate import ident

# table -> condition on the internal core table (alias t) for rows the public may see
PUBLIC_ROWS = {
    "requests": "t.consent_to_publish",
    "request_items": "t.request_id in (select request_id from pub.core.requests)",
    "matches": "t.item_id in (select item_id from pub.core.request_items)",
    "offers": """t.offer_id in (select offer_id from pub.core.matches)
                 or t.offer_id not in (select offer_id from wh.core.matches)""",
    # A source's title can name what it backs ("Note verbale of the Permanent Mission of ..."): only the sources
    # that public rows cite.
    "sources": " or ".join(
        f"t.source_url in (select source_url from pub.core.{name})" for name in load_order() if name != "sources"
    ),
}


#: Tables whose rows may belong to a request the State did not consent to publish.
WITHHELD_TABLES = tuple(PUBLIC_ROWS)


def public_path(warehouse: Path) -> Path:
    """data/warehouse.duckdb -> data/warehouse.public.duckdb"""
    return warehouse.with_name(f"{warehouse.stem}.public{warehouse.suffix}")


def build_public(con: duckdb.DuckDBPyConnection, run_marts) -> None:  # noqa: ANN001 - callback from etl.load
    """Fill the attached `pub` database from the attached internal `wh` one."""
    for schema in ("core", "mart", "meta"):
        con.execute(f"create schema pub.{schema}")
    # offers depend on matches, which load after them, and sources on every other table: build them last
    order = [t for t in load_order() if t not in ("offers", "sources")] + ["offers", "sources"]
    for name in order:
        condition = PUBLIC_ROWS.get(name, "true")
        # The contract's columns only: the internal loaded_from / loaded_row name the source folder and, through
        # the gaps in the row numbers, where the withheld rows sat.
        columns = ", ".join(f"t.{ident(c.name)}" for c in TABLES_BY_NAME[name].columns)
        con.execute(f"create table pub.core.{name} as select {columns} from wh.core.{name} t where {condition}")
    con.execute("create table pub.core.vocab as select * from wh.core.vocab")
    con.execute("""create table pub.core.withheld as select
        (select count(*) from wh.core.requests) - (select count(*) from pub.core.requests) as requests,
        (select count(*) from wh.core.requests where is_synthetic)
          - (select count(*) from pub.core.requests where is_synthetic) as synthetic_requests,
        (select count(*) from wh.core.request_items) - (select count(*) from pub.core.request_items) as request_items,
        (select count(*) from wh.core.matches) - (select count(*) from pub.core.matches) as matches,
        (select count(*) from wh.core.offers) - (select count(*) from pub.core.offers) as offers""")
    # The internal file carries the same totals, so one query serves both views' notes.
    con.execute("create table wh.core.withheld as select * from pub.core.withheld")
    run_marts("pub")
    # Folder and file names are chosen by whoever collects the data (a folder per State would be natural), and a
    # per-file row count next to them would say which State sent how many requests: the public file keeps, for the
    # tables with withheld rows, one row per table with regional totals; the other tables keep each file's base
    # name (a folder may be named after a person, a State or the server's layout).
    con.execute(
        # Who published and where the uploads are kept are for the internal view only.
        "create table pub.meta.load_runs as select * exclude (published_by, uploads) "
        "replace ('(listed in the internal view)' as sources) from wh.meta.load_runs"
    )
    withheld_tables = ", ".join(f"'{name}'" for name in WITHHELD_TABLES)
    con.execute(f"""create table pub.meta.load_files as
        select * replace (regexp_replace(path, '^.*[/\\\\]', '') as path)
        from wh.meta.load_files where table_name not in ({withheld_tables})
        union all by name
        select run_id, table_name, count(*) || ' file(s): paths and per-file counts in the internal view' as path,
               null as sha256, string_agg(distinct encoding, ', ') as encoding,
               string_agg(distinct delimiter, ' ') as delimiter,
               sum(rows_read) as rows_read, sum(rows_loaded) as rows_loaded, sum(rows_rejected) as rows_rejected
        from wh.meta.load_files where table_name in ({withheld_tables})
        group by run_id, table_name""")
    con.execute("create table pub.meta.rejects as select * from wh.meta.rejects limit 0")

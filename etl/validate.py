"""Contract-driven validation inside DuckDB: raw strings in, typed valid rows and rejects out.

For each table, in load order (parents before children):
  raw_<t>  all text, with _file and _row        (from the reader)
  cell checks: required, type, allowed values, pattern, range, no future dates
  stg_<t>  typed rows that passed the cell checks
  row checks: row rules and date order, then unique key, then foreign keys
  agreement: rows naming one key must agree on a unanimous column (consent), else it loads as false
Each failed check writes one row to `rejects` (file, row, column, value, rule, reason); a row
with any reject is left out of stg_<t>, except for `agreement`, which flags the disagreeing rows
and changes the loaded row's value to false. Nothing is dropped or changed without a reason.

Identifiers and vocabularies in the generated SQL come from the contract (code, not data);
every data value stays in the tables and the only parameter, today's date, is bound.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from etl.contract import FALSE_VALUES, MULTI_SEPARATOR, TABLES_BY_NAME, TRUE_VALUES, VOCABULARIES, Column, Table
from etl.read import FILE_COLUMN, ROW_COLUMN, SourceFile

REJECT_COLUMNS = "table_name, source_file, source_row, column_name, value, rule, reason"


def q(text: str) -> str:
    """A SQL string literal for text that comes from the contract, never from data."""
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    assert name.replace("_", "").isalnum(), name  # contract names only
    return '"' + name + '"'


def typed(column: Column, source: str | None = None) -> str:
    """SQL that turns the raw text of a column into its contract type (NULL when blank or invalid)."""
    blank = f"nullif(trim({source or ident(column.name)}), '')"
    match column.type:
        case "text":
            return blank if column.default is None else f"coalesce({blank}, {q(column.default)})"
        case "int":
            return f"try_cast({blank} as bigint)"
        case "float":
            return f"try_cast(replace({blank}, ',', '.') as double)"  # decimal comma, as Russian Excel writes
        case "date":
            return f"coalesce(try_strptime({blank}, '%Y-%m-%d'), try_strptime({blank}, '%d.%m.%Y'))::date"
        case "bool":
            return (
                f"case when lower({blank}) in ({', '.join(map(q, TRUE_VALUES))}) then true "
                f"when lower({blank}) in ({', '.join(map(q, FALSE_VALUES))}) then false end"
            )
        case "list":
            return (
                f"case when {blank} is not null then list_filter(list_transform(string_split({blank}, "
                f"{q(MULTI_SEPARATOR)}), lambda x: trim(x)), lambda x: x <> '') end"
            )
    raise ValueError(column.type)


TYPE_REASONS = {
    "int": "is not a whole number",
    "float": "is not a number",
    "date": "is not a date (write YYYY-MM-DD, or DD.MM.YYYY)",
    "bool": f"is not true/false (write one of: {', '.join(TRUE_VALUES + FALSE_VALUES)})",
}


@dataclass
class FileCounts:
    rows_read: int
    rows_loaded: int
    rows_rejected: int


def _reject_select(
    table: Table, column: str, value_sql: str, rule: str, reason_sql: str, where: str, relation: str
) -> str:
    return (
        f"select {q(table.name)}, {FILE_COLUMN}, {ROW_COLUMN}, {q(column)}, ({value_sql})::varchar, {q(rule)}, "
        f"{reason_sql} from {relation} where {where}"
    )


def cell_checks(table: Table) -> list[str]:
    """One SELECT per rule and column over raw_<t>, each yielding reject rows."""
    raw = f"raw_{table.name}"
    checks: list[str] = []
    for col in table.columns:
        name = ident(col.name)
        value = f"trim({name})"
        cast = typed(col)
        present = f"trim({name}) <> ''"
        if col.required:
            checks.append(
                _reject_select(
                    table,
                    col.name,
                    value,
                    "required",
                    q(f"{col.name} is required but empty"),
                    f"trim({name}) = ''",
                    raw,
                )
            )
        if col.type in TYPE_REASONS:
            checks.append(
                _reject_select(
                    table,
                    col.name,
                    value,
                    "type",
                    f"format('{{}} ''{{}}'' {TYPE_REASONS[col.type]}', {q(col.name)}, {value})",
                    f"{present} and ({cast}) is null",
                    raw,
                )
            )
        if col.allowed:
            codes = list(VOCABULARIES[col.allowed])
            allowed_sql = ", ".join(map(q, codes))
            hint = q(f" is not an allowed value of {col.name} (allowed: {', '.join(codes)})")
            if col.type == "list":
                bad = f"list_filter({cast}, lambda x: x not in ({allowed_sql}))"
                checks.append(
                    _reject_select(
                        table,
                        col.name,
                        value,
                        "allowed",
                        f"'''' || array_to_string({bad}, '|') || '''' || {hint}",
                        f"{present} and len({bad}) > 0",
                        raw,
                    )
                )
            else:
                checks.append(
                    _reject_select(
                        table,
                        col.name,
                        value,
                        "allowed",
                        f"'''' || {value} || '''' || {hint}",
                        f"{present} and {cast} not in ({allowed_sql})",
                        raw,
                    )
                )
        if col.pattern:
            checks.append(
                _reject_select(
                    table,
                    col.name,
                    value,
                    "pattern",
                    f"'''' || {value} || '''' || {q(f' is not a valid {col.name} (letters, digits, - and _ only)')}",
                    f"{present} and not regexp_full_match({value}, {q(col.pattern)})",
                    raw,
                )
            )
        if col.min is not None or col.max is not None:
            bounds = f"{col.min:g} to {col.max:g}" if col.min is not None and col.max is not None else ""
            low = f"{cast} < {col.min}" if col.min is not None else "false"
            high = f"{cast} > {col.max}" if col.max is not None else "false"
            checks.append(
                _reject_select(
                    table,
                    col.name,
                    value,
                    "range",
                    f"format('{{}} {{}} is outside the allowed range {bounds}', {q(col.name)}, {value})",
                    f"({cast}) is not null and ({low} or {high})",
                    raw,
                )
            )
        if col.not_future:
            checks.append(
                _reject_select(
                    table,
                    col.name,
                    value,
                    "future",
                    f"format('{{}} {{}} is in the future (today is {{}})', {q(col.name)}, {cast}, $today)",
                    f"({cast}) > $today",
                    raw,
                )
            )
    return checks


def row_checks(table: Table) -> list[str]:
    stg = f"stg_{table.name}"
    checks = []
    for column, condition, reason in table.row_rules:
        checks.append(
            _reject_select(table, column, ident(column), "rule", q(reason), f"({condition}) is not true", stg)
        )
    for order in table.date_orders:
        early, late = ident(order.earlier), ident(order.later)
        checks.append(
            _reject_select(
                table,
                order.later,
                late,
                "order",
                f"format('{{}} {{}} is before {{}} {{}}', {q(order.later)}, {late}, {q(order.earlier)}, {early})",
                f"{early} is not null and {late} is not null and {late} < {early}",
                stg,
            )
        )
    return checks


def key_check(table: Table) -> str:
    stg = f"stg_{table.name}"
    key_cols = ", ".join(ident(k) for k in table.key)
    key_value = " || ' / ' || ".join(f"coalesce({ident(k)}::varchar, '')" for k in table.key)
    return f"""
        with ranked as (
            select *, {key_value} as _key,
                   row_number() over (partition by {key_cols} order by {FILE_COLUMN}, {ROW_COLUMN}) as _n,
                   first_value({FILE_COLUMN}) over (partition by {key_cols} order by {FILE_COLUMN}, {
        ROW_COLUMN
    }) as _ff,
                   first_value({ROW_COLUMN}) over (partition by {key_cols} order by {FILE_COLUMN}, {ROW_COLUMN}) as _fr
            from {stg}
        )
        {
        _reject_select(
            table,
            ", ".join(table.key),
            "_key",
            "unique",
            f"format('duplicate key {{}} = ''{{}}'': first seen in {{}} row {{}}', {q(', '.join(table.key))}, "
            "_key, _ff, _fr)",
            "_n > 1",
            "ranked",
        )
    }
    """


def foreign_key_checks(table: Table) -> list[str]:
    checks = []
    for col in table.columns:
        if not col.references:
            continue
        parent_name, parent_col = col.references.split(".")
        parent = f"stg_{parent_name}"
        condition = f" where {col.reference_filter}" if col.reference_filter else ""
        # The reason sits inside format()'s pattern literal: keep the contract's quotes out of it.
        readable_filter = (col.reference_filter or "").replace("'", "")
        wanted = f"a {parent_name}.{parent_col}" + (f" with {readable_filter}" if readable_filter else "")
        checked = f" where not ({col.reference_unless})" if col.reference_unless else ""
        values = (
            f"(select {FILE_COLUMN}, {ROW_COLUMN}, unnest({ident(col.name)}) as v from stg_{table.name}{checked})"
            if col.type == "list"
            else f"(select {FILE_COLUMN}, {ROW_COLUMN}, {ident(col.name)} as v from stg_{table.name}{checked})"
        )
        relation = f"""(select s.* from {values} s
                        where s.v is not null
                          and s.v not in (select {ident(parent_col)} from {parent}{condition}))"""
        rejected_parent = (
            f"case when v in (select trim({ident(parent_col)}) from raw_{parent_name}) "
            f"and v not in (select {ident(parent_col)} from {parent}) "
            f"then ' (that {parent_name} row was rejected: see its reason)' else '' end"
        )
        if col.reference_reason:
            reason = f"format({q(col.reference_reason)}, v) || {rejected_parent}"
        else:
            reason = f"format('''{{}}'' is not {wanted} among the loaded rows{{}}', v, {rejected_parent})"
        checks.append(_reject_select(table, col.name, "v", "foreign_key", reason, "true", relation))
    return checks


#: Reported like a reject, but the row it names may still load (with the conservative value).
AGREEMENT_RULE = "agreement"


def _quoted_or_empty(text_sql: str) -> str:
    return f"case when {text_sql} = '' then 'empty' else '''' || {text_sql} || '''' end"


def settle_unanimous(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    """Rows naming one key that disagree on a unanimous column: the loaded row takes false, each dissenter a reject.

    Every raw row counts, the rejected ones too (a duplicate, a bad date): a row saying "no" is still the owner's
    word, and counting it can only withhold. The row that loaded is the anchor the others are compared with.
    """
    group = " || chr(31) || ".join(f"lower(trim(r.{ident(k)}))" for k in table.key)
    key_value = " || ' / ' || ".join(f"trim(r.{ident(k)})" for k in table.key)
    for col in (c for c in table.columns if c.unanimous):
        name = ident(col.name)
        con.execute(f"""create or replace temp table _votes as
            select r.{FILE_COLUMN}, r.{ROW_COLUMN}, {group} as _g, {key_value} as _key, trim(r.{name}) as _said,
                   coalesce({typed(col, f"r.{name}")}, false) as _yes, s.{ROW_COLUMN} is not null as _loaded
            from raw_{table.name} r
            left join stg_{table.name} s on s.{FILE_COLUMN} = r.{FILE_COLUMN} and s.{ROW_COLUMN} = r.{ROW_COLUMN}""")
        con.execute("""create or replace temp table _split as select _g from _votes group by _g
                       having bool_or(_loaded) and bool_or(_yes) and not bool_and(_yes)""")
        relation = f"""(select v.*,
                first_value({FILE_COLUMN}) over w as _af, first_value({ROW_COLUMN}) over w as _ar,
                first_value(_said) over w as _as, first_value(_yes) over w as _ay
            from _votes v where _g in (select _g from _split)
            window w as (partition by _g order by not _loaded, {FILE_COLUMN}, {ROW_COLUMN}))"""

        reason = (
            f"format('{{}} {{}} disagrees with {{}} row {{}} ({{}}) for {{}} ''{{}}'': {{}} until the rows agree "
            f"(every row naming it counts, even one rejected for another reason)', {q(col.name)}, "
            f"{_quoted_or_empty('_said')}, _af, _ar, {_quoted_or_empty('_as')}, {q(', '.join(table.key))}, _key, "
            f"{q(col.unanimous or '')})"
        )
        _insert_rejects(
            con, [_reject_select(table, col.name, "_said", AGREEMENT_RULE, reason, "_yes <> _ay", relation)], None
        )
        con.execute(f"""update stg_{table.name} s set {name} = false from _votes v
            where v.{FILE_COLUMN} = s.{FILE_COLUMN} and v.{ROW_COLUMN} = s.{ROW_COLUMN}
              and v._g in (select _g from _split)""")
        con.execute("drop table _votes; drop table _split")


def _insert_rejects(con: duckdb.DuckDBPyConnection, selects: list[str], today: dt.date | None) -> None:
    for select in selects:
        params = {"today": today} if "$today" in select else None
        con.execute(f"insert into rejects ({REJECT_COLUMNS}) {select}", params)


def _drop_rejected(con: duckdb.DuckDBPyConnection, table: Table) -> None:
    con.execute(f"""
        delete from stg_{table.name} s using rejects r
        where r.table_name = {q(table.name)} and r.source_file = s.{FILE_COLUMN} and r.source_row = s.{ROW_COLUMN}
    """)


def validate(
    con: duckdb.DuckDBPyConnection,
    files: list[SourceFile],
    order: list[str],
    today: dt.date,
    table_done: Callable[[int], None] = lambda done: None,
) -> None:
    """Create raw_<t>, stg_<t> (valid, typed) and `rejects` in the connection's default schema; `table_done` is told
    how many tables are done after each one."""
    con.execute("""create or replace table rejects (
        table_name varchar, source_file varchar, source_row bigint, column_name varchar,
        value varchar, rule varchar, reason varchar)""")
    for done, name in enumerate(order, 1):
        table = TABLES_BY_NAME[name]
        _load_raw(con, table, [f for f in files if f.table == name])
        for source in (f for f in files if f.table == name):
            for row, reason, text in source.malformed:
                con.execute(
                    f"insert into rejects ({REJECT_COLUMNS}) values (?, ?, ?, '', ?, 'malformed', ?)",
                    [name, source.label, row, text, reason],
                )
            for row, column, value, rule, reason in source.cell_problems:
                con.execute(
                    f"insert into rejects ({REJECT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?)",
                    [name, source.label, row, column, value, rule, reason],
                )
        _insert_rejects(con, cell_checks(table), today)
        if any(f.cell_problems for f in files if f.table == name):
            _one_reason_per_read_problem(con, name)
        casts = ", ".join(f"{typed(c)} as {ident(c.name)}" for c in table.columns)
        con.execute(f"""create or replace table stg_{name} as
            select {casts}, {FILE_COLUMN}, {ROW_COLUMN} from raw_{name} r
            where not exists (select 1 from rejects j where j.table_name = {q(name)}
                              and j.source_file = r.{FILE_COLUMN} and j.source_row = r.{ROW_COLUMN})""")
        _insert_rejects(con, row_checks(table), today)
        _drop_rejected(con, table)
        _insert_rejects(con, [key_check(table)], today)
        _drop_rejected(con, table)
        _insert_rejects(con, foreign_key_checks(table), today)
        _drop_rejected(con, table)
        settle_unanimous(con, table)
        table_done(done)


def _one_reason_per_read_problem(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """A cell the reader already rejected (a formula without a value reads as blank) is not also "required but
    empty": that second reason would send the person to fill a cell that is not empty in their workbook."""
    con.execute(
        """delete from rejects r where r.table_name = $name and r.rule = 'required' and exists (
            select 1 from rejects o where o.table_name = r.table_name and o.source_file = r.source_file
            and o.source_row = r.source_row and o.column_name = r.column_name and o.rule <> 'required')""",
        {"name": name},
    )


def _load_raw(con: duckdb.DuckDBPyConnection, table: Table, files: list[SourceFile]) -> None:
    columns = [c.name for c in table.columns]
    empty = pa.table(
        {
            **{c: pa.array([], pa.string()) for c in columns},
            ROW_COLUMN: pa.array([], pa.int64()),
            FILE_COLUMN: pa.array([], pa.string()),
        }
    )
    parts = [f.table_data for f in files if f.table_data is not None] or [empty]
    data = pa.concat_tables(parts)
    not_blank = " or ".join(f"trim({ident(c)}) <> ''" for c in columns)
    con.register("_incoming", data)
    try:
        con.execute(f"create or replace table raw_{table.name} as select * from _incoming where {not_blank}")
    finally:
        con.unregister("_incoming")


def file_counts(con: duckdb.DuckDBPyConnection, source: SourceFile) -> FileCounts:
    rejected = con.execute(
        "select count(distinct source_row) from rejects where table_name = ? and source_file = ? and rule <> ?",
        [source.table, source.label, AGREEMENT_RULE],
    ).fetchone()[0]
    loaded = con.execute(f"select count(*) from stg_{source.table} where {FILE_COLUMN} = ?", [source.label]).fetchone()[
        0
    ]
    read = con.execute(f"select count(*) from raw_{source.table} where {FILE_COLUMN} = ?", [source.label]).fetchone()[0]
    return FileCounts(read + len(source.malformed), loaded, rejected)

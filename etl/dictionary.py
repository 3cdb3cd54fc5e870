"""Print the data dictionary (docs/DATA_DICTIONARY.md) from the contract: `python -m etl.dictionary`."""

from __future__ import annotations

from etl.contract import MULTI_SEPARATOR, TABLES, UPDATE_DAYS, VOCABULARIES, Column, Table, load_order

INTRO = f"""# Data dictionary

Generated from `etl/contract.py` by `make dictionary`; a test fails when this file and the code disagree.

Each table is a file `<table>.csv` in a source folder, or a sheet named `<table>` in an `.xlsx` workbook there.
CSV files may be UTF-8 (with or without BOM) or Windows-1251, comma or semicolon delimited, as Excel writes
them in Russian locales. The first row names the columns (any order; unknown columns are ignored with a note).
Dates are `YYYY-MM-DD` or `DD.MM.YYYY`; decimals may use a comma; booleans are `true`/`false`
(also `yes`/`no`, `1`/`0`, `да`/`нет`); multi-valued cells separate values with `{MULTI_SEPARATOR}`.

Every row of the fact tables carries `source_url`, `confidence` and `is_synthetic`. Rows that are not synthetic
need a source; `confidence = synthetic` goes with `is_synthetic = true` and only with it. A `source_url` is an
`http://` or `https://` address or a document reference without a scheme (`A/RES/60/288`, `UNIS/INF/393`): the
dashboard shows it as a link, and a link with `javascript:`, `data:`, `file:` or any other scheme is refused.

**Every source a non-synthetic row cites is listed once in `sources`** (`sources.csv`), with its title and type
(UN document, UN web page, government, press, secondary archive, other organisation), so a reader can weigh it;
a row citing an unlisted source is rejected ("source '...' is not listed in sources.csv: add it with its type").
The shipped `data/reference/sources.csv` lists every source the reference rows cite: when you load your own folder
beside it, your folder's `sources.csv` lists only your new sources (a source listed in both is a duplicate key and
the second listing is rejected). `data/templates/` holds an empty file with the header row for every table.

Dates known only to the month or the year are written as the 1st of the month or 1 January, with
`date_precision` saying so (`events`), so that they are read as "Dec 2010" or "2010", never as that exact day.

Rows that break a rule are not loaded: each goes to the rejects table (`meta.rejects`, and
`<warehouse>.rejects.csv`) with file, row, column, value and reason. Tables load in this order, so a child row
whose parent was rejected is rejected too: {", ".join(load_order())}.
"""


def column_rules(column: Column, table: Table) -> str:
    rules = []
    if column.unanimous:
        key = ", ".join(f"`{k}`" for k in table.key)
        rules.append(
            f"`true` only when every row with the same {key} (in any file or folder, letter case ignored, even a row "
            f"rejected for another reason) says `true`; otherwise each disagreeing row is reported and "
            f"{column.unanimous}"
        )
    if column.allowed:
        rules.append("one of: " + ", ".join(f"`{c}`" for c in VOCABULARIES[column.allowed]))
    if column.pattern:
        rules.append(f"matches `{column.pattern}`")
    if column.min is not None:
        rules.append(f"from {column.min:g} to {column.max:g}")
    if column.references:
        rules.append(
            f"must exist in `{column.references}`"
            + (f" where {column.reference_filter}" if column.reference_filter else "")
            + (f" unless {column.reference_unless}" if column.reference_unless else "")
        )
    if column.default is not None:
        rules.append(f"empty means `{column.default}`")
    if column.not_future:
        rules.append("not in the future")
    return "; ".join(rules)


def table_markdown(table: Table) -> str:
    every = UPDATE_DAYS[table.name]
    expected = f"expected every {every} days" if every else "changes rarely (no update interval)"
    lines = [
        f"## `{table.name}`",
        "",
        f"Grain: {table.grain}. Key: {', '.join(f'`{k}`' for k in table.key)}. New rows: {expected}.",
        "",
    ]
    lines.append("| column | type | required | rules | meaning | example |")
    lines.append("| --- | --- | --- | --- | --- | --- |")
    for c in table.columns:
        meaning = c.meaning.replace("|", "\\|")
        example = c.example.replace("|", "\\|")
        rules = column_rules(c, table).replace("|", "\\|")
        lines.append(f"| `{c.name}` | {c.type} | {'yes' if c.required else 'no'} | {rules} | {meaning} | `{example}` |")
    checks = [f"`{o.later}` is not before `{o.earlier}`" for o in table.date_orders]
    checks += [reason for _col, _sql, reason in table.row_rules]
    if checks:
        lines += ["", "Row rules: " + "; ".join(checks) + "."]
    return "\n".join(lines)


def dictionary() -> str:
    return INTRO + "\n" + "\n\n".join(table_markdown(t) for t in TABLES) + "\n"


if __name__ == "__main__":
    print(dictionary(), end="")

"""The public file holds only the columns the public pages need, and nothing that names a server path or a row number.

The internal core tables keep `loaded_from` and `loaded_row` (where each row came from); in the public file they
would name the source folders and, through the gaps in the row numbers, show where the withheld rows sat.
Adding a column to the public file is a conscious act: add it to PUBLIC_COLUMNS below.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from etl.public import public_path
from tests.etl.conftest import GOOD, query, run_etl

_PROVENANCE = ("source_url", "confidence", "is_synthetic")

#: schema.table -> its columns, in order: the whole public file.
PUBLIC_COLUMNS: dict[str, tuple[str, ...]] = {
    "core.action_item_status": ("action_item_id", "status_date", "status", "note", *_PROVENANCE),
    "core.action_items": ("action_item_id", "state_id", "pillar_id", "title", *_PROVENANCE),
    "core.actors": (
        "actor_id",
        "actor_type",
        "name_en",
        "name_ru",
        "iso3",
        "seat_city",
        "latitude",
        "longitude",
        *_PROVENANCE,
    ),
    "core.events": (
        "event_id",
        "title",
        "event_type",
        "start_date",
        "end_date",
        "date_precision",
        "city",
        "country_id",
        "latitude",
        "longitude",
        "pillars",
        "areas",
        "organisers",
        "funders",
        "participants",
        "summary",
        *_PROVENANCE,
    ),
    "core.matches": (
        "match_id",
        "item_id",
        "offer_id",
        "proposed_date",
        "status",
        "delivered_date",
        "feedback",
        *_PROVENANCE,
    ),
    "core.national_action_plans": (
        "nap_id",
        "state_id",
        "title",
        "period_start",
        "period_end",
        "submitted_date",
        "note",
        *_PROVENANCE,
    ),
    "core.offers": ("offer_id", "provider_id", "offered_date", "areas", "weapon_types", "description", *_PROVENANCE),
    "core.participation": ("event_id", "actor_id", "role", "note", *_PROVENANCE),
    "core.pillars": ("pillar_id", "title_en", "title_ru", *_PROVENANCE),
    "core.procedure_steps": ("step_no", "title_en", "title_ru", "service_level_days", "note", *_PROVENANCE),
    "core.request_items": ("item_id", "request_id", "item_no", "area", "weapon_type", "description", *_PROVENANCE),
    "core.requests": (
        "request_id",
        "state_id",
        "received_date",
        "channel",
        "acknowledged_date",
        "distributed_date",
        "consent_to_publish",
        "status",
        "closed_date",
        "summary",
        *_PROVENANCE,
    ),
    # only the sources that rows in the public file cite
    "core.sources": ("source_url", "title", "source_type", "publisher", "note"),
    "core.vocab": ("vocabulary", "code", "label_en", "label_ru", "sort_order"),
    "core.withheld": ("requests", "synthetic_requests", "request_items", "matches", "offers"),
    "mart.action_item_history": (
        "action_item_id",
        "state_id",
        "pillar_id",
        "title",
        "status",
        "valid_from",
        "valid_to",
        "note",
        *_PROVENANCE,
    ),
    "mart.activity_log": (
        "change_date",
        "kind",
        "state_id",
        "description",
        "ref_id",
        "request_id",
        "source_url",
        "is_synthetic",
        "date_precision",
    ),
    "mart.ca_states": (
        "state_id",
        "iso3",
        "name_en",
        "name_ru",
        "capital",
        "latitude",
        "longitude",
        "source_url",
        "confidence",
    ),
    "mart.distribution_rule": ("distribution_rule_days", "step_no", "step_title", "from_procedure_data"),
    "mart.event_facts": (
        "event_id",
        "title",
        "event_type",
        "start_date",
        "end_date",
        "date_precision",
        "year",
        "city",
        "country_id",
        "latitude",
        "longitude",
        "pillars",
        "areas",
        "organisers",
        "funders",
        "participants",
        "actors_listed",
        "summary",
        "ca_states",
        "in_central_asia",
        *_PROVENANCE,
    ),
    "mart.event_participation": (
        "event_id",
        "event_title",
        "event_type",
        "start_date",
        "date_precision",
        "year",
        "city",
        "pillars",
        "areas",
        "funders",
        "actor_id",
        "actor_name",
        "actor_type",
        "is_central_asian_state",
        "role",
        "note",
        *_PROVENANCE,
    ),
    "mart.match_facts": (
        "match_id",
        "item_id",
        "offer_id",
        "proposed_date",
        "proposed_year",
        "status",
        "delivered_date",
        "days_to_deliver",
        "feedback",
        "request_id",
        "area",
        "weapon_type",
        "state_id",
        "consent_to_publish",
        "provider_id",
        "provider_name",
        "provider_type",
        "provider_latitude",
        "provider_longitude",
        *_PROVENANCE,
    ),
    "mart.offer_areas": (
        "offer_id",
        "area",
        "weapon_types",
        "offered_date",
        "offered_year",
        "provider_id",
        "provider_name",
        "provider_type",
        "provider_latitude",
        "provider_longitude",
        "description",
        *_PROVENANCE,
    ),
    "mart.request_item_facts": (
        "item_id",
        "request_id",
        "item_no",
        "area",
        "weapon_type",
        "description",
        "state_id",
        "received_date",
        "received_year",
        "consent_to_publish",
        *_PROVENANCE,
    ),
    "mart.request_pipeline": (
        "request_id",
        "state_id",
        "state_name",
        "received_date",
        "received_year",
        "channel",
        "acknowledged_date",
        "distributed_date",
        "first_match_date",
        "first_match_date_sourced",
        "first_delivery_date",
        "first_delivery_date_sourced",
        "status",
        "closed_date",
        "consent_to_publish",
        "summary",
        "n_items",
        "areas",
        "weapon_types",
        *_PROVENANCE,
    ),
    "mart.source_facts": (
        "source_url",
        "title",
        "source_type",
        "source_type_en",
        "source_type_ru",
        "publisher",
        "note",
        "rows_citing",
        "tables",
        "confidence",
    ),
    # path: the file's base name, or "N file(s): ..." for the tables that may hold withheld rows
    "meta.load_files": (
        "run_id",
        "table_name",
        "path",
        "sha256",
        "encoding",
        "delimiter",
        "rows_read",
        "rows_loaded",
        "rows_rejected",
    ),
    "meta.load_runs": (
        "run_id",
        "started_at",
        "finished_at",
        "as_of",
        "sources",
        "strict",
        "files",
        "rows_read",
        "rows_loaded",
        "rows_rejected",
        "etl_version",
    ),
    # The wipe-out guard's warnings: a table name and its total rows before and after, totals that meta.load_files
    # and core.withheld already publish (for the tables with withheld rows, as regional totals).
    "meta.load_warnings": ("run_id", "kind", "table_name", "rows_before", "rows_after", "message"),
    # Always empty in the public file (see EMPTY_TABLES); the Data & sources page queries it in both views.
    "meta.rejects": ("run_id", "table_name", "source_file", "source_row", "column_name", "value", "rule", "reason"),
}

#: Tables the public file keeps only for their shape: they must hold no row.
EMPTY_TABLES = ("meta.rejects",)

#: A column named like one holding a source file or a row number.
LOCATOR_COLUMN = re.compile(r"(^|_)(row|rows|line|lineno|file|from|path|folder|dir)$|^loaded_|^_")
#: Column names that look like locators but are not: a status's start date, and load_files.path (base names only).
NOT_LOCATORS = {"mart.action_item_history.valid_from", "meta.load_files.path"}

#: Where a value would name a place on a disk: absolute, home, relative or Windows paths, or a path to a data file.
PATH_LIKE = (
    re.compile(r"(^|[\s'\"(\[=])(/|~/|\.\.?/|[A-Za-z]:[\\/]|\\\\)\S"),
    re.compile(r"[\w.~-]+[\\/][^\s]*\.(csv|xlsx|duckdb|wal|tmp)\b", re.IGNORECASE),
)


def public_schema(path: Path) -> dict[str, tuple[str, ...]]:
    rows = query(
        path,
        """select schema_name || '.' || table_name, list(column_name order by column_index)
           from duckdb_columns() where database_name = current_database()
           group by all order by 1""",
    )
    return {table: tuple(columns) for table, columns in rows}


def text_values(path: Path) -> list[tuple[str, str]]:
    """(schema.table.column, value) of every non-null value of the file, as text (lists and dates included)."""
    selects = [
        f'select \'{table}.{column}\', "{column}"::varchar from {table} where "{column}" is not null'
        for table, columns in public_schema(path).items()
        for column in columns
    ]
    return query(path, "select distinct * from (" + " union all ".join(selects) + ")")


def looks_like_a_path(value: str) -> bool:
    if re.match(r"https?://", value, re.IGNORECASE):
        return False  # a cited web source is public by design
    return any(p.search(value) for p in PATH_LIKE)


@pytest.fixture(scope="module")
def loaded_from_a_server_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The good fixtures loaded from a folder outside the working folder (so the ETL records its absolute path)."""
    base = tmp_path_factory.mktemp("srv")
    source = Path(shutil.copytree(GOOD, base / "home" / "steward" / "ZZFOLDER-TKM"))
    warehouse = base / "out" / "warehouse.duckdb"
    run_etl(source, warehouse=warehouse)
    return source, warehouse


def test_the_public_file_holds_exactly_the_allowed_columns(loaded_from_a_server_folder: tuple[Path, Path]) -> None:
    _source, warehouse = loaded_from_a_server_folder
    public = public_schema(public_path(warehouse))
    allowed = {f"{t}.{c}" for t, cs in PUBLIC_COLUMNS.items() for c in cs}
    present = {f"{t}.{c}" for t, cs in public.items() for c in cs}
    assert sorted(present - allowed) == [], "a column reached the public file without being allowed here"
    assert public == PUBLIC_COLUMNS
    for table in EMPTY_TABLES:
        assert query(public_path(warehouse), f"select count(*) from {table}") == [(0,)]


def test_the_internal_file_keeps_where_each_row_came_from(loaded_from_a_server_folder: tuple[Path, Path]) -> None:
    source, warehouse = loaded_from_a_server_folder
    assert query(warehouse, "select loaded_from, loaded_row from core.requests order by loaded_row limit 1") == [
        (str(source / "requests.csv"), 2)
    ]
    assert query(warehouse, "select path from meta.load_files where table_name = 'events'") == [
        (str(source / "events.csv"),)
    ]


def test_no_public_column_is_a_source_file_or_row_number(loaded_from_a_server_folder: tuple[Path, Path]) -> None:
    _source, warehouse = loaded_from_a_server_folder
    public = public_schema(public_path(warehouse))
    locators = [
        f"{t}.{c}"
        for t, cs in public.items()
        if t not in EMPTY_TABLES
        for c in cs
        if LOCATOR_COLUMN.search(c) and f"{t}.{c}" not in NOT_LOCATORS
    ]
    assert locators == []


def test_no_public_value_names_a_server_path(loaded_from_a_server_folder: tuple[Path, Path]) -> None:
    source, warehouse = loaded_from_a_server_folder
    values = text_values(public_path(warehouse))
    assert values, "the scan must read something"
    assert [(where, v) for where, v in values if "ZZFOLDER" in v or str(source.parent) in v] == []
    assert [(where, v) for where, v in values if looks_like_a_path(v)] == []
    # files of tables without withheld rows keep their base name only
    assert query(public_path(warehouse), "select path from meta.load_files where table_name = 'events'") == [
        ("events.csv",)
    ]


def test_the_shipped_public_file_names_no_path_either(shipped_warehouse: Path) -> None:
    """Loaded from folders inside the working folder, the ETL records relative paths: data/reference/..."""
    internal = text_values(shipped_warehouse)
    assert any(looks_like_a_path(v) for _where, v in internal), "the scan must find the internal file's paths"
    assert [(where, v) for where, v in text_values(public_path(shipped_warehouse)) if looks_like_a_path(v)] == []


@pytest.mark.parametrize(
    ("value", "path_like"),
    [
        ("/srv/data/requests.csv", True),
        ("data/reference/events.csv", True),
        ("C:\\Users\\steward\\requests.xlsx[requests]", True),
        ("~/requests", True),
        ("1 file(s): paths and per-file counts in the internal view", False),
        ("events.csv", False),
        ("A/RES/60/288", False),
        ("https://www.un.org/en/sc/1540/docs/list.csv", False),
        ("Pillar I|IV", False),
    ],
)
def test_the_path_detector_tells_paths_from_document_symbols(value: str, path_like: bool) -> None:
    assert looks_like_a_path(value) is path_like

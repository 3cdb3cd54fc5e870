-- shared_load_warnings_recorded: 1 when the warehouse records load warnings (meta.load_warnings, written since the
-- wipe-out guard), else 0: a file built before it is still read without failing.
select count(*) as recorded
from duckdb_tables()
where database_name = 'wh' and schema_name = 'meta' and table_name = 'load_warnings'

-- Tables and views of the main schema, for export and the data dictionary; a reader's
-- connection (warehouse/reader.py) holds them as temporary views.
SELECT DISTINCT table_name, table_type
FROM information_schema.tables
WHERE table_schema = 'main' AND table_catalog IN (current_database(), 'temp')
ORDER BY table_type, table_name;

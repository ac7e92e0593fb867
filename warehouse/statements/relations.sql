-- Tables and views of the main schema, for export and the data dictionary.
SELECT table_name, table_type
FROM information_schema.tables
WHERE table_schema = 'main' AND table_catalog = current_database()
ORDER BY table_type, table_name;

-- The tables of the attached read copy files, base first (reader.py).
SELECT database_name, table_name
FROM duckdb_tables()
WHERE database_name LIKE 'claimwatch_p%' AND schema_name = 'main'
ORDER BY CAST(substr(database_name, 13) AS INTEGER), table_name;

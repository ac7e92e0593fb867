-- Attach a read copy file (reader.py). DuckDB 1.5 cannot bind ATTACH's target: {path}
-- is filled as a quoted literal by sql.with_path_literal, {name} by reader.py.
ATTACH {path} AS {name} (READ_ONLY);

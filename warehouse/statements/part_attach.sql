-- Create a read copy part (publish.py). DuckDB 1.5 cannot bind ATTACH's target: {path}
-- is filled as a quoted literal by sql.with_path_literal.
ATTACH {path} AS claimwatch_part;

-- DuckLake: rewrite data files that carry many deleted rows (updates leave those).
CALL ducklake_rewrite_data_files('lake');

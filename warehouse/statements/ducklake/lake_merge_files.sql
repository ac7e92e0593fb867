-- DuckLake: merge adjacent small data files into larger ones.
CALL ducklake_merge_adjacent_files('lake');

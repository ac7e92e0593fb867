-- DuckLake: write the rows that small commits kept in the catalog out to Parquet files.
-- (CALL, not SELECT ... FROM: a SELECT's transaction would not commit the change.)
CALL ducklake_flush_inlined_data('lake');

-- DuckLake: how many snapshots and live data files the lake has (maintenance report).
SELECT
    (SELECT count(*) FROM ducklake_snapshots('lake')) AS snapshots,
    (SELECT coalesce(sum(file_count), 0) FROM ducklake_table_info('lake')) AS data_files;

-- DuckLake: delete the files that only expired snapshots used, once older than $older_than.
CALL ducklake_cleanup_old_files('lake', older_than => $older_than);

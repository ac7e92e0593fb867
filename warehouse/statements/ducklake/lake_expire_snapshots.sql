-- DuckLake: forget snapshots older than $older_than (time travel cannot reach them after).
CALL ducklake_expire_snapshots('lake', older_than => $older_than);

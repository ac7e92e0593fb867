-- DuckLake: the newest snapshots (id, UTC time, what changed), for `claimwatch lake snapshots`.
SELECT snapshot_id, CAST(snapshot_time AS TIMESTAMP) AS snapshot_time, CAST(changes AS VARCHAR) AS changes
FROM ducklake_snapshots('lake')
ORDER BY snapshot_id DESC
LIMIT $limit;

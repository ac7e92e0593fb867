-- DuckLake (no keys): once per run, url and stage.
INSERT INTO fetch_failures (run_id, url, feed_url, stage, reason, detail, failed_at)
SELECT $run_id, $url, $feed_url, $stage, $reason, $detail, $failed_at
WHERE NOT EXISTS (
    SELECT 1 FROM fetch_failures WHERE run_id = $run_id AND url = $url AND stage = $stage
);

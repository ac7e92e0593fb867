INSERT INTO fetch_failures (run_id, url, feed_url, stage, reason, detail, failed_at)
VALUES ($run_id, $url, $feed_url, $stage, $reason, $detail, $failed_at)
ON CONFLICT DO NOTHING;

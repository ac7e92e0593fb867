-- name: aliases_to_articles
-- Entry aliases lead to stored articles: remembered for good, any refusal forgotten (each
-- alias once in $rows, a JSON array of {alias, feed_url, article_id}).
INSERT INTO entry_aliases (alias, feed_url, article_id, reason, failures, retry_at, seen_at)
SELECT r.alias, r.feed_url, r.article_id, NULL, 0, NULL, CAST($seen_at AS TIMESTAMP)
FROM (
    SELECT unnest(from_json($rows, '[{"alias": "VARCHAR", "feed_url": "VARCHAR",
                                      "article_id": "VARCHAR"}]')) AS r
)
ON CONFLICT (alias) DO UPDATE SET
    article_id = excluded.article_id,
    reason = NULL,
    failures = 0,
    retry_at = NULL,
    seen_at = excluded.seen_at;

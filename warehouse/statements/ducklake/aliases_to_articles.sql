-- DuckLake (no keys): aliases_to_articles as a MERGE, one row per alias in $rows.
MERGE INTO entry_aliases AS e
USING (
    SELECT r.alias, r.feed_url, r.article_id, CAST($seen_at AS TIMESTAMP) AS seen_at
    FROM (
        SELECT unnest(from_json($rows, '[{"alias": "VARCHAR", "feed_url": "VARCHAR",
                                          "article_id": "VARCHAR"}]')) AS r
    )
) AS s
ON e.alias = s.alias
WHEN MATCHED THEN UPDATE SET
    article_id = s.article_id,
    reason = NULL,
    failures = 0,
    retry_at = NULL,
    seen_at = s.seen_at
WHEN NOT MATCHED THEN INSERT (alias, feed_url, article_id, reason, failures, retry_at, seen_at)
    VALUES (s.alias, s.feed_url, s.article_id, NULL, 0, NULL, s.seen_at);

-- DuckLake (no keys): the same upsert as a MERGE; an alias that led to an article keeps it.
MERGE INTO entry_aliases AS e
USING (
    SELECT $alias AS alias, $feed_url AS feed_url, $reason AS reason, $failures AS failures,
           $retry_at AS retry_at, $seen_at AS seen_at
) AS s
ON e.alias = s.alias
WHEN MATCHED AND e.article_id IS NULL THEN UPDATE SET
    reason = s.reason,
    failures = s.failures,
    retry_at = s.retry_at,
    seen_at = s.seen_at
WHEN NOT MATCHED THEN INSERT (alias, feed_url, article_id, reason, failures, retry_at, seen_at)
    VALUES (s.alias, s.feed_url, NULL, s.reason, s.failures, s.retry_at, s.seen_at);

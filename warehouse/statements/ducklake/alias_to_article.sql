-- DuckLake (no keys): the same upsert as a MERGE.
MERGE INTO entry_aliases AS e
USING (SELECT $alias AS alias, $feed_url AS feed_url, $article_id AS article_id, $seen_at AS seen_at) AS s
ON e.alias = s.alias
WHEN MATCHED THEN UPDATE SET
    article_id = s.article_id,
    reason = NULL,
    failures = 0,
    retry_at = NULL,
    seen_at = s.seen_at
WHEN NOT MATCHED THEN INSERT (alias, feed_url, article_id, reason, failures, retry_at, seen_at)
    VALUES (s.alias, s.feed_url, s.article_id, NULL, 0, NULL, s.seen_at);

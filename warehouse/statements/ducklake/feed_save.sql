-- DuckLake (no keys): the same upsert as a MERGE; inside a write transaction.
MERGE INTO feeds AS f
USING (
    SELECT $feed_url AS feed_url, $name AS name, $etag AS etag,
           $last_modified AS last_modified, $fetched_at AS last_fetched_at,
           $status AS last_status, $failures AS failures, $next_attempt_at AS next_attempt_at
) AS s
ON f.feed_url = s.feed_url
WHEN MATCHED THEN UPDATE SET
    name = coalesce(s.name, f.name),
    etag = s.etag,
    last_modified = s.last_modified,
    last_fetched_at = s.last_fetched_at,
    last_status = s.last_status,
    failures = s.failures,
    next_attempt_at = s.next_attempt_at
WHEN NOT MATCHED THEN INSERT (
    feed_url, name, etag, last_modified, last_fetched_at, last_status, failures, next_attempt_at
) VALUES (
    s.feed_url, s.name, s.etag, s.last_modified, s.last_fetched_at, s.last_status, s.failures,
    s.next_attempt_at
);

-- Feed state is mutable: overwrite every field, but keep a stored name when none is given.
INSERT INTO feeds (
    feed_url, name, etag, last_modified, last_fetched_at, last_status, failures, next_attempt_at
) VALUES (
    $feed_url, $name, $etag, $last_modified, $fetched_at, $status, $failures, $next_attempt_at
)
ON CONFLICT (feed_url) DO UPDATE SET
    name = coalesce(excluded.name, feeds.name),
    etag = excluded.etag,
    last_modified = excluded.last_modified,
    last_fetched_at = excluded.last_fetched_at,
    last_status = excluded.last_status,
    failures = excluded.failures,
    next_attempt_at = excluded.next_attempt_at;

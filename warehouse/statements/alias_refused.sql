-- name: alias_refused
-- An entry's page was refused: remember why and when to try again (never over an article).
INSERT INTO entry_aliases (alias, feed_url, article_id, reason, failures, retry_at, seen_at)
VALUES ($alias, $feed_url, NULL, $reason, $failures, $retry_at, $seen_at)
ON CONFLICT (alias) DO UPDATE SET
    reason = excluded.reason,
    failures = excluded.failures,
    retry_at = excluded.retry_at,
    seen_at = excluded.seen_at
WHERE entry_aliases.article_id IS NULL;

-- name: alias_to_article
-- An entry alias leads to a stored article: remembered for good, any refusal forgotten.
INSERT INTO entry_aliases (alias, feed_url, article_id, reason, failures, retry_at, seen_at)
VALUES ($alias, $feed_url, $article_id, NULL, 0, NULL, $seen_at)
ON CONFLICT (alias) DO UPDATE SET
    article_id = excluded.article_id,
    reason = NULL,
    failures = 0,
    retry_at = NULL,
    seen_at = excluded.seen_at;

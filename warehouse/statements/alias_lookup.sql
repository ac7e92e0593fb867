-- name: alias_lookup
-- The remembered entries among $aliases.
SELECT alias, article_id, reason, failures, retry_at
FROM entry_aliases
WHERE list_contains($aliases::VARCHAR[], alias);

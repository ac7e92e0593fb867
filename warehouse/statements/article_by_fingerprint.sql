-- The first stored copy of a text (the original, not a syndicated duplicate).
SELECT coalesce(duplicate_of, article_id)
FROM articles
WHERE fingerprint = $fingerprint
ORDER BY fetched_at, article_id
LIMIT 1;

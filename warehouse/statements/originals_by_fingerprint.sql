-- For each of $fingerprints already stored: the first stored copy of that text (the
-- original, not a syndicated duplicate). One scan of the fingerprint column per batch.
SELECT fingerprint, coalesce(duplicate_of, article_id) AS original
FROM articles
WHERE fingerprint IN (SELECT unnest($fingerprints::VARCHAR[]))
QUALIFY row_number() OVER (PARTITION BY fingerprint ORDER BY fetched_at, article_id) = 1;

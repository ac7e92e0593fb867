-- Originals (syndicated copies carry no claims) extracted by another extractor version.
SELECT article_id
FROM articles
WHERE duplicate_of IS NULL AND extractor_version <> $extractor_version
ORDER BY fetched_at, article_id;

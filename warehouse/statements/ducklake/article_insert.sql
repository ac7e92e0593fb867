-- DuckLake (no keys): insert unless the id or URL is stored; inside a write transaction.
INSERT INTO articles (
    article_id, url, normalized_url, feed_url, title, author, site, language, published,
    fetched_at, text, fingerprint, duplicate_of, run_id, extractor_version
)
SELECT
    $article_id, $url, $normalized_url, $feed_url, $title, $author, $site, $language,
    $published, $fetched_at, $text, $fingerprint, $duplicate_of, $run_id, $extractor_version
WHERE NOT EXISTS (
    SELECT 1 FROM articles WHERE article_id = $article_id OR normalized_url = $normalized_url
);

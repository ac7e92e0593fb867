INSERT INTO articles (
    article_id, url, normalized_url, feed_url, title, author, site, language, published,
    fetched_at, text, fingerprint, duplicate_of, run_id, extractor_version
) VALUES (
    $article_id, $url, $normalized_url, $feed_url, $title, $author, $site, $language,
    $published, $fetched_at, $text, $fingerprint, $duplicate_of, $run_id, $extractor_version
)
ON CONFLICT DO NOTHING
RETURNING article_id;

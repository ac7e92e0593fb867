-- DuckLake (no keys): a plain insert. write.save_article has looked the URL up in the
-- same write transaction, which DuckLake serialises, so the article is not stored yet.
INSERT INTO articles (
    article_id, url, normalized_url, feed_url, title, author, site, language, published,
    fetched_at, text, fingerprint, duplicate_of, run_id, extractor_version
) VALUES (
    $article_id, $url, $normalized_url, $feed_url, $title, $author, $site, $language,
    $published, $fetched_at, $text, $fingerprint, $duplicate_of, $run_id, $extractor_version
);

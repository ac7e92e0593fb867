SELECT article_id, url, normalized_url, feed_url, title, author, site, language, published,
       fetched_at, text, fingerprint, extractor_version
FROM articles
WHERE article_id = $article_id;

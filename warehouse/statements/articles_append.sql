-- A batch of articles, passed as one JSON array ($articles, warehouse/append.py): parsed
-- once by DuckDB, so a batch costs one statement whatever its size. Articles whose id
-- (the hash of their normalised URL) is stored already are skipped through the primary
-- key's index; RETURNING names those actually inserted.
INSERT INTO articles (
    article_id, url, normalized_url, feed_url, title, author, site, language, published,
    fetched_at, text, fingerprint, duplicate_of, run_id, extractor_version
)
SELECT a.article_id, a.url, a.normalized_url, a.feed_url, a.title, a.author, a.site,
       a.language, a.published, a.fetched_at, a.text, a.fingerprint, a.duplicate_of,
       $run_id, $extractor_version
FROM (
    SELECT unnest(from_json($articles, '[{"article_id": "VARCHAR", "url": "VARCHAR",
        "normalized_url": "VARCHAR", "feed_url": "VARCHAR", "title": "VARCHAR",
        "author": "VARCHAR", "site": "VARCHAR", "language": "VARCHAR", "published": "DATE",
        "fetched_at": "TIMESTAMP", "text": "VARCHAR", "fingerprint": "VARCHAR",
        "duplicate_of": "VARCHAR"}]')) AS a
)
ON CONFLICT (article_id) DO NOTHING
RETURNING article_id;

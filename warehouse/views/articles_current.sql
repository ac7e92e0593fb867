-- articles_current: one row per stored article, syndicated copies included (duplicate_of).
CREATE OR REPLACE VIEW articles_current AS
SELECT
    a.article_id,
    a.url,
    a.normalized_url,
    a.feed_url,
    a.title,
    a.author,
    a.site,
    a.language,
    a.published,
    a.fetched_at,
    a.duplicate_of,
    a.duplicate_of IS NOT NULL AS is_syndicated,
    (SELECT count(*) FROM claims AS c WHERE c.article_id = a.article_id) AS claims,
    length(a.text) AS text_chars,
    a.text,
    a.fingerprint,
    a.run_id,
    a.extractor_version
FROM articles AS a;

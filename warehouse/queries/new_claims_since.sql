-- name: new_claims_since
-- Claims stored since a date (default: the last 7 days), newest first, with their sources.
-- params: $since (date) = null
-- The recent claims first (claims are stored in time order), then only their articles.
WITH recent AS MATERIALIZED (
    SELECT *
    FROM claims
    WHERE created_at >= coalesce(CAST($since AS DATE), current_date - INTERVAL 7 DAY)
),
their_articles AS MATERIALIZED (
    SELECT article_id, title, url
    FROM articles
    WHERE article_id IN (SELECT article_id FROM recent)
)
SELECT
    c.created_at,
    c.seq,
    c.fate,
    c.subject,
    c.origin,
    CASE
        WHEN c.count_low IS NULL AND c.count_high IS NULL THEN NULL
        WHEN c.count_low = c.count_high THEN CAST(c.count_low AS VARCHAR)
        WHEN c.count_high IS NULL THEN '>=' || CAST(c.count_low AS VARCHAR)
        WHEN c.count_low IS NULL THEN '<=' || CAST(c.count_high AS VARCHAR)
        ELSE CAST(c.count_low AS VARCHAR) || '-' || CAST(c.count_high AS VARCHAR)
    END AS count_range,
    c.location,
    array_to_string(c.source, '; ') AS source,
    c.source_type,
    c.certainty,
    c.polarity,
    a.title,
    a.url,
    c.sentence
FROM recent AS c
JOIN their_articles AS a ON a.article_id = c.article_id
ORDER BY c.seq DESC;

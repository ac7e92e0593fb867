-- claims_current: one row per claim, with its article and run; the analysts' main view.
-- Syndicated copies of an article carry no claims, so nothing here is counted twice.
CREATE OR REPLACE VIEW claims_current AS
SELECT
    c.claim_id,
    c.seq,
    c.article_id,
    c.doc,
    c.sentence,
    c.subject,
    c.fate,
    c.origin,
    c.count_low,
    c.count_high,
    CASE
        WHEN c.count_low IS NOT NULL AND c.count_high IS NOT NULL
            THEN (c.count_low + c.count_high) / 2.0
        ELSE CAST(coalesce(c.count_low, c.count_high) AS DOUBLE)
    END AS count_mid,
    CASE
        WHEN c.count_low IS NULL AND c.count_high IS NULL THEN NULL
        WHEN c.count_low = c.count_high THEN CAST(c.count_low AS VARCHAR)
        WHEN c.count_high IS NULL THEN '>=' || CAST(c.count_low AS VARCHAR)
        WHEN c.count_low IS NULL THEN '<=' || CAST(c.count_high AS VARCHAR)
        ELSE CAST(c.count_low AS VARCHAR) || '-' || CAST(c.count_high AS VARCHAR)
    END AS count_range,
    c.share,
    c.location,
    c.location_country,
    c.from_location,
    c.counterpart,
    c.time_text,
    c.year,
    c.source,
    c.source_type,
    c.certainty,
    c.polarity,
    coalesce(a.published, CAST(a.fetched_at AS DATE)) AS claim_date,
    a.url,
    a.title,
    a.site,
    a.published,
    a.language,
    a.fetched_at,
    c.created_at,
    c.run_id,
    r.flow AS run_flow,
    r.started_at AS run_started_at,
    c.extractor_version
FROM claims AS c
JOIN articles AS a ON a.article_id = c.article_id
LEFT JOIN runs AS r ON r.run_id = c.run_id;

-- claim_facts: one row per claim with the article fields the aggregates need (the
-- input of aggregates/*.sql). `claim_row` is the claim's rowid in the warehouse, so a
-- publish can take only the claims appended since the last one.
SELECT
    c.rowid AS claim_row,
    c.claim_id,
    c.seq,
    c.article_id,
    c.subject,
    c.fate,
    c.origin,
    c.count_low,
    c.count_high,
    c.location,
    c.location_country,
    c.from_location,
    c.source,
    c.source_type,
    c.polarity,
    coalesce(a.published, CAST(a.fetched_at AS DATE)) AS claim_date,
    a.site,
    a.url
FROM claims AS c
JOIN articles AS a ON a.article_id = c.article_id

-- Queue, as batch 0, those of the claims $claim_ids that state a figure (a count, or a
-- denial). Claims that already have one are queued too: they match it again, and
-- `figure_batch_save` keeps the figure they have.
INSERT INTO figure_batch
    (claim_id, batch, article_id, seq, claim_date, sources_named, source_type, subject, fate,
     polarity, places, figure_key, count_low, count_high)
WITH picked AS MATERIALIZED (
    SELECT
        c.claim_id,
        c.article_id,
        c.seq,
        list_filter(c.source, lambda s: s <> 'author') AS sources_named,
        c.source_type,
        c.subject,
        c.fate,
        c.polarity,
        figure_places(c.location_country, c.origin) AS places,
        c.count_low,
        c.count_high
    FROM claims AS c
    WHERE c.seq >= $min_seq  -- the caller's bound: skips the older claims' row groups
      AND c.claim_id IN (SELECT unnest($claim_ids::VARCHAR[]))
      AND (c.count_low IS NOT NULL OR c.count_high IS NOT NULL OR c.polarity = 'denies')
)
SELECT
    p.claim_id,
    0,
    p.article_id,
    p.seq,
    coalesce(a.published, CAST(a.fetched_at AS DATE)),
    p.sources_named,
    p.source_type,
    p.subject,
    p.fate,
    p.polarity,
    p.places,
    figure_key(p.subject, p.fate, p.polarity, p.places),
    p.count_low,
    p.count_high
FROM picked AS p
JOIN (  -- the claims' articles by key first: no join is built over every article
    SELECT article_id, published, fetched_at
    FROM articles
    WHERE article_id IN (SELECT article_id FROM picked)
) AS a ON a.article_id = p.article_id;

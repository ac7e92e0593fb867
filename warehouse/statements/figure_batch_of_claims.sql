-- Queue, as batch 0, those of the claims $claim_ids that state a figure (a count, or a
-- denial). Claims that already have one are queued too: they match it again, and
-- `figure_batch_save` keeps the figure they have.
INSERT INTO figure_batch
    (claim_id, batch, seq, claim_date, subject, fate, polarity, places, figure_key, count_low,
     count_high)
WITH picked AS (
    SELECT
        c.claim_id,
        c.article_id,
        c.seq,
        c.subject,
        c.fate,
        c.polarity,
        figure_places(c.location_country, c.origin) AS places,
        c.count_low,
        c.count_high
    FROM claims AS c
    WHERE c.claim_id IN (SELECT unnest($claim_ids::VARCHAR[]))
      AND (c.count_low IS NOT NULL OR c.count_high IS NOT NULL OR c.polarity = 'denies')
)
SELECT
    p.claim_id,
    0,
    p.seq,
    coalesce(a.published, CAST(a.fetched_at AS DATE)),
    p.subject,
    p.fate,
    p.polarity,
    p.places,
    figure_key(p.subject, p.fate, p.polarity, p.places),
    p.count_low,
    p.count_high
FROM picked AS p
JOIN articles AS a ON a.article_id = p.article_id;

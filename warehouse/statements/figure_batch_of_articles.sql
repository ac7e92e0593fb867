-- Queue, as batch 0, the claims of the articles $article_ids that state a figure (a count,
-- or a denial). Claims that already have one are queued too: they match it again, and
-- `figure_batch_save` keeps the figure they have.
INSERT INTO figure_batch
    (claim_id, batch, seq, claim_date, subject, fate, polarity, places, count_low, count_high)
SELECT
    c.claim_id,
    0,
    c.seq,
    coalesce(a.published, CAST(a.fetched_at AS DATE)),
    c.subject,
    c.fate,
    c.polarity,
    figure_places(c.location_country, c.origin),
    c.count_low,
    c.count_high
FROM claims AS c
JOIN articles AS a ON a.article_id = c.article_id
WHERE c.article_id IN (SELECT unnest($article_ids::VARCHAR[]))
  AND (c.count_low IS NOT NULL OR c.count_high IS NOT NULL OR c.polarity = 'denies');

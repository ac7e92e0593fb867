-- Queue every claim that states a figure (a count, or a denial), oldest first (article
-- date, then arrival), in batches of $batch_size: `rederive_figures` places them in order.
INSERT INTO figure_batch
    (claim_id, batch, article_id, seq, claim_date, sources_named, source_type, subject, fate,
     polarity, places, figure_key, count_low, count_high)
SELECT
    claim_id,
    (row_number() OVER (ORDER BY claim_date, seq) - 1) // $batch_size,
    article_id,
    seq,
    claim_date,
    sources_named,
    source_type,
    subject,
    fate,
    polarity,
    places,
    figure_key(subject, fate, polarity, places),
    count_low,
    count_high
FROM (
    SELECT
        c.claim_id,
        c.article_id,
        c.seq,
        coalesce(a.published, CAST(a.fetched_at AS DATE)) AS claim_date,
        list_filter(c.source, lambda s: s <> 'author') AS sources_named,
        c.source_type,
        c.subject,
        c.fate,
        c.polarity,
        figure_places(c.location_country, c.origin) AS places,
        c.count_low,
        c.count_high
    FROM claims AS c
    JOIN articles AS a ON a.article_id = c.article_id
    WHERE c.count_low IS NOT NULL OR c.count_high IS NOT NULL OR c.polarity = 'denies'
)
ORDER BY claim_date, seq;

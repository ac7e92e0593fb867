-- name: digest_pending_claims
-- Claims in no sent digest: those booked into a pending digest, plus new ones created
-- on or after $since (all of them when $since is NULL), the newest $cap of them (the
-- digest lists at most that many; digest_pending_count counts them all). Each comes with
-- its article, the previous figure for the same subject, fate and places (from another
-- article), and the figures that disagree with it ("rivals"). Claims that name no place
-- are compared with nothing: they may be about anywhere. Figures disagree when they come
-- from different sources, refer to the same year (or one has none), and their intervals
-- miss each other by more than 10%; or when one of the two claims denies what the other
-- affirms. To stay bounded, a claim is compared with the $compare newest figures of its
-- subject, fate and places stored in the year before the oldest claim listed (not with
-- every figure ever stored).
-- params: $since (timestamp or NULL), $cap (int), $compare (int)
WITH unsent AS (
    SELECT c.claim_id, c.seq, d.status AS digest_status
    FROM claims c
    LEFT JOIN digest_claims dc ON dc.claim_id = c.claim_id
    LEFT JOIN digests d ON d.digest_id = dc.digest_id
    WHERE (d.status IS NULL OR d.status <> 'sent')
      AND (d.status = 'pending' OR $since IS NULL OR c.created_at >= $since)
    ORDER BY c.seq DESC
    LIMIT $cap
),
picked AS MATERIALIZED (
    SELECT c.*, list_sort(c.location_country) AS places, u.digest_status,
           a.url, a.title, a.site, a.published
    FROM claims c
    JOIN unsent u ON u.claim_id = c.claim_id
    JOIN articles a ON a.article_id = c.article_id
    WHERE a.duplicate_of IS NULL
      AND c.seq >= (SELECT min(seq) FROM unsent)  -- claims are stored in seq order: skip the rest
),
figures AS (
    SELECT c.claim_id, c.article_id, c.seq, c.subject, c.fate, c.year, c.polarity,
           list_sort(c.location_country) AS places, list_sort(c.source) AS sources,
           c.count_low, c.count_high, c.share, c.source, c.source_type
    FROM claims c
    SEMI JOIN (SELECT DISTINCT subject, fate, places FROM picked WHERE len(places) > 0) k
      ON k.subject = c.subject AND k.fate = c.fate AND k.places = list_sort(c.location_country)
    WHERE (c.count_low IS NOT NULL OR c.count_high IS NOT NULL OR c.share IS NOT NULL
           OR c.polarity = 'denies')
      AND c.created_at >= (SELECT min(created_at) FROM picked) - INTERVAL 1 YEAR
    QUALIFY row_number() OVER (PARTITION BY c.subject, c.fate, list_sort(c.location_country)
                               ORDER BY c.seq DESC) <= $compare
),
compared AS MATERIALIZED (
    SELECT f.*, a.published, a.url, a.title, a.site
    FROM figures f
    JOIN articles a ON a.article_id = f.article_id
    WHERE a.duplicate_of IS NULL
),
previous AS (
    SELECT p.claim_id,
           arg_max(struct_pack(count_low := f.count_low, count_high := f.count_high,
                               share := f.share, source := f.source,
                               source_type := f.source_type, polarity := f.polarity,
                               published := f.published, url := f.url, title := f.title,
                               site := f.site), f.seq) AS figure
    FROM picked p
    JOIN compared f
      ON f.subject = p.subject AND f.fate = p.fate AND f.places = p.places
     AND len(p.places) > 0 AND f.seq < p.seq AND f.article_id <> p.article_id
     AND f.polarity = 'affirms'
     AND (f.count_low IS NOT NULL OR f.count_high IS NOT NULL OR f.share IS NOT NULL)
    GROUP BY p.claim_id
),
rivals AS (
    SELECT p.claim_id,
           -- the 5 newest (the digest shows no more): a bounded heap, not a sorted list
           arg_max(struct_pack(count_low := f.count_low, count_high := f.count_high,
                               share := f.share, source := f.source,
                               source_type := f.source_type, polarity := f.polarity,
                               published := f.published, url := f.url, title := f.title,
                               site := f.site), f.seq, 5) AS figures
    FROM picked p
    JOIN compared f
      ON f.subject = p.subject AND f.fate = p.fate AND f.places = p.places
     AND len(p.places) > 0 AND f.claim_id <> p.claim_id
     AND f.sources <> list_sort(p.source)
     AND (f.year IS NULL OR p.year IS NULL OR f.year = p.year)
    WHERE (f.polarity <> p.polarity)
       OR (p.polarity = 'affirms' AND f.polarity = 'affirms'
           AND (p.count_low IS NOT NULL OR p.count_high IS NOT NULL)
           AND (f.count_low IS NOT NULL OR f.count_high IS NOT NULL)
           AND (coalesce(f.count_low, 0) > 1.1 * coalesce(CAST(p.count_high AS DOUBLE), 'infinity')
                OR coalesce(p.count_low, 0) > 1.1 * coalesce(CAST(f.count_high AS DOUBLE), 'infinity')))
    GROUP BY p.claim_id
)
SELECT p.claim_id, p.seq, p.created_at, p.doc, p.sentence, p.subject, p.fate, p.origin,
       p.count_low, p.count_high, p.share, p.location, p.location_country, p.from_location,
       p.counterpart, p.time_text, p.year, p.source, p.source_type, p.certainty, p.polarity,
       p.article_id, p.url, p.title, p.site, p.published,
       prev.figure AS previous,
       coalesce(r.figures, []) AS rivals,
       p.digest_status = 'pending' AS was_pending
FROM picked p
LEFT JOIN previous prev ON prev.claim_id = p.claim_id
LEFT JOIN rivals r ON r.claim_id = p.claim_id
ORDER BY p.fate, p.places, p.seq

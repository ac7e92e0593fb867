-- name: contested_figures
-- Same subject, fate and place with disagreeing counts, or a figure and its denial, side by side.
-- params: $since (date) = 1900-01-01
WITH placed AS (
    SELECT
        c.*,
        unnest(list_distinct(c.location_country || c.origin)) AS place
    FROM claims_current AS c
    WHERE c.claim_date >= $since
),
pairs AS (
    SELECT
        a.subject,
        a.fate,
        a.place,
        CASE WHEN a.polarity <> b.polarity THEN 'denial' ELSE 'counts disagree' END AS conflict,
        a.claim_id AS claim_a,
        b.claim_id AS claim_b
    FROM placed AS a
    JOIN placed AS b
        ON a.subject = b.subject AND a.fate = b.fate AND a.place = b.place
        -- each pair once, the older claim as "a"
        AND (a.claim_date < b.claim_date OR (a.claim_date = b.claim_date AND a.seq < b.seq))
    WHERE
        (a.polarity <> b.polarity)
        OR (
            a.polarity = 'affirms' AND b.polarity = 'affirms'
            AND a.count_mid IS NOT NULL AND b.count_mid IS NOT NULL
            AND (
                coalesce(a.count_high, 9223372036854775807) < coalesce(b.count_low, 0)
                OR coalesce(b.count_high, 9223372036854775807) < coalesce(a.count_low, 0)
            )
        )
)
SELECT
    p.subject,
    p.fate,
    list_sort(list(DISTINCT p.place)) AS places,
    any_value(p.conflict) AS conflict,
    a.count_range AS figure_a,
    a.polarity AS polarity_a,
    array_to_string(a.source, '; ') AS source_a,
    a.claim_date AS date_a,
    a.url AS url_a,
    a.sentence AS sentence_a,
    b.count_range AS figure_b,
    b.polarity AS polarity_b,
    array_to_string(b.source, '; ') AS source_b,
    b.claim_date AS date_b,
    b.url AS url_b,
    b.sentence AS sentence_b
FROM pairs AS p
JOIN claims_current AS a ON a.claim_id = p.claim_a
JOIN claims_current AS b ON b.claim_id = p.claim_b
GROUP BY ALL
ORDER BY p.subject, p.fate, places, date_a, date_b;

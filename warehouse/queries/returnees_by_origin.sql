-- name: returnees_by_origin
-- Returnees and travellers by origin country: claims, latest and highest figure, with sources.
-- params: $since (date) = 1900-01-01
WITH origins AS (
    SELECT claim_id, unnest(origin) AS origin_code FROM claims_current
),
by_origin AS (
    SELECT
        coalesce(o.origin_code, 'unstated') AS origin_code,
        c.*,
        array_to_string(c.source, '; ') || ' (' || coalesce(c.site, c.url) || ')' AS cited,
        c.polarity = 'affirms' AND c.count_mid IS NOT NULL AS is_figure
    FROM claims_current AS c
    LEFT JOIN origins AS o ON o.claim_id = c.claim_id
    WHERE c.fate IN ('returned', 'travelled') AND c.claim_date >= $since
)
SELECT
    origin_code AS origin,
    fate,
    count(*) AS claims,
    count(*) FILTER (WHERE polarity = 'denies') AS denials,
    arg_max(count_range, (claim_date, seq)) FILTER (WHERE is_figure) AS latest_figure,
    max(claim_date) FILTER (WHERE is_figure) AS latest_date,
    arg_max(cited, (claim_date, seq)) FILTER (WHERE is_figure) AS latest_source,
    arg_max(count_range, (coalesce(count_high, count_low), claim_date, seq))
        FILTER (WHERE is_figure) AS highest_figure,
    arg_max(cited, (coalesce(count_high, count_low), claim_date, seq))
        FILTER (WHERE is_figure) AS highest_source,
    list_sort(list_distinct(flatten(list(source)))) AS sources
FROM by_origin
GROUP BY origin_code, fate
ORDER BY fate, claims DESC, origin;

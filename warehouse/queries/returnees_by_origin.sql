-- name: returnees_by_origin
-- Returnees and travellers by origin country: claims, latest and highest figure, with sources.
-- params: $since (date) = 1900-01-01
-- Reads agg_origins (per day, origin and fate, kept by each publish).
SELECT
    origin_code AS origin,
    fate,
    sum(claims) AS claims,
    sum(denials) AS denials,
    arg_max(latest.figure, (claim_date, latest.seq)) AS latest_figure,
    max(claim_date) FILTER (WHERE figures > 0) AS latest_date,
    arg_max(latest.cited, (claim_date, latest.seq)) AS latest_source,
    arg_max(highest.figure, (highest.value, claim_date, highest.seq)) AS highest_figure,
    arg_max(highest.cited, (highest.value, claim_date, highest.seq)) AS highest_source,
    list_sort(list_distinct(flatten(list(sources)))) AS sources
FROM agg_origins
WHERE claim_date >= $since
GROUP BY origin_code, fate
ORDER BY fate, claims DESC, origin;

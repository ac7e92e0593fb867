-- name: top_sources
-- The most cited sources: claims, articles and sites citing them, fates covered, first/last seen.
-- params: $since (date) = 1900-01-01, $limit (int) = 20
-- Reads agg_sources (per day and source, kept by each publish).
SELECT
    source,
    arg_min(first.source_type, first.seq) AS source_type,
    sum(claims) AS claims,
    sum(articles) AS articles,
    len(list_distinct(flatten(list(sites)))) AS sites,
    list_sort(list_distinct(flatten(list(fates)))) AS fates,
    min(claim_date) AS first_seen,
    max(claim_date) AS last_seen
FROM agg_sources
WHERE claim_date >= $since
GROUP BY source
ORDER BY claims DESC, articles DESC, source
LIMIT $limit;

-- name: top_sources
-- The most cited sources: claims, articles and sites citing them, fates covered, first/last seen.
-- params: $since (date) = 1900-01-01, $limit (int) = 20
SELECT
    s.name AS source,
    any_value(c.source_type ORDER BY c.seq) AS source_type,
    count(DISTINCT c.claim_id) AS claims,
    count(DISTINCT c.article_id) AS articles,
    count(DISTINCT c.site) AS sites,
    list_sort(list(DISTINCT c.fate)) AS fates,
    min(c.claim_date) AS first_seen,
    max(c.claim_date) AS last_seen
FROM claims_current AS c
CROSS JOIN unnest(c.source) AS s(name)
WHERE c.claim_date >= $since
GROUP BY s.name
ORDER BY claims DESC, articles DESC, source
LIMIT $limit;

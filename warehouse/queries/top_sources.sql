-- name: top_sources
-- The most cited sources: claims, articles and sites citing them, fates covered, first/last seen.
-- params: $since (date) = 1900-01-01, $limit (int) = 20
-- Reads agg_sources: everything from its 'all' rows (since 1900-01-01, the default), else whole years
-- from its 'year' rows, then whole months, then days.
WITH months AS (
    SELECT CAST(CASE WHEN day(CAST($since AS DATE)) = 1 THEN CAST($since AS DATE)
                     ELSE date_trunc('month', CAST($since AS DATE)) + INTERVAL 1 MONTH END
                AS DATE) AS first_month
),
cut AS (
    SELECT first_month,
           CAST(CASE WHEN month(first_month) = 1 THEN first_month
                     ELSE date_trunc('year', first_month) + INTERVAL 1 YEAR END
                AS DATE) AS first_year
    FROM months
)
SELECT
    s.source,
    arg_min(s.first.source_type, s.first.seq) AS source_type,
    sum(s.claims) AS claims,
    sum(s.articles) AS articles,
    len(list_distinct(flatten(list(s.sites)))) AS sites,
    list_sort(list_distinct(flatten(list(s.fates)))) AS fates,
    min(s.first_date) AS first_seen,
    max(s.last_date) AS last_seen
FROM agg_sources AS s, cut
WHERE CASE WHEN CAST($since AS DATE) <= DATE '1900-01-01' THEN s.grain = 'all'
        ELSE CASE s.grain WHEN 'year' THEN s.period >= cut.first_year
        WHEN 'month' THEN s.period >= cut.first_month AND s.period < cut.first_year
        ELSE s.period >= $since AND s.period < cut.first_month END END
GROUP BY s.source
ORDER BY claims DESC, articles DESC, s.source
LIMIT $limit;

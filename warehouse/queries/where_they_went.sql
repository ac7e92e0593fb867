-- name: where_they_went
-- Movements by fate: from where (as written) to which country, with claims, figures and sources.
-- params: $since (date) = 1900-01-01, $fate (text) = any
-- Reads agg_moves: everything from its 'all' rows (since 1900-01-01, the default), else whole years
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
    m.fate,
    m.from_place,
    m.to_country,
    sum(m.claims) AS claims,
    list_sort(list_distinct(flatten(list(m.to_places)))) AS to_places,
    max(m.largest_figure) AS largest_figure,
    list_sort(list_distinct(flatten(list(m.sources)))) AS sources
FROM agg_moves AS m, cut
WHERE (CASE WHEN CAST($since AS DATE) <= DATE '1900-01-01' THEN m.grain = 'all'
        ELSE CASE m.grain WHEN 'year' THEN m.period >= cut.first_year
        WHEN 'month' THEN m.period >= cut.first_month AND m.period < cut.first_year
        ELSE m.period >= $since AND m.period < cut.first_month END END)
  AND ($fate = 'any' OR m.fate = $fate)
GROUP BY m.fate, m.from_place, m.to_country
ORDER BY claims DESC, m.fate, m.from_place, m.to_country;

-- name: fates_over_time
-- Claims per fate and period (week or month of the article's date), with the largest figure.
-- params: $period (text) = month, $since (date) = 1900-01-01
-- Reads agg_fates: by month, whole months from its 'month' rows and the days of a partly
-- covered first month from its 'day' rows; by week, its 'day' rows.
WITH cut AS (
    SELECT CAST(CASE WHEN $period <> 'month' THEN DATE '9999-12-31'
                     WHEN day(CAST($since AS DATE)) = 1 THEN CAST($since AS DATE)
                     ELSE date_trunc('month', CAST($since AS DATE)) + INTERVAL 1 MONTH END
                AS DATE) AS first_month
)
SELECT
    CAST(date_trunc($period, f.period) AS DATE) AS period_start,
    f.fate,
    sum(f.claims) AS claims,
    sum(f.articles) AS articles,
    sum(f.denials) AS denials,
    max(f.largest_figure) AS largest_figure,
    list_sort(list_distinct(flatten(list(f.sites)))) AS sites
FROM agg_fates AS f, cut
WHERE CASE f.grain WHEN 'month' THEN f.period >= cut.first_month
                   ELSE f.period >= $since AND f.period < cut.first_month END
GROUP BY period_start, f.fate
ORDER BY period_start, claims DESC, f.fate;

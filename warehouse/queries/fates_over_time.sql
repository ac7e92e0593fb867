-- name: fates_over_time
-- Claims per fate and period (week or month of the article's date), with the largest figure.
-- params: $period (text) = month, $since (date) = 1900-01-01
SELECT
    CAST(date_trunc($period, claim_date) AS DATE) AS period_start,
    fate,
    count(*) AS claims,
    count(DISTINCT article_id) AS articles,
    count(*) FILTER (WHERE polarity = 'denies') AS denials,
    max(coalesce(count_high, count_low)) FILTER (WHERE polarity = 'affirms') AS largest_figure,
    list(DISTINCT site ORDER BY site) AS sites
FROM claims_current
WHERE claim_date >= $since
GROUP BY period_start, fate
ORDER BY period_start, claims DESC, fate;

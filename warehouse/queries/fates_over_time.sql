-- name: fates_over_time
-- Claims per fate and period (week or month of the article's date), with the largest figure.
-- params: $period (text) = month, $since (date) = 1900-01-01
-- Reads agg_fates (claims per day and fate, kept by each publish; see data-dictionary.md).
SELECT
    CAST(date_trunc($period, claim_date) AS DATE) AS period_start,
    fate,
    sum(claims) AS claims,
    sum(articles) AS articles,
    sum(denials) AS denials,
    max(largest_figure) AS largest_figure,
    list_sort(list_distinct(flatten(list(sites)))) AS sites
FROM agg_fates
WHERE claim_date >= $since
GROUP BY period_start, fate
ORDER BY period_start, claims DESC, fate;

-- agg_fates: claims per day (article date) and fate. Partial sums: a query adds up the
-- rows of each key (a key may have rows from several published parts).
SELECT
    claim_date,
    fate,
    count(*) AS claims,
    count(DISTINCT article_id) AS articles,
    count(*) FILTER (WHERE polarity = 'denies') AS denials,
    max(coalesce(count_high, count_low)) FILTER (WHERE polarity = 'affirms') AS largest_figure,
    list(DISTINCT site) FILTER (WHERE site IS NOT NULL) AS sites
FROM claim_facts
GROUP BY claim_date, fate

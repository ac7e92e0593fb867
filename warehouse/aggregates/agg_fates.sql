-- agg_fates: claims per period and fate at two grains: 'day' (period = the article's
-- date) and 'month' (the first day of its month). Partial sums: a query adds up the rows
-- of each key (a key may have rows from several published parts).
SELECT
    g.grain,
    CAST(CASE g.grain WHEN 'day' THEN f.claim_date ELSE date_trunc(g.grain, f.claim_date) END
         AS DATE) AS period,
    f.fate,
    count(*) AS claims,
    count(DISTINCT f.article_id) AS articles,
    count(*) FILTER (WHERE f.polarity = 'denies') AS denials,
    max(coalesce(f.count_high, f.count_low)) FILTER (WHERE f.polarity = 'affirms')
        AS largest_figure,
    list(DISTINCT f.site) FILTER (WHERE f.site IS NOT NULL) AS sites
FROM claim_facts AS f, unnest(['day', 'month']) AS g(grain)
GROUP BY ALL

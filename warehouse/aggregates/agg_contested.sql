-- agg_contested: per period ('day', 'month', 'year' and 'all' grains, as in agg_moves), subject, fate
-- and place (each place and origin of the claim): claims, figures, denials, the bounds
-- of the figures stated and who stated them. Partial: a query merges rows per key and
-- keeps the keys whose figures disagree.
SELECT
    g.grain,
    CAST(CASE g.grain WHEN 'day' THEN f.claim_date WHEN 'all' THEN DATE '1900-01-01'
         ELSE date_trunc(g.grain, f.claim_date) END AS DATE) AS period,
    f.subject,
    f.fate,
    p.place,
    count(*) AS claims,
    count(*) FILTER (WHERE f.polarity = 'affirms'
                     AND (f.count_low IS NOT NULL OR f.count_high IS NOT NULL)) AS figures,
    count(*) FILTER (WHERE f.polarity = 'denies') AS denials,
    min(f.count_low) FILTER (WHERE f.polarity = 'affirms') AS lowest_low,
    max(f.count_low) FILTER (WHERE f.polarity = 'affirms') AS highest_low,
    min(f.count_high) FILTER (WHERE f.polarity = 'affirms') AS lowest_high,
    max(f.count_high) FILTER (WHERE f.polarity = 'affirms') AS highest_high,
    min(f.claim_date) AS first_date,
    max(f.claim_date) AS last_date,
    list_distinct(flatten(list(f.source))) AS sources
FROM claim_facts AS f,
    unnest(['day', 'month', 'year', 'all']) AS g(grain),
    unnest(list_distinct(f.location_country || f.origin)) AS p(place)
GROUP BY ALL

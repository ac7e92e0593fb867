-- agg_moves: claims per period, fate, place moved from (as written, or 'unstated') and
-- country moved to (or 'unstated'), at three grains: 'day' (period = the article's date),
-- 'month' and 'year' (period = the first day of its month, of its year), and 'all'
-- (period 1900-01-01: every date). Partial: a query merges rows per key.
SELECT
    g.grain,
    CAST(CASE g.grain WHEN 'day' THEN f.claim_date WHEN 'all' THEN DATE '1900-01-01'
         ELSE date_trunc(g.grain, f.claim_date) END AS DATE) AS period,
    f.fate,
    from_place,
    to_country,
    count(*) AS claims,
    list_distinct(flatten(list(f.location))) AS to_places,
    max(coalesce(f.count_high, f.count_low)) FILTER (WHERE f.polarity = 'affirms')
        AS largest_figure,
    list_distinct(flatten(list(f.source))) AS sources
FROM claim_facts AS f,
    unnest(['day', 'month', 'year', 'all']) AS g(grain),
    unnest(list_distinct(CASE WHEN len(f.from_location) = 0 THEN ['unstated']
                              ELSE f.from_location END)) AS m(from_place),
    unnest(list_distinct(CASE WHEN len(f.location_country) = 0 THEN ['unstated']
                              ELSE f.location_country END)) AS t(to_country)
GROUP BY ALL

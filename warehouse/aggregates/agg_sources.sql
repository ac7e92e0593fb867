-- agg_sources: claims per period ('day', 'month', 'year' and 'all' grains, as in agg_moves) and source
-- named, with the articles, sites and fates citing it, the first and last day it was
-- cited and the source type it was first seen with. Partial: merged per key.
SELECT
    g.grain,
    CAST(CASE g.grain WHEN 'day' THEN f.claim_date WHEN 'all' THEN DATE '1900-01-01'
         ELSE date_trunc(g.grain, f.claim_date) END AS DATE) AS period,
    s.name AS source,
    arg_min({'seq': f.seq, 'source_type': f.source_type}, f.seq) AS first,
    count(DISTINCT f.claim_id) AS claims,
    count(DISTINCT f.article_id) AS articles,
    list(DISTINCT f.site) FILTER (WHERE f.site IS NOT NULL) AS sites,
    list(DISTINCT f.fate) AS fates,
    min(f.claim_date) AS first_date,
    max(f.claim_date) AS last_date
FROM claim_facts AS f, unnest(['day', 'month', 'year', 'all']) AS g(grain), unnest(f.source) AS s(name)
GROUP BY ALL

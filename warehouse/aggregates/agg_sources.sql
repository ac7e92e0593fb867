-- agg_sources: claims per day and source named, with the articles, sites and fates
-- citing it and the source type it was first seen with. Partial: merged per key.
SELECT
    f.claim_date,
    s.name AS source,
    arg_min({'seq': f.seq, 'source_type': f.source_type}, f.seq) AS first,
    count(DISTINCT f.claim_id) AS claims,
    count(DISTINCT f.article_id) AS articles,
    list(DISTINCT f.site) FILTER (WHERE f.site IS NOT NULL) AS sites,
    list(DISTINCT f.fate) AS fates
FROM claim_facts AS f, unnest(f.source) AS s(name)
GROUP BY f.claim_date, s.name

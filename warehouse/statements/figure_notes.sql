-- For each claim of $claim_ids that has a figure: the figure's first appearance (date,
-- site, the sources it named), whether this claim's article is that first appearance,
-- and how many articles state the figure. Reads only the figures of those claims.
WITH mine AS MATERIALIZED (
    SELECT claim_id, figure_id, article_id
    FROM figure_claims
    WHERE claim_id IN (SELECT unnest($claim_ids::VARCHAR[]))
),
stated AS MATERIALIZED (
    SELECT figure_id, article_id, seq, claim_date, sources_named
    FROM figure_claims
    WHERE figure_id IN (SELECT figure_id FROM mine)
),
firsts AS MATERIALIZED (
    SELECT *
    FROM stated
    QUALIFY row_number() OVER (PARTITION BY figure_id ORDER BY claim_date, seq) = 1
),
counts AS (
    SELECT figure_id, count(DISTINCT article_id) AS appearances
    FROM stated
    GROUP BY figure_id
),
first_sites AS (
    SELECT article_id, site
    FROM articles
    WHERE article_id IN (SELECT article_id FROM firsts)
)
SELECT
    m.claim_id,
    m.figure_id,
    f.article_id = m.article_id AS is_first,
    f.claim_date AS first_date,
    s.site AS first_site,
    f.sources_named AS first_sources,
    n.appearances
FROM mine AS m
JOIN firsts AS f ON f.figure_id = m.figure_id
JOIN counts AS n ON n.figure_id = m.figure_id
LEFT JOIN first_sites AS s ON s.article_id = f.article_id;

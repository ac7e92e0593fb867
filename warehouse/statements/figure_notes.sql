-- For each claim of $claim_ids that has a figure: the figure's first appearance (date,
-- site, the sources it named), whether this claim's article is that first appearance,
-- and how many articles state the figure. Reads only the figures of those claims.
WITH mine AS (
    SELECT claim_id, figure_id
    FROM figure_claims
    WHERE claim_id IN (SELECT unnest($claim_ids::VARCHAR[]))
),
stated AS (
    SELECT
        fc.figure_id,
        c.article_id,
        c.seq,
        coalesce(a.published, CAST(a.fetched_at AS DATE)) AS claim_date,
        a.site,
        list_filter(c.source, lambda s: s <> 'author') AS sources_named
    FROM figure_claims AS fc
    JOIN claims AS c ON c.claim_id = fc.claim_id
    JOIN articles AS a ON a.article_id = c.article_id
    WHERE fc.figure_id IN (SELECT figure_id FROM mine)
),
firsts AS (
    SELECT *
    FROM stated
    QUALIFY row_number() OVER (PARTITION BY figure_id ORDER BY claim_date, seq) = 1
),
counts AS (
    SELECT figure_id, count(DISTINCT article_id) AS appearances
    FROM stated
    GROUP BY figure_id
)
SELECT
    m.claim_id,
    m.figure_id,
    f.article_id = c.article_id AS is_first,
    f.claim_date AS first_date,
    f.site AS first_site,
    f.sources_named AS first_sources,
    n.appearances
FROM mine AS m
JOIN claims AS c ON c.claim_id = m.claim_id
JOIN firsts AS f ON f.figure_id = m.figure_id
JOIN counts AS n ON n.figure_id = m.figure_id;

-- Articles stating each of the figures $figure_ids, per year of their claim_date (an
-- article counts once; syndicated copies not at all).
SELECT
    fc.figure_id,
    year(coalesce(a.published, CAST(a.fetched_at AS DATE))) AS year,
    count(DISTINCT c.article_id) AS appearances
FROM figure_claims AS fc
JOIN claims AS c ON c.claim_id = fc.claim_id
JOIN articles AS a ON a.article_id = c.article_id
WHERE fc.figure_id IN (SELECT unnest($figure_ids::VARCHAR[]))
GROUP BY ALL
ORDER BY fc.figure_id, year;

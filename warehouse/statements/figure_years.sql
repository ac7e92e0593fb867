-- Articles stating each of the figures $figure_ids, per year of their claim_date, and how
-- many of them name a source (an article counts once; syndicated copies not at all).
WITH stated AS (
    SELECT
        fc.figure_id,
        c.article_id,
        year(coalesce(a.published, CAST(a.fetched_at AS DATE))) AS year,
        bool_or(len(list_filter(c.source, lambda s: s <> 'author')) > 0) AS named
    FROM figure_claims AS fc
    JOIN claims AS c ON c.claim_id = fc.claim_id
    JOIN articles AS a ON a.article_id = c.article_id
    WHERE fc.figure_id IN (SELECT unnest($figure_ids::VARCHAR[]))
    GROUP BY ALL
)
SELECT figure_id, year, count(*) AS appearances, count(*) FILTER (WHERE named) AS named
FROM stated
GROUP BY ALL
ORDER BY figure_id, year;

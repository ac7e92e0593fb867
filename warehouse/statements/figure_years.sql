-- Articles stating each of the figures $figure_ids, per year of their claim_date, and how
-- many of them name a source (an article counts once; syndicated copies not at all).
WITH stated AS (
    SELECT figure_id, article_id, year(claim_date) AS year, bool_or(len(sources_named) > 0) AS named
    FROM figure_claims
    WHERE figure_id IN (SELECT unnest($figure_ids::VARCHAR[]))
    GROUP BY ALL
)
SELECT figure_id, year, count(*) AS appearances, count(*) FILTER (WHERE named) AS named
FROM stated
GROUP BY ALL
ORDER BY figure_id, year;

-- name: digest_fate_history
-- Claims per week and fate, by the article's publication date (or, without one, the
-- day the claim was stored), for the weeks starting on or after $start up to $end.
-- params: $start (date, a Monday), $end (date)
SELECT CAST(date_trunc('week', coalesce(a.published, CAST(c.created_at AS DATE))) AS DATE) AS week,
       c.fate,
       count(*) AS claims
FROM claims c
JOIN articles a ON a.article_id = c.article_id
WHERE a.duplicate_of IS NULL
  AND coalesce(a.published, CAST(c.created_at AS DATE)) BETWEEN $start AND $end
GROUP BY ALL
ORDER BY week, fate

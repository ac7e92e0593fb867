-- name: figure_lineage
-- One figure's history: first appearance, then each repeat with its outlet, the sources it names and its age; for a claim id, else the most stated figure of that count, fate and place.
-- params: $claim_id (text) = null, $count (int) = null, $fate (text) = null, $country (text) = null
WITH candidates AS (
    -- no claim given: the figures of that count, fate and place (each may be left out)
    SELECT figure_id
    FROM figures
    WHERE $claim_id IS NULL
      AND ($count IS NULL OR same_figure($count, $count, count_low, count_high))
      AND ($fate IS NULL OR fate = $fate)
      AND ($country IS NULL OR list_contains(places, upper($country)))
),
-- What figure_appearances shows, from figure_claims (which copies it from each claim) and
-- the claims' articles by key: one pass over figure_claims, none over every claim or
-- article, and no numbering of every figure's appearances as the view would do.
stated_any AS MATERIALIZED (
    SELECT *
    FROM figure_claims
    WHERE figure_id IN (
        SELECT figure_id FROM candidates
        UNION ALL
        SELECT figure_id FROM figure_claims WHERE claim_id = $claim_id
    )
),
wanted AS (
    -- the claim's figure, else the candidate stated by most claims
    SELECT figure_id
    FROM stated_any
    GROUP BY figure_id
    ORDER BY count(*) DESC, figure_id
    LIMIT 1
),
picked AS MATERIALIZED (
    SELECT * FROM stated_any WHERE figure_id IN (SELECT figure_id FROM wanted)
),
their_articles AS MATERIALIZED (
    SELECT article_id, site, title, url
    FROM articles
    WHERE article_id IN (SELECT article_id FROM picked)
),
stated AS (
    SELECT p.*, a.site, a.title, a.url
    FROM picked AS p
    JOIN their_articles AS a ON a.article_id = p.article_id
    QUALIFY row_number() OVER (PARTITION BY p.figure_id, p.article_id ORDER BY p.seq) = 1
),
ordered AS (
    SELECT
        s.*,
        row_number() OVER w AS appearance,
        first_value(s.claim_date) OVER w AS first_date,
        first_value(s.sources_named) OVER w AS first_sources
    FROM stated AS s
    WINDOW w AS (PARTITION BY s.figure_id ORDER BY s.claim_date, s.seq)
),
copies AS (
    SELECT duplicate_of AS article_id, count(*) AS syndicated_copies
    FROM articles
    WHERE duplicate_of IN (SELECT article_id FROM picked)
    GROUP BY duplicate_of
)
SELECT
    range_text(f.count_low, f.count_high) AS figure,
    f.subject,
    f.fate,
    f.polarity,
    f.places,
    o.appearance,
    o.claim_date,
    round(date_diff('day', o.first_date, o.claim_date) / 365.25, 1) AS years_after_first,
    o.site,
    o.sources_named,
    o.source_type,
    o.appearance > 1 AND len(list_intersect(o.sources_named, o.first_sources)) > 0
        AS credits_first_source,
    coalesce(k.syndicated_copies, 0) AS syndicated_copies,
    range_text(o.count_low, o.count_high) AS as_stated,
    o.title,
    o.url,
    o.claim_id,
    o.figure_id
FROM ordered AS o
JOIN figures AS f ON f.figure_id = o.figure_id
LEFT JOIN copies AS k ON k.article_id = o.article_id
ORDER BY f.subject, f.fate, f.places, o.figure_id, o.appearance;

-- name: figure_lineage
-- One figure's history: its first appearance, then each repeat with its outlet, the sources it names and its age (default: the most repeated figure).
-- params: $claim_id (text) = null, $count (int) = null, $fate (text) = null
WITH wanted AS (
    -- the figure of one claim
    SELECT figure_id FROM figure_claims WHERE claim_id = $claim_id
    UNION
    -- the figures a count states (for one fate, or any)
    SELECT figure_id
    FROM figures
    WHERE $count IS NOT NULL
      AND ($fate IS NULL OR fate = $fate)
      AND same_figure($count, $count, count_low, count_high)
    UNION
    -- neither given: the figure stated most often
    SELECT figure_id
    FROM (
        SELECT figure_id, count(*) AS claims
        FROM figure_claims
        GROUP BY figure_id
        ORDER BY claims DESC, figure_id
        LIMIT 1
    )
    WHERE $claim_id IS NULL AND $count IS NULL
),
-- figure_appearances' rows for the wanted figures only (filtering the view itself would
-- number every figure's appearances first: seconds on a big warehouse).
stated AS (
    SELECT
        fc.figure_id,
        c.claim_id,
        c.article_id,
        c.seq,
        coalesce(a.published, CAST(a.fetched_at AS DATE)) AS claim_date,
        a.site,
        a.title,
        a.url,
        c.source_type,
        list_filter(c.source, lambda s: s <> 'author') AS sources_named,
        c.count_low,
        c.count_high,
        c.sentence
    FROM figure_claims AS fc
    JOIN claims AS c ON c.claim_id = fc.claim_id
    JOIN articles AS a ON a.article_id = c.article_id
    WHERE fc.figure_id IN (SELECT figure_id FROM wanted)
    QUALIFY row_number() OVER (PARTITION BY fc.figure_id, c.article_id ORDER BY c.seq) = 1
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
    WHERE duplicate_of IN (SELECT article_id FROM stated)
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
    o.sentence,
    o.claim_id,
    o.figure_id
FROM ordered AS o
JOIN figures AS f ON f.figure_id = o.figure_id
LEFT JOIN copies AS k ON k.article_id = o.article_id
ORDER BY f.subject, f.fate, f.places, o.figure_id, o.appearance;

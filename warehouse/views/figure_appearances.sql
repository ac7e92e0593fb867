-- figure_appearances: one row per figure and article that states it, first appearance first.
-- An article that states the figure twice appears once; syndicated copies of an article
-- carry no claims, so they are counted here as that article's copies, never as repeats.
CREATE OR REPLACE VIEW figure_appearances AS
WITH stated AS (
    SELECT
        fc.figure_id,
        c.claim_id,
        c.article_id,
        c.seq,
        coalesce(a.published, CAST(a.fetched_at AS DATE)) AS claim_date,
        a.site,
        a.title,
        a.url,
        c.source,
        c.source_type,
        list_filter(c.source, lambda s: s <> 'author') AS sources_named,
        c.count_low,
        c.count_high,
        c.certainty,
        c.polarity,
        c.sentence
    FROM figure_claims AS fc
    JOIN claims AS c ON c.claim_id = fc.claim_id
    JOIN articles AS a ON a.article_id = c.article_id
    QUALIFY row_number() OVER (PARTITION BY fc.figure_id, c.article_id ORDER BY c.seq) = 1
),
copies AS (
    SELECT
        duplicate_of AS article_id,
        count(*) AS syndicated_copies,
        list_sort(list(DISTINCT site)) AS copy_sites
    FROM articles
    WHERE duplicate_of IS NOT NULL
    GROUP BY duplicate_of
),
ordered AS (
    SELECT
        s.*,
        row_number() OVER w AS appearance,
        first_value(s.claim_date) OVER w AS first_date,
        first_value(s.sources_named) OVER w AS first_sources
    FROM stated AS s
    WINDOW w AS (PARTITION BY s.figure_id ORDER BY s.claim_date, s.seq)
)
SELECT
    o.figure_id,
    o.appearance,
    o.appearance = 1 AS is_first,
    o.claim_date,
    date_diff('day', o.first_date, o.claim_date) AS days_after_first,
    o.site,
    o.title,
    o.url,
    o.article_id,
    o.claim_id,
    o.source,
    o.source_type,
    o.sources_named,
    len(o.sources_named) > 0 AS attributed,
    o.appearance > 1 AND len(list_intersect(o.sources_named, o.first_sources)) > 0
        AS credits_first_source,
    coalesce(k.syndicated_copies, 0) AS syndicated_copies,
    coalesce(k.copy_sites, []) AS copy_sites,
    o.count_low,
    o.count_high,
    range_text(o.count_low, o.count_high) AS count_range,
    o.certainty,
    o.polarity,
    o.sentence
FROM ordered AS o
LEFT JOIN copies AS k ON k.article_id = o.article_id;

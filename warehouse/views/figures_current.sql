-- figures_current: one row per figure (claims reporting the same quantity): its count, its
-- first appearance, how often and where it was repeated since, and how many other figures
-- compete for the same subject, fate and places. Counts as figure_appearances would, but
-- from figure_claims (which copies what it needs from each claim), to stay fast at scale.
CREATE OR REPLACE VIEW figures_current AS
WITH per_article AS MATERIALIZED (
    -- an article that states the figure twice appears once, with its first claim
    SELECT
        figure_id,
        article_id,
        any_value(claim_date) AS claim_date,
        min(seq) AS seq,
        arg_min(claim_id, seq) AS claim_id,
        arg_min(sources_named, seq) AS sources_named,
        arg_min(source_type, seq) AS source_type
    FROM figure_claims
    GROUP BY figure_id, article_id
),
firsts AS MATERIALIZED (
    SELECT
        figure_id,
        arg_min(article_id, struct_pack(d := claim_date, s := seq)) AS article_id,
        arg_min(claim_id, struct_pack(d := claim_date, s := seq)) AS claim_id,
        min(claim_date) AS claim_date,
        arg_min(sources_named, struct_pack(d := claim_date, s := seq)) AS sources_named,
        arg_min(source_type, struct_pack(d := claim_date, s := seq)) AS source_type
    FROM per_article
    GROUP BY figure_id
),
copies AS (
    SELECT duplicate_of AS article_id, count(*) AS syndicated_copies
    FROM articles
    WHERE duplicate_of IS NOT NULL
    GROUP BY duplicate_of
),
stats AS (
    SELECT
        p.figure_id,
        count(*) AS appearances,
        count(DISTINCT a.site) AS outlets,
        count(*) FILTER (WHERE p.claim_id <> f.claim_id AND len(p.sources_named) > 0)
            AS attributed_repeats,
        count(*) FILTER (WHERE p.claim_id <> f.claim_id AND len(p.sources_named) = 0)
            AS unattributed_repeats,
        count(*) FILTER (
            WHERE p.claim_id <> f.claim_id
              AND len(list_intersect(p.sources_named, f.sources_named)) > 0
        ) AS repeats_crediting_first,
        CAST(coalesce(sum(k.syndicated_copies), 0) AS BIGINT) AS syndicated_copies,
        max(p.claim_date) AS last_date
    FROM per_article AS p
    JOIN firsts AS f ON f.figure_id = p.figure_id
    JOIN articles AS a ON a.article_id = p.article_id
    LEFT JOIN copies AS k ON k.article_id = p.article_id
    GROUP BY p.figure_id
)
SELECT
    g.figure_id,
    g.subject,
    g.fate,
    g.polarity,
    g.places,
    g.count_low,
    g.count_high,
    range_text(g.count_low, g.count_high) AS count_range,
    f.claim_date AS first_date,
    a.site AS first_site,
    a.title AS first_title,
    a.url AS first_url,
    f.claim_id AS first_claim_id,
    f.sources_named AS first_source,
    f.source_type AS first_source_type,
    c.sentence AS first_sentence,
    s.appearances,
    s.appearances - 1 AS repeats,
    s.outlets,
    s.attributed_repeats,
    s.unattributed_repeats,
    s.repeats_crediting_first,
    s.syndicated_copies,
    s.last_date,
    date_diff('day', f.claim_date, s.last_date) AS age_days,
    round(date_diff('day', f.claim_date, s.last_date) / 365.25, 1) AS age_years,
    count(*) OVER (PARTITION BY g.subject, g.fate, g.places) - 1 AS competitors
FROM figures AS g
JOIN stats AS s ON s.figure_id = g.figure_id
JOIN firsts AS f ON f.figure_id = g.figure_id
JOIN articles AS a ON a.article_id = f.article_id
JOIN claims AS c ON c.claim_id = f.claim_id;

-- figures_current: one row per figure (claims reporting the same quantity): its count, its
-- first appearance, how often and where it was repeated since, and how many other figures
-- compete for the same subject, fate and places.
CREATE OR REPLACE VIEW figures_current AS
WITH stats AS (
    SELECT
        figure_id,
        count(*) AS appearances,
        count(DISTINCT site) AS outlets,
        count(*) FILTER (WHERE NOT is_first AND attributed) AS attributed_repeats,
        count(*) FILTER (WHERE NOT is_first AND NOT attributed) AS unattributed_repeats,
        count(*) FILTER (WHERE credits_first_source) AS repeats_crediting_first,
        sum(syndicated_copies) AS syndicated_copies,
        max(claim_date) AS last_date
    FROM figure_appearances
    GROUP BY figure_id
)
SELECT
    f.figure_id,
    f.subject,
    f.fate,
    f.polarity,
    f.places,
    f.count_low,
    f.count_high,
    range_text(f.count_low, f.count_high) AS count_range,
    p.claim_date AS first_date,
    p.site AS first_site,
    p.title AS first_title,
    p.url AS first_url,
    p.claim_id AS first_claim_id,
    p.sources_named AS first_source,
    p.source_type AS first_source_type,
    p.sentence AS first_sentence,
    s.appearances,
    s.appearances - 1 AS repeats,
    s.outlets,
    s.attributed_repeats,
    s.unattributed_repeats,
    s.repeats_crediting_first,
    CAST(s.syndicated_copies AS BIGINT) AS syndicated_copies,
    s.last_date,
    date_diff('day', p.claim_date, s.last_date) AS age_days,
    round(date_diff('day', p.claim_date, s.last_date) / 365.25, 1) AS age_years,
    count(*) OVER (PARTITION BY f.subject, f.fate, f.places) - 1 AS competitors
FROM figures AS f
JOIN stats AS s ON s.figure_id = f.figure_id
JOIN figure_appearances AS p ON p.figure_id = f.figure_id AND p.is_first;

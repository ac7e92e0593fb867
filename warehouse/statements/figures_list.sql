-- The figures of fate $fate (NULL: any) whose places include $country (NULL: any), most
-- stated first, at most $limit; each with up to 3 competing figures (same subject, fate
-- and places), most stated first.
WITH listed AS MATERIALIZED (
    SELECT *
    FROM figures_current
    WHERE ($fate IS NULL OR fate = $fate)
      AND ($country IS NULL OR list_contains(places, $country))
),
top AS (
    SELECT *
    FROM listed
    ORDER BY appearances DESC, first_date, figure_id
    LIMIT $limit
),
rivals AS (
    SELECT
        t.figure_id,
        list(
            struct_pack(
                count_low := o.count_low,
                count_high := o.count_high,
                polarity := o.polarity,
                first_date := o.first_date,
                first_site := o.first_site,
                first_source := o.first_source,
                appearances := o.appearances
            )
            ORDER BY o.appearances DESC, o.first_date, o.figure_id
        )[1:3] AS rivals
    FROM top AS t
    JOIN listed AS o
        ON o.subject = t.subject
        AND o.fate = t.fate
        AND o.places = t.places
        AND o.figure_id <> t.figure_id
    GROUP BY t.figure_id
)
SELECT
    t.figure_id, t.subject, t.fate, t.polarity, t.places, t.count_low, t.count_high,
    t.first_date, t.first_site, t.first_title, t.first_url, t.first_source,
    t.first_source_type, t.first_sentence, t.appearances, t.repeats, t.outlets,
    t.attributed_repeats, t.unattributed_repeats, t.syndicated_copies, t.last_date,
    t.age_years, t.competitors, coalesce(r.rivals, []) AS rivals
FROM top AS t
LEFT JOIN rivals AS r ON r.figure_id = t.figure_id
ORDER BY t.appearances DESC, t.first_date, t.figure_id;

-- name: contested_figures
-- Subjects, fates and places whose figures disagree (ranges miss each other) or are denied, with range and sources.
-- params: $since (date) = 1900-01-01, $limit (int) = 100
-- One row per subject, fate and place (a country or region the claims put them in or
-- say they come from). "counts disagree": some claim's lowest figure is above another's
-- highest; "denied": one claim denies what others affirm. Reads agg_contested:
-- everything from its 'all' rows (since 1900-01-01, the default), else whole years
-- from its 'year' rows, then whole months, then days.
WITH months AS (
    SELECT CAST(CASE WHEN day(CAST($since AS DATE)) = 1 THEN CAST($since AS DATE)
                     ELSE date_trunc('month', CAST($since AS DATE)) + INTERVAL 1 MONTH END
                AS DATE) AS first_month
),
cut AS (
    SELECT first_month,
           CAST(CASE WHEN month(first_month) = 1 THEN first_month
                     ELSE date_trunc('year', first_month) + INTERVAL 1 YEAR END
                AS DATE) AS first_year
    FROM months
),
grouped AS (
    SELECT
        subject,
        fate,
        place,
        sum(claims) AS claims,
        sum(figures) AS figures,
        sum(denials) AS denials,
        min(lowest_low) AS lowest_low,
        max(highest_low) AS highest_low,
        min(lowest_high) AS lowest_high,
        max(highest_high) AS highest_high,
        min(first_date) AS first_date,
        max(last_date) AS last_date,
        list_sort(list_distinct(flatten(list(sources)))) AS sources
    FROM agg_contested AS a, cut
    WHERE CASE WHEN CAST($since AS DATE) <= DATE '1900-01-01' THEN a.grain = 'all'
        ELSE CASE a.grain WHEN 'year' THEN a.period >= cut.first_year
        WHEN 'month' THEN a.period >= cut.first_month AND a.period < cut.first_year
        ELSE a.period >= $since AND a.period < cut.first_month END END
    GROUP BY subject, fate, place
)
SELECT
    subject,
    fate,
    place,
    concat_ws(' and ',
        CASE WHEN highest_low > lowest_high THEN 'counts disagree' END,
        CASE WHEN denials > 0 AND claims > denials THEN 'denied' END) AS conflict,
    claims,
    figures,
    denials,
    CAST(coalesce(least(lowest_low, lowest_high), lowest_high) AS VARCHAR) || '-'
        || coalesce(CAST(greatest(highest_high, highest_low) AS VARCHAR), '?') AS figure_range,
    lowest_high AS smallest_upper_bound,
    highest_low AS largest_lower_bound,
    first_date,
    last_date,
    len(sources) AS source_count,
    sources[1:12] AS sources
FROM grouped
WHERE highest_low > lowest_high OR (denials > 0 AND claims > denials)
ORDER BY figures DESC, claims DESC, subject, fate, place
LIMIT $limit;

-- name: where_they_went
-- Movements by fate: from where (as written) to which country, with claims, figures and sources.
-- params: $since (date) = 1900-01-01, $fate (text) = any
WITH moves AS (
    SELECT
        c.*,
        unnest(CASE WHEN len(c.from_location) = 0 THEN ['unstated'] ELSE c.from_location END)
            AS from_place
    FROM claims_current AS c
    WHERE c.claim_date >= $since AND ($fate = 'any' OR c.fate = $fate)
),
moves_to AS (
    SELECT
        m.*,
        unnest(
            CASE WHEN len(m.location_country) = 0 THEN ['unstated'] ELSE m.location_country END
        ) AS to_country
    FROM moves AS m
)
SELECT
    fate,
    from_place,
    to_country,
    count(DISTINCT claim_id) AS claims,
    list_sort(list_distinct(flatten(list(location)))) AS to_places,
    max(coalesce(count_high, count_low)) FILTER (WHERE polarity = 'affirms') AS largest_figure,
    list_sort(list_distinct(flatten(list(source)))) AS sources
FROM moves_to
GROUP BY fate, from_place, to_country
ORDER BY claims DESC, fate, from_place, to_country;

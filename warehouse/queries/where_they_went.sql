-- name: where_they_went
-- Movements by fate: from where (as written) to which country, with claims, figures and sources.
-- params: $since (date) = 1900-01-01, $fate (text) = any
-- Reads agg_moves (per day, fate, origin place and destination country, kept by each publish).
SELECT
    fate,
    from_place,
    to_country,
    sum(claims) AS claims,
    list_sort(list_distinct(flatten(list(to_places)))) AS to_places,
    max(largest_figure) AS largest_figure,
    list_sort(list_distinct(flatten(list(sources)))) AS sources
FROM agg_moves
WHERE claim_date >= $since AND ($fate = 'any' OR fate = $fate)
GROUP BY fate, from_place, to_country
ORDER BY claims DESC, fate, from_place, to_country;

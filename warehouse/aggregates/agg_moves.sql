-- agg_moves: claims per day, fate, place moved from (as written, or 'unstated') and
-- country moved to (or 'unstated'). Partial: a query merges rows per key.
SELECT
    f.claim_date,
    f.fate,
    from_place,
    to_country,
    count(*) AS claims,
    list_distinct(flatten(list(f.location))) AS to_places,
    max(coalesce(f.count_high, f.count_low)) FILTER (WHERE f.polarity = 'affirms')
        AS largest_figure,
    list_distinct(flatten(list(f.source))) AS sources
FROM claim_facts AS f,
    unnest(list_distinct(CASE WHEN len(f.from_location) = 0 THEN ['unstated']
                              ELSE f.from_location END)) AS m(from_place),
    unnest(list_distinct(CASE WHEN len(f.location_country) = 0 THEN ['unstated']
                              ELSE f.location_country END)) AS t(to_country)
GROUP BY f.claim_date, f.fate, from_place, to_country

-- agg_contested: per day, subject, fate and place (each place and origin of the claim):
-- claims, figures, denials, the bounds of the figures stated and who stated them.
-- Partial: a query merges rows per key and keeps the keys whose figures disagree.
SELECT
    f.claim_date,
    f.subject,
    f.fate,
    p.place,
    count(*) AS claims,
    count(*) FILTER (WHERE f.polarity = 'affirms'
                     AND (f.count_low IS NOT NULL OR f.count_high IS NOT NULL)) AS figures,
    count(*) FILTER (WHERE f.polarity = 'denies') AS denials,
    min(f.count_low) FILTER (WHERE f.polarity = 'affirms') AS lowest_low,
    max(f.count_low) FILTER (WHERE f.polarity = 'affirms') AS highest_low,
    min(f.count_high) FILTER (WHERE f.polarity = 'affirms') AS lowest_high,
    max(f.count_high) FILTER (WHERE f.polarity = 'affirms') AS highest_high,
    list_distinct(flatten(list(f.source))) AS sources
FROM claim_facts AS f, unnest(list_distinct(f.location_country || f.origin)) AS p(place)
GROUP BY f.claim_date, f.subject, f.fate, p.place

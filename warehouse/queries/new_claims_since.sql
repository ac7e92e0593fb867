-- name: new_claims_since
-- Claims stored since a date (default: the last 7 days), newest first, with their sources.
-- params: $since (date) = null
SELECT
    created_at,
    seq,
    fate,
    subject,
    origin,
    count_range,
    location,
    array_to_string(source, '; ') AS source,
    source_type,
    certainty,
    polarity,
    title,
    url,
    sentence
FROM claims_current
WHERE created_at >= coalesce(CAST($since AS DATE), current_date - INTERVAL 7 DAY)
ORDER BY seq DESC;

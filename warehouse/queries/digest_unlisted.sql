-- name: digest_unlisted
-- Claims a digest carried but did not list (a digest lists only its newest claims), newest first.
-- params: $digest (text) = latest, $listed (int) = 500
-- $digest: a digest id (see `claimwatch digest --help`), or latest; $listed: how many it listed.
WITH chosen AS (
    SELECT digest_id FROM digests
    WHERE digest_id = $digest
       OR ($digest = 'latest' AND created_at = (SELECT max(created_at) FROM digests))
)
SELECT c.seq, c.created_at, c.fate, c.subject, c.origin, c.count_range, c.location,
       array_to_string(c.source, '; ') AS source, c.polarity, c.title, c.url, c.sentence
FROM digest_claims AS dc
JOIN chosen USING (digest_id)
JOIN claims_current AS c USING (claim_id)
QUALIFY row_number() OVER (ORDER BY c.seq DESC) > $listed
ORDER BY c.seq DESC;

-- name: digest_pending_count
-- How many claims the next digest carries (see digest_pending_claims; uncapped), and the
-- oldest and newest of them by seq.
-- params: $since (timestamp or NULL)
SELECT count(*), min(c.seq), max(c.seq)
FROM claims c
LEFT JOIN digest_claims dc ON dc.claim_id = c.claim_id
LEFT JOIN digests d ON d.digest_id = dc.digest_id
WHERE (d.status IS NULL OR d.status <> 'sent')
  AND (d.status = 'pending' OR $since IS NULL OR c.created_at >= $since)

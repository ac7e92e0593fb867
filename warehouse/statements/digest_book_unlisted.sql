-- name: digest_book_unlisted
-- Book into $digest_id every other claim of no sent digest (those a capped digest counts
-- but does not list; the same selection as digest_pending_count), up to seq $up_to (the
-- newest the digest saw: claims stored since go into the next digest).
-- params: $digest_id, $since (timestamp or NULL), $up_to (int)
INSERT INTO digest_claims (claim_id, digest_id)
SELECT c.claim_id, $digest_id
FROM claims c
LEFT JOIN digest_claims dc ON dc.claim_id = c.claim_id
LEFT JOIN digests d ON d.digest_id = dc.digest_id
WHERE (d.status IS NULL OR d.status <> 'sent')
  AND (d.status = 'pending' OR $since IS NULL OR c.created_at >= $since)
  AND dc.digest_id IS DISTINCT FROM $digest_id
  AND c.seq <= $up_to
ON CONFLICT (claim_id) DO UPDATE SET digest_id = excluded.digest_id

-- name: digest_book_claims
-- Book claims into a pending digest; a claim booked into another pending digest moves.
-- Callers pass only claims of no sent digest (digest_pending_claims).
-- params: $digest_id, $claim_ids (list)
INSERT INTO digest_claims (claim_id, digest_id)
SELECT claim_id, $digest_id FROM (SELECT unnest($claim_ids) AS claim_id)
ON CONFLICT (claim_id) DO UPDATE SET digest_id = excluded.digest_id

-- name: digest_list
-- The ledger, newest first.
SELECT digest_id, created_at, sent_at, status, recipients, claim_count, subject, attempts,
       last_error
FROM digests
ORDER BY created_at DESC, digest_id

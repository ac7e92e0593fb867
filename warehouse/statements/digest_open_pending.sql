-- name: digest_open_pending
-- The oldest digest booked but not yet sent, if any.
SELECT digest_id FROM digests WHERE status = 'pending' ORDER BY created_at, digest_id LIMIT 1

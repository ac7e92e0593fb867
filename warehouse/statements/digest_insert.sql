-- name: digest_insert
-- Open a pending digest.
-- params: $digest_id, $created_at, $recipients, $subject
INSERT INTO digests (digest_id, created_at, status, recipients, claim_count, subject)
VALUES ($digest_id, $created_at, 'pending', $recipients, 0, $subject)

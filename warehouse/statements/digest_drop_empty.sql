-- name: digest_drop_empty
-- Remove pending digests whose claims all moved to another pending digest.
DELETE FROM digests
WHERE status = 'pending'
  AND digest_id NOT IN (SELECT DISTINCT digest_id FROM digest_claims)

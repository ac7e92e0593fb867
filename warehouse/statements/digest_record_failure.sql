-- name: digest_record_failure
-- Count a failed send of a pending digest and keep the reason; its claims stay booked.
-- params: $digest_id, $error
UPDATE digests SET attempts = attempts + 1, last_error = $error
WHERE digest_id = $digest_id AND status = 'pending'

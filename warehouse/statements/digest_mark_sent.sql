-- name: digest_mark_sent
-- Record that the SMTP server accepted a pending digest.
-- params: $digest_id, $sent_at
UPDATE digests SET status = 'sent', sent_at = $sent_at, last_error = NULL
WHERE digest_id = $digest_id AND status = 'pending'

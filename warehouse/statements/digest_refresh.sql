-- name: digest_refresh
-- Update a pending digest's subject, recipients and claim count after booking.
-- params: $digest_id, $recipients, $subject
UPDATE digests
SET recipients = $recipients,
    subject = $subject,
    claim_count = (SELECT count(*) FROM digest_claims WHERE digest_id = $digest_id)
WHERE digest_id = $digest_id AND status = 'pending'

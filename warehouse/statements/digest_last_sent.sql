-- name: digest_last_sent
-- When the last digest was accepted by the SMTP server (NULL before the first one).
SELECT max(sent_at) FROM digests WHERE status = 'sent'

-- feeds_current: each polled feed's state (validators, last status, back-off).
CREATE OR REPLACE VIEW feeds_current AS
SELECT
    f.feed_url,
    f.name,
    f.last_status,
    f.last_fetched_at,
    f.failures,
    f.next_attempt_at,
    f.etag,
    f.last_modified
FROM feeds AS f;

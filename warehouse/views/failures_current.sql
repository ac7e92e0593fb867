-- failures_current: feeds and pages that could not be used, by run, with the reason.
CREATE OR REPLACE VIEW failures_current AS
SELECT
    f.run_id,
    f.failed_at,
    f.stage,
    f.reason,
    f.url,
    f.feed_url,
    f.detail
FROM fetch_failures AS f;

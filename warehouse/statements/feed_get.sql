SELECT feed_url, name, etag, last_modified, last_fetched_at, last_status, failures,
       next_attempt_at
FROM feeds
WHERE feed_url = $feed_url;

-- 0003_entry_memory: what became of every feed entry, so a seen entry is never fetched again.
--
-- An entry is known by two aliases: 'url ' || its normalised link, and
-- 'guid ' || the feed's configured name || ' ' || its GUID. Both point at the article the entry led to
-- (whatever URL the page declared as canonical), or, while its page is refused, hold
-- the reason and when a retry is due.

CREATE TABLE entry_aliases (
    alias      VARCHAR PRIMARY KEY,
    feed_url   VARCHAR NOT NULL,
    article_id VARCHAR,                        -- the article the entry led to; NULL while refused
    reason     VARCHAR,                        -- why its page was refused (fetch_failures.reason)
    failures   INTEGER NOT NULL DEFAULT 0,     -- refusals in a row
    retry_at   TIMESTAMP,                      -- a refused page is not fetched again before this
    seen_at    TIMESTAMP NOT NULL              -- when the entry was last dealt with
);

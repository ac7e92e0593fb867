-- 0001_init, DuckLake variant: the same tables without PRIMARY KEY, UNIQUE or sequence,
-- which DuckLake does not have. Keys are the same stable hashes (warehouse/keys.py);
-- writes insert only what is not stored yet, inside write transactions that DuckLake
-- serialises (warehouse/lake.py), so a repeated or concurrent run adds nothing twice.
-- claims.seq is the highest seq plus one (statements/ducklake/claim_insert.sql).

CREATE TABLE runs (
    run_id            VARCHAR NOT NULL,
    flow              VARCHAR NOT NULL,          -- monitor_feeds, reprocess, ...
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,                 -- NULL while running or after a crash
    status            VARCHAR NOT NULL,          -- running, completed, failed
    extractor_version VARCHAR NOT NULL,
    summary           JSON                       -- counts by outcome, written at the end
);

CREATE TABLE feeds (
    feed_url        VARCHAR NOT NULL,
    name            VARCHAR,
    etag            VARCHAR,
    last_modified   VARCHAR,
    last_fetched_at TIMESTAMP,
    last_status     VARCHAR,                     -- ok, not_modified, or a failure reason
    failures        INTEGER NOT NULL DEFAULT 0,  -- consecutive failures
    next_attempt_at TIMESTAMP                    -- back-off: skip the feed until then
);

CREATE TABLE articles (
    article_id        VARCHAR NOT NULL,          -- hash of the normalised URL
    url               VARCHAR NOT NULL,
    normalized_url    VARCHAR NOT NULL,
    feed_url          VARCHAR,
    title             VARCHAR,
    author            VARCHAR,
    site              VARCHAR,
    language          VARCHAR,
    published         DATE,
    fetched_at        TIMESTAMP NOT NULL,
    text              VARCHAR NOT NULL,
    fingerprint       VARCHAR NOT NULL,          -- text fingerprint: syndicated copies share it
    duplicate_of      VARCHAR,                   -- article_id of the first copy, or NULL
    run_id            VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);

CREATE TABLE claims (
    claim_id          VARCHAR NOT NULL,          -- hash of article and claim content
    article_id        VARCHAR NOT NULL,
    doc               VARCHAR NOT NULL,
    sentence          VARCHAR NOT NULL,
    subject           VARCHAR NOT NULL,
    origin            VARCHAR[] NOT NULL,
    fate              VARCHAR NOT NULL,
    count_low         BIGINT,
    count_high        BIGINT,
    share             DOUBLE,
    location          VARCHAR[] NOT NULL,
    location_country  VARCHAR[] NOT NULL,
    from_location     VARCHAR[] NOT NULL,
    counterpart       VARCHAR,
    time_text         VARCHAR,
    year              INTEGER,
    source            VARCHAR[] NOT NULL,
    source_type       VARCHAR NOT NULL,
    certainty         VARCHAR NOT NULL,
    polarity          VARCHAR NOT NULL,
    seq               BIGINT NOT NULL,           -- insertion order, for "new since"
    created_at        TIMESTAMP NOT NULL,
    run_id            VARCHAR NOT NULL,
    extractor_version VARCHAR NOT NULL
);

CREATE TABLE fetch_failures (
    run_id    VARCHAR NOT NULL,
    url       VARCHAR NOT NULL,
    feed_url  VARCHAR,
    stage     VARCHAR NOT NULL,                  -- feed, page, text
    reason    VARCHAR NOT NULL,                  -- timeout, too_large, not_html, binary, ...
    detail    VARCHAR,
    failed_at TIMESTAMP NOT NULL
);

-- 0002_digests, DuckLake variant: the same tables without PRIMARY KEY (DuckLake has none;
-- digest writes are write transactions, serialised by warehouse/lake.py).
--
-- The digest ledger, so every claim is mailed once and none is lost.
--
-- A claim belongs to at most one digest (digest_claims' key is claim_id alone).
-- A run first books the claims into a 'pending' digest, then mails it, then marks it
-- 'sent'. A failed send leaves the digest pending: the next run re-sends it (topped
-- up with claims that arrived since). A crash after the mail went out but before
-- 'sent' was written is, at worst, the same claims mailed twice; never a lost claim.

CREATE TABLE digests (
    digest_id   VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,              -- when the claims were first booked (UTC)
    sent_at     TIMESTAMP,                       -- when the SMTP server accepted it; NULL while pending
    status      VARCHAR NOT NULL,                -- pending, sent
    recipients  VARCHAR NOT NULL,                -- comma-separated, as of the last attempt
    claim_count INTEGER NOT NULL,
    subject     VARCHAR NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,      -- failed sends so far
    last_error  VARCHAR                          -- why the last attempt failed
);

CREATE TABLE digest_claims (
    claim_id  VARCHAR NOT NULL,                  -- one digest per claim, ever
    digest_id VARCHAR NOT NULL
);

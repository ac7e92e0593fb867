-- The claims `save_figures` is placing, one connection's scratch table (TEMP: never
-- stored, never published). `batch` orders the work: a batch sees the figures that
-- earlier batches founded. `figure_id` is NULL until the claim has a figure.
CREATE TEMP TABLE IF NOT EXISTS figure_batch (
    claim_id      VARCHAR NOT NULL,
    batch         BIGINT NOT NULL,
    article_id    VARCHAR NOT NULL,
    seq           BIGINT NOT NULL,
    claim_date    DATE NOT NULL,
    sources_named VARCHAR[] NOT NULL,
    source_type   VARCHAR NOT NULL,
    subject       VARCHAR NOT NULL,
    fate          VARCHAR NOT NULL,
    polarity      VARCHAR NOT NULL,
    places        VARCHAR[] NOT NULL,
    figure_key    UBIGINT NOT NULL,
    count_low     BIGINT,
    count_high    BIGINT,
    figure_id     VARCHAR,
    founds        BOOLEAN NOT NULL DEFAULT false
);

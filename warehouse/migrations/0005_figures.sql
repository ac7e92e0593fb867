-- 0005_figures: figures (claims that report the same quantity) and which claim belongs to
-- which figure, so the lineage of a number can be followed (issue #11).
--
-- Two claims report the same figure when they have the same subject, fate, polarity and
-- place set (the sorted, distinct codes of location_country and origin) and their counts
-- agree (`same_figure`): midpoints within 2%, or one interval inside the other with
-- midpoints within 15% ("more than 41,000" repeats "41,490"; "thousands" repeats nothing).
-- Denials without a number are one figure per subject, fate and places.
--
-- A figure keeps the count of the claim that founded it; its first appearance, repeats,
-- age and competitors are derived in the views (figures_current, figure_appearances).
-- Rows are written with their claims, in the same transaction (warehouse/figures.py).
-- `claimwatch reprocess` re-derives every figure; on a warehouse that predates this
-- migration, that is also how the claims already stored get theirs.

CREATE TABLE figures (
    figure_id  VARCHAR PRIMARY KEY,              -- the claim_id of the claim that founded it
    subject    VARCHAR NOT NULL,
    fate       VARCHAR NOT NULL,
    polarity   VARCHAR NOT NULL,
    places     VARCHAR[] NOT NULL,               -- figure_places(location_country, origin)
    figure_key UBIGINT NOT NULL,                 -- figure_key(subject, fate, polarity, places)
    count_low  BIGINT,                           -- the founding claim's interval
    count_high BIGINT,
    run_id     VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- What a figure's history shows of each claim is copied here (claims never change), so
-- the history of a figure reads this table and its articles, never every claim.
CREATE TABLE figure_claims (
    claim_id      VARCHAR PRIMARY KEY,           -- a claim belongs to one figure at most
    figure_id     VARCHAR NOT NULL,
    article_id    VARCHAR NOT NULL,
    seq           BIGINT NOT NULL,               -- the claim's seq
    claim_date    DATE NOT NULL,                 -- its article's published date, else fetched
    sources_named VARCHAR[] NOT NULL,            -- its sources other than 'author'
    source_type   VARCHAR NOT NULL,
    count_low     BIGINT,                        -- its interval as stated
    count_high    BIGINT,
    run_id        VARCHAR NOT NULL,
    assigned_at   TIMESTAMP NOT NULL
);

-- The place set a figure is about: where they are and where they come from.
CREATE MACRO figure_places(location_country, origin) AS
    list_sort(list_distinct(location_country || origin));

-- The quantity a figure measures, as one number to join on quickly: 64 bits of the md5 of
-- subject, fate, polarity and places (md5, unlike hash(), never changes between releases).
CREATE MACRO figure_key(subject, fate, polarity, places) AS
    md5_number_upper(subject || '|' || fate || '|' || polarity || '|' || array_to_string(places, ','));

-- The point a count interval stands for: its midpoint, or its one known bound.
CREATE MACRO figure_mid(lo, hi) AS
    CASE
        WHEN lo IS NOT NULL AND hi IS NOT NULL THEN (lo + hi) / 2.0
        ELSE CAST(coalesce(lo, hi) AS DOUBLE)
    END;

-- Whether intervals a and b state the same figure (NULL bounds are open).
CREATE MACRO same_figure(alo, ahi, blo, bhi) AS
    CASE
        WHEN coalesce(alo, ahi) IS NULL OR coalesce(blo, bhi) IS NULL
            THEN coalesce(alo, ahi) IS NULL AND coalesce(blo, bhi) IS NULL
        ELSE
            abs(figure_mid(alo, ahi) - figure_mid(blo, bhi))
                <= 0.02 * greatest(figure_mid(alo, ahi), figure_mid(blo, bhi))
            OR (
                abs(figure_mid(alo, ahi) - figure_mid(blo, bhi))
                    <= 0.15 * greatest(figure_mid(alo, ahi), figure_mid(blo, bhi))
                AND (
                    (coalesce(blo, 0) <= coalesce(alo, 0)
                     AND coalesce(CAST(ahi AS DOUBLE), 'infinity') <= coalesce(CAST(bhi AS DOUBLE), 'infinity'))
                    OR (coalesce(alo, 0) <= coalesce(blo, 0)
                     AND coalesce(CAST(bhi AS DOUBLE), 'infinity') <= coalesce(CAST(ahi AS DOUBLE), 'infinity'))
                )
            )
    END;

-- A count interval as text, as claims_current.count_range writes it: 500, 200-999, >=300, <=60.
CREATE MACRO range_text(lo, hi) AS
    CASE
        WHEN lo IS NULL AND hi IS NULL THEN NULL
        WHEN lo = hi THEN CAST(lo AS VARCHAR)
        WHEN hi IS NULL THEN '>=' || CAST(lo AS VARCHAR)
        WHEN lo IS NULL THEN '<=' || CAST(hi AS VARCHAR)
        ELSE CAST(lo AS VARCHAR) || '-' || CAST(hi AS VARCHAR)
    END;

-- agg_origins: returnees and travellers per day, origin (or 'unstated') and fate, with
-- the day's latest and highest figure. Partial: a query merges rows per key.
WITH by_origin AS (
    SELECT
        f.*,
        o.origin_code,
        f.polarity = 'affirms' AND (f.count_low IS NOT NULL OR f.count_high IS NOT NULL)
            AS is_figure,
        CASE
            WHEN f.count_low = f.count_high THEN CAST(f.count_low AS VARCHAR)
            WHEN f.count_high IS NULL THEN '>=' || CAST(f.count_low AS VARCHAR)
            WHEN f.count_low IS NULL THEN '<=' || CAST(f.count_high AS VARCHAR)
            ELSE CAST(f.count_low AS VARCHAR) || '-' || CAST(f.count_high AS VARCHAR)
        END AS count_range,
        array_to_string(f.source, '; ') || ' (' || coalesce(f.site, f.url) || ')' AS cited
    FROM claim_facts AS f,
        unnest(CASE WHEN len(f.origin) = 0 THEN ['unstated'] ELSE f.origin END) AS o(origin_code)
    WHERE f.fate IN ('returned', 'travelled')
)
SELECT
    claim_date,
    origin_code,
    fate,
    count(*) AS claims,
    count(*) FILTER (WHERE polarity = 'denies') AS denials,
    count(*) FILTER (WHERE is_figure) AS figures,
    arg_max({'seq': seq, 'figure': count_range, 'cited': cited}, seq)
        FILTER (WHERE is_figure) AS latest,
    arg_max({'value': coalesce(count_high, count_low), 'seq': seq, 'figure': count_range,
             'cited': cited}, (coalesce(count_high, count_low), seq))
        FILTER (WHERE is_figure) AS highest,
    list_distinct(flatten(list(source))) AS sources
FROM by_origin
GROUP BY claim_date, origin_code, fate

-- Give each waiting claim of batch $batch the stored figure it matches: same subject,
-- fate, polarity and places (figure_key), and `same_figure` counts. When several match,
-- the nearest count wins, then the lowest figure_id. Claims that match none keep NULL.
UPDATE figure_batch
SET figure_id = best.figure_id
FROM (
    SELECT b.claim_id, f.figure_id
    FROM figure_batch AS b
    JOIN figures AS f ON f.figure_key = b.figure_key
    WHERE b.batch = $batch
      AND b.figure_id IS NULL
      AND same_figure(b.count_low, b.count_high, f.count_low, f.count_high)
    QUALIFY row_number() OVER (
        PARTITION BY b.claim_id
        ORDER BY
            coalesce(abs(figure_mid(b.count_low, b.count_high)
                         - figure_mid(f.count_low, f.count_high)), 0),
            f.figure_id
    ) = 1
) AS best
WHERE figure_batch.claim_id = best.claim_id AND figure_batch.batch = $batch;

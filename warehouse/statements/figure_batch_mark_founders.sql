-- Of the claims of batch $batch that match no stored figure, mark those that no earlier
-- one of them (article date, then arrival) matches: each founds a new figure.
UPDATE figure_batch
SET founds = true
WHERE batch = $batch
  AND figure_id IS NULL
  AND NOT EXISTS (
      SELECT 1
      FROM figure_batch AS q
      WHERE q.batch = $batch
        AND q.figure_id IS NULL
        AND q.figure_key = figure_batch.figure_key
        AND (q.claim_date < figure_batch.claim_date
             OR (q.claim_date = figure_batch.claim_date AND q.seq < figure_batch.seq))
        AND same_figure(q.count_low, q.count_high, figure_batch.count_low, figure_batch.count_high)
  );

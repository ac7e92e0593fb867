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
        AND q.subject = figure_batch.subject
        AND q.fate = figure_batch.fate
        AND q.polarity = figure_batch.polarity
        AND q.places = figure_batch.places
        AND (q.claim_date < figure_batch.claim_date
             OR (q.claim_date = figure_batch.claim_date AND q.seq < figure_batch.seq))
        AND same_figure(q.count_low, q.count_high, figure_batch.count_low, figure_batch.count_high)
  );

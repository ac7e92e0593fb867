-- Store the figures that the marked claims of batch $batch found; a figure's id is its
-- founding claim's id and its count that claim's count.
INSERT INTO figures
    (figure_id, subject, fate, polarity, places, figure_key, count_low, count_high, run_id,
     created_at)
SELECT
    claim_id, subject, fate, polarity, places, figure_key, count_low, count_high, $run_id,
    $created_at
FROM figure_batch
WHERE batch = $batch AND figure_id IS NULL AND founds
ON CONFLICT DO NOTHING
RETURNING figure_id;

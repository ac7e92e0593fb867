-- The marked claims of batch $batch belong to the figures they founded.
UPDATE figure_batch SET figure_id = claim_id WHERE batch = $batch AND figure_id IS NULL AND founds;

-- How many claims of batch $batch have no figure yet.
SELECT count(*) FROM figure_batch WHERE batch = $batch AND figure_id IS NULL;

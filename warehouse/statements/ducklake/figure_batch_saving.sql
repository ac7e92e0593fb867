-- DuckLake: what figure_batch_save.sql is about to insert (its RETURNING on a DuckDB file):
-- for each new link, whether its claim founded the figure.
SELECT figure_id = claim_id AS founded
FROM figure_batch
WHERE batch = $batch AND figure_id IS NOT NULL
  AND claim_id NOT IN (SELECT claim_id FROM figure_claims);

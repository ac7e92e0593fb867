-- Record the figures of batch $batch's claims; a claim that already had one keeps it.
INSERT INTO figure_claims
    (claim_id, figure_id, article_id, seq, claim_date, sources_named, source_type, count_low,
     count_high, run_id, assigned_at)
SELECT
    claim_id, figure_id, article_id, seq, claim_date, sources_named, source_type, count_low,
    count_high, $run_id, $assigned_at
FROM figure_batch
WHERE batch = $batch AND figure_id IS NOT NULL
ON CONFLICT DO NOTHING
RETURNING figure_id = claim_id AS founded;

-- Forget the figures of claims that were deleted (reprocess).
DELETE FROM figure_claims WHERE claim_id IN (SELECT unnest($claim_ids::VARCHAR[]));

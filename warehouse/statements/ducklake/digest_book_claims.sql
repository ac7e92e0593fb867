-- name: digest_book_claims
-- DuckLake (no keys): the same upsert as a MERGE; inside a write transaction.
-- params: $digest_id, $claim_ids (list)
MERGE INTO digest_claims AS d
USING (SELECT DISTINCT unnest($claim_ids::VARCHAR[]) AS claim_id) AS s
ON d.claim_id = s.claim_id
WHEN MATCHED THEN UPDATE SET digest_id = $digest_id
WHEN NOT MATCHED THEN INSERT (claim_id, digest_id) VALUES (s.claim_id, $digest_id)

-- name: digest_book_unlisted
-- DuckLake (no keys): digest_book_unlisted's upsert as a MERGE; inside a write transaction.
-- params: $digest_id, $since (timestamp or NULL), $up_to (int)
MERGE INTO digest_claims AS dc
USING (
    SELECT c.claim_id
    FROM claims c
    LEFT JOIN digest_claims b ON b.claim_id = c.claim_id
    LEFT JOIN digests d ON d.digest_id = b.digest_id
    WHERE (d.status IS NULL OR d.status <> 'sent')
      AND (d.status = 'pending' OR $since IS NULL OR c.created_at >= $since)
      AND b.digest_id IS DISTINCT FROM $digest_id
      AND c.seq <= $up_to
) AS s
ON dc.claim_id = s.claim_id
WHEN MATCHED THEN UPDATE SET digest_id = $digest_id
WHEN NOT MATCHED THEN INSERT (claim_id, digest_id) VALUES (s.claim_id, $digest_id)

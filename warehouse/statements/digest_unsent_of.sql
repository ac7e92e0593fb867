-- name: digest_unsent_of
-- Those of $claim_ids that no sent digest carries. The digest reads the read copy, a
-- snapshot; the ledger may have moved since, and a claim must never be mailed twice.
SELECT c.claim_id
FROM (SELECT unnest($claim_ids::VARCHAR[]) AS claim_id) AS c
WHERE NOT EXISTS (
    SELECT 1
    FROM digest_claims AS dc
    JOIN digests AS d ON d.digest_id = dc.digest_id
    WHERE dc.claim_id = c.claim_id AND d.status = 'sent'
);

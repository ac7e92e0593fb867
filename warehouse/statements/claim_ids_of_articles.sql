-- The stored claims of $article_ids (articles a batch found already stored).
SELECT article_id, claim_id
FROM claims
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));

-- Remove an article's claims whose key is not among the new ones (reprocess).
DELETE FROM claims
WHERE article_id = $article_id AND NOT list_contains($keep::VARCHAR[], claim_id);

SELECT claim_id FROM claims WHERE article_id = $article_id;

-- DuckLake: which of $article_ids are stored already (append.save_articles).
SELECT article_id FROM articles WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));

SELECT article_id FROM articles WHERE normalized_url = $normalized_url;

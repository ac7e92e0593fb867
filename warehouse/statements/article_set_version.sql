UPDATE articles SET extractor_version = $extractor_version WHERE article_id = $article_id;

SELECT normalized_url FROM articles WHERE list_contains($urls::VARCHAR[], normalized_url);

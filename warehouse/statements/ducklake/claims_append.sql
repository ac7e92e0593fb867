-- DuckLake (no sequences): a batch of new claims, passed as one JSON array ($claims,
-- warehouse/append.py); seq continues the highest one, in array order. Inside a write
-- transaction, which DuckLake serialises, so seq stays unique and increasing.
INSERT INTO claims (
    claim_id, article_id, doc, sentence, subject, origin, fate, count_low, count_high, share,
    location, location_country, from_location, counterpart, time_text, year, source,
    source_type, certainty, polarity, seq, created_at, run_id, extractor_version
)
SELECT c.claim_id, c.article_id, c.doc, c.sentence, c.subject, c.origin, c.fate,
       c.count_low, c.count_high, c.share, c.location, c.location_country, c.from_location,
       c.counterpart, c.time_text, c.year, c.source, c.source_type, c.certainty, c.polarity,
       (SELECT coalesce(max(seq), 0) FROM claims) + row_number() OVER (), $created_at, $run_id, $extractor_version
FROM (
    SELECT unnest(from_json($claims, '[{"claim_id": "VARCHAR", "article_id": "VARCHAR",
        "doc": "VARCHAR", "sentence": "VARCHAR", "subject": "VARCHAR", "origin": ["VARCHAR"],
        "fate": "VARCHAR", "count_low": "BIGINT", "count_high": "BIGINT", "share": "DOUBLE",
        "location": ["VARCHAR"], "location_country": ["VARCHAR"],
        "from_location": ["VARCHAR"], "counterpart": "VARCHAR", "time_text": "VARCHAR",
        "year": "INTEGER", "source": ["VARCHAR"], "source_type": "VARCHAR",
        "certainty": "VARCHAR", "polarity": "VARCHAR"}]')) AS c
);

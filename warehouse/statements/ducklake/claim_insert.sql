-- DuckLake (no keys, no sequences): a plain insert. write._insert_claims, inside a write
-- transaction (which DuckLake serialises), skips the keys stored already and numbers
-- seq on from the highest one (claims_max_seq.sql), so seq stays unique and increasing.
INSERT INTO claims (
    claim_id, article_id, doc, sentence, subject, origin, fate, count_low, count_high, share,
    location, location_country, from_location, counterpart, time_text, year, source,
    source_type, certainty, polarity, seq, created_at, run_id, extractor_version
) VALUES (
    $claim_id, $article_id, $doc, $sentence, $subject, $origin::VARCHAR[], $fate, $count_low,
    $count_high, $share, $location::VARCHAR[], $location_country::VARCHAR[],
    $from_location::VARCHAR[], $counterpart, $time_text, $year, $source::VARCHAR[],
    $source_type, $certainty, $polarity, $seq, $created_at, $run_id, $extractor_version
);

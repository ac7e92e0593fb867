-- DuckLake (no keys, no sequences): insert unless stored; seq continues the highest one.
-- Runs inside a write transaction, which serialises writers, so seq stays unique.
INSERT INTO claims (
    claim_id, article_id, doc, sentence, subject, origin, fate, count_low, count_high, share,
    location, location_country, from_location, counterpart, time_text, year, source,
    source_type, certainty, polarity, seq, created_at, run_id, extractor_version
)
SELECT
    $claim_id, $article_id, $doc, $sentence, $subject, $origin::VARCHAR[], $fate, $count_low,
    $count_high, $share, $location::VARCHAR[], $location_country::VARCHAR[],
    $from_location::VARCHAR[], $counterpart, $time_text, $year, $source::VARCHAR[],
    $source_type, $certainty, $polarity,
    (SELECT coalesce(max(seq), 0) + 1 FROM claims), $created_at, $run_id, $extractor_version
WHERE NOT EXISTS (SELECT 1 FROM claims WHERE claim_id = $claim_id);

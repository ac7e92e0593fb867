INSERT INTO runs (run_id, flow, started_at, status, extractor_version)
VALUES ($run_id, $flow, $started_at, 'running', $extractor_version);

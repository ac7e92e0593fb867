UPDATE runs
SET finished_at = $finished_at, status = $status, summary = $summary::JSON
WHERE run_id = $run_id;

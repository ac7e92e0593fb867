-- name: runs_close_interrupted
-- Runs of $flow still marked running when no process runs that flow any more (the caller
-- holds the flow's run lock): closed as failed, with why.
UPDATE runs
SET status = 'failed', finished_at = $finished_at, summary = $summary::JSON
WHERE flow = $flow AND status = 'running'
RETURNING run_id;

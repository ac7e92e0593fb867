-- runs_current: the run ledger, with how many articles and claims each run stored.
CREATE OR REPLACE VIEW runs_current AS
SELECT
    r.run_id,
    r.flow,
    r.status,
    r.started_at,
    r.finished_at,
    r.extractor_version,
    (SELECT count(*) FROM articles AS a WHERE a.run_id = r.run_id) AS articles,
    (SELECT count(*) FROM claims AS c WHERE c.run_id = r.run_id) AS claims,
    (SELECT count(*) FROM fetch_failures AS f WHERE f.run_id = r.run_id) AS failures,
    r.summary
FROM runs AS r;

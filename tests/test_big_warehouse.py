"""scripts/make_big_warehouse.py builds a warehouse the project's own code can use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from warehouse.db import connect
from warehouse.publish import publish_read_copy
from warehouse.read import list_queries, run_query
from warehouse.reader import open_reader

UNDATED = {
    "new_claims_since",
    "digest_unlisted",
    "competing_figures",
    "figure_lineage",
    "stale_figures",
}
"""Queries that may be empty here: the last 7 days (relative to today), digests (none),
figures (the generator stores claims only; `rederive_figures` places them)."""
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_big_warehouse.py"

CHECKS = {
    "claims without their article": """SELECT count(*) FROM claims c
        LEFT JOIN articles a USING (article_id) WHERE a.article_id IS NULL""",
    "claims on syndicated copies": """SELECT count(*) FROM claims c
        JOIN articles a USING (article_id) WHERE a.duplicate_of IS NOT NULL""",
    "rows without their run": """SELECT (SELECT count(*) FROM claims c LEFT JOIN runs r
        USING (run_id) WHERE r.run_id IS NULL) + (SELECT count(*) FROM articles a
        LEFT JOIN runs r USING (run_id) WHERE r.run_id IS NULL)""",
    "seq out of created_at order": """SELECT count(*) FROM (SELECT created_at,
        lag(created_at) OVER (ORDER BY seq) AS before FROM claims) WHERE created_at < before""",
    "counts the wrong way round": "SELECT count(*) FROM claims WHERE count_low > count_high",
    "claims dated outside 2014-2026": """SELECT count(*) FROM claims_current
        WHERE claim_date NOT BETWEEN DATE '2014-01-01' AND DATE '2026-12-31'""",
}


def test_generated_warehouse_is_consistent_and_queryable(tmp_path: Path) -> None:
    db = tmp_path / "big.duckdb"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--claims", "3000", "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "3,000 claims" in done.stdout
    with connect(db) as con:
        totals = con.execute(
            "SELECT (SELECT count(*) FROM claims), (SELECT count(DISTINCT fate) FROM claims),"
            " (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),"
            " (SELECT nextval('claim_seq'))"
        ).fetchone()
        assert totals is not None
        claims, fates, copies, next_seq = totals
        assert (claims, next_seq) == (3000, 3001)
        assert fates >= 10
        assert copies > 0
        for problem, sql in CHECKS.items():
            assert con.execute(sql).fetchone() == (0,), problem
    with open_reader(db) as con:  # no read copy yet: the aggregates are computed
        computed = {q.name: run_query(con, q.name).rows for q in list_queries()}
    publish_read_copy(db)
    with open_reader(db) as con:  # the published base: stored aggregates, same answers
        assert {q.name: run_query(con, q.name).rows for q in list_queries()} == computed
    assert all(rows for name, rows in computed.items() if name not in UNDATED)
    again = subprocess.run(
        [sys.executable, str(SCRIPT), "--claims", "10", "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode != 0
    assert "--force" in again.stderr

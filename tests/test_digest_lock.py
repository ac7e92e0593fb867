"""A digest reads the read copy: it never keeps the warehouse locked for its long queries,
and a copy older than the ledger never mails a claim twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from digest_samples import build_warehouse

from flows.digest.flow import collect
from warehouse.db import connect
from warehouse.digests import list_digests, mark_sent, pending_claims, start_digest
from warehouse.publish import publish_read_copy


def test_dry_run_reads_while_another_process_writes(db_path: Path) -> None:
    build_warehouse(db_path)
    publish_read_copy(db_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True);"
            " time.sleep(30)",
            str(db_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ok"  # the warehouse is locked now
        prepared = collect(db_path, None, book=False)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout:
            holder.stdout.close()
    assert len(prepared.content.rows) == 5
    assert prepared.chart_png is not None


def test_a_stale_read_copy_never_books_sent_claims_again(db_path: Path) -> None:
    build_warehouse(db_path)
    publish_read_copy(db_path)  # the copy: 5 claims, none sent
    with connect(db_path) as con:  # then a digest goes out; the copy does not know
        ids = [r.claim_id for r in pending_claims(con)]
        mark_sent(con, start_digest(con, ids, ["a@example.org"], "sent before"))

    prepared = collect(db_path, None, book=True, recipients=("a@example.org",))

    assert prepared.content.rows == ()
    assert prepared.content.digest_id is None
    with connect(db_path) as con:
        assert [d.status for d in list_digests(con)] == ["sent"]

"""Reading while writing: analysts' queries never fail and never see a partial article,
and neither they nor an open analyst session make a writer lose anything.

Processes at once: a writer (the write API in short connections, publishing the read
copy after each batch, like `claimwatch run`; or `claimwatch run --offline` itself); a
reader running `claimwatch sql`/`claimwatch query` in a loop, recording every article's
claim count as it saw it; and an analyst session holding the read copy open throughout.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from warehouse_samples import bulk_claims

from warehouse.db import connect

TESTS = Path(__file__).resolve().parent
ARTICLES = 160
BATCH = 8


def spawn(function: str, *args: str) -> subprocess.Popen[str]:
    code = f"import sys; from warehouse_samples import {function}; {function}(*sys.argv[1:])"
    return popen([sys.executable, "-c", code, *args])


def popen(argv: list[str], **extra_env: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(TESTS), **extra_env}
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def started_reader(db: Path, stop: Path) -> subprocess.Popen[str]:
    """The reader process, once its first query has run."""
    reader = spawn("bulk_reader", str(db), str(stop))
    assert reader.stdout is not None
    assert reader.stdout.readline().strip() == "ready"
    return reader


def last_json(proc: subprocess.Popen[str], timeout: float = 180) -> dict[str, Any]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err[-2000:]
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def final_counts(db: Path) -> dict[str, int]:
    """Each stored article's claim count, read from the warehouse itself."""
    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT article_id, claims FROM articles_current").fetchall()
    return {str(article): int(claims) for article, claims in rows}


def assert_readers_saw_whole_articles(seen: dict[str, Any], final: dict[str, int]) -> None:
    assert seen["errors"] == 0, seen["messages"]
    assert seen["inconsistent"] == []
    assert seen["articles_seen_max"] == len(final)  # the last query saw everything
    for article, counts in seen["seen"].items():
        assert counts == [final[article]], f"article {article} seen with {counts} claims"


def report(label: str, seen: dict[str, Any], session: dict[str, Any], extra: str) -> None:
    sys.stdout.write(  # figures for the report (pytest -s shows them)
        f"\n{label}: {extra}; reader {seen['queries']} queries, {seen['errors']} errors, "
        f"{len(seen['seen'])} articles observed in {len(seen['snapshots'])} distinct snapshots; "
        f"analyst session {session['queries']} queries\n"
    )


def test_queries_while_a_writer_writes(empty_db: Path, tmp_path: Path) -> None:
    stop = tmp_path / "writer-done"
    analyst = spawn("analyst_session", str(empty_db), str(stop))
    assert analyst.stdout is not None
    assert analyst.stdout.readline().strip() == "open"
    reader = started_reader(empty_db, stop)
    started = time.monotonic()
    writer = spawn("bulk_writer", str(empty_db), str(ARTICLES), str(BATCH))
    written = last_json(writer)
    seconds = time.monotonic() - started
    stop.touch()
    seen, session = last_json(reader), last_json(analyst)

    final = final_counts(empty_db)
    expected = [len(bulk_claims(i)) for i in range(ARTICLES)]
    report(
        "read-while-write (API writer)",
        seen,
        session,
        f"writer {written['articles']} articles / {written['claims']} claims in {seconds:.1f}s, "
        f"{ARTICLES // BATCH} publishes",
    )
    assert written == {"articles": ARTICLES, "claims": sum(expected)}
    assert sorted(final.values()) == sorted(expected)  # the writer lost nothing
    assert_readers_saw_whole_articles(seen, final)
    assert len(seen["snapshots"]) > 3  # it read mid-run, several published snapshots
    assert session["queries"] > 0


def test_without_a_read_copy_readers_and_writer_take_turns(empty_db: Path, tmp_path: Path) -> None:
    """Before any read copy exists, readers open the warehouse read-only: they and the
    writer's short connections wait for each other's lock; nobody fails, nothing is lost."""
    from warehouse.publish import read_copy_path

    read_copy_path(empty_db).unlink()
    stop = tmp_path / "writer-done"
    reader = started_reader(empty_db, stop)
    writer = spawn("bulk_writer", str(empty_db), str(ARTICLES // 2), str(BATCH), "no")
    written = last_json(writer)
    stop.touch()
    seen = last_json(reader)
    final = final_counts(empty_db)
    sys.stdout.write(
        f"\nno read copy: writer {written['articles']} articles; reader {seen['queries']} "
        f"queries, {seen['errors']} errors, {len(seen['snapshots'])} distinct snapshots\n"
    )
    assert not read_copy_path(empty_db).exists()
    assert written["articles"] == len(final) == ARTICLES // 2
    assert_readers_saw_whole_articles(seen, final)


def test_queries_while_claimwatch_run_writes(prefect_server, db_path: Path, tmp_path: Path) -> None:
    claimwatch = [sys.executable, "-c", "from flows.cli import main; main()", "--db", str(db_path)]
    migrated = popen([*claimwatch, "migrate"])
    assert migrated.wait(timeout=120) == 0
    stop = tmp_path / "run-done"
    analyst = spawn("analyst_session", str(db_path), str(stop))
    assert analyst.stdout is not None
    assert analyst.stdout.readline().strip() == "open"
    reader = started_reader(db_path, stop)
    # The run reports to the session's Prefect server instead of booting a temporary one.
    from prefect.settings import PREFECT_API_URL

    run = popen([*claimwatch, "run", "--offline"], PREFECT_API_URL=str(PREFECT_API_URL.value()))
    _out, err = run.communicate(timeout=240)
    assert run.returncode == 0, err[-3000:]
    stop.touch()
    seen, session = last_json(reader), last_json(analyst)

    final = final_counts(db_path)
    with connect(db_path, read_only=True) as con:
        row = con.execute(
            "SELECT status, articles, claims, CAST(summary->>'claims_new' AS INTEGER) "
            "FROM runs_current"
        ).fetchall()
    report("read-while-write (claimwatch run --offline)", seen, session, f"run {row}")
    assert len(row) == 1
    status, articles, claims, claims_new = row[0]
    assert status == "completed"
    assert (articles, claims) == (len(final), sum(final.values()))
    assert claims == claims_new > 0  # the run's own count: nothing lost
    assert_readers_saw_whole_articles(seen, final)


def test_killed_writer_leaves_whole_articles(empty_db: Path) -> None:
    writer = spawn("bulk_writer", str(empty_db), "100000", "4")
    assert writer.stdout is not None
    for _ in range(3):  # let it commit a few batches, then kill it mid-batch
        assert writer.stdout.readline().startswith("batch")
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=30)
    final = final_counts(empty_db)
    assert len(final) >= 12
    with connect(empty_db, read_only=True) as con:
        wrong = con.execute(
            "SELECT count(*) FROM articles_current "
            "WHERE claims <> CAST(split_part(title, ' ', 4) AS INTEGER)"
        ).fetchone()
    assert wrong == (0,)

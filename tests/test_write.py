"""Writes: idempotent, atomic per article, syndicated copies, reprocess, lock waiting."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from warehouse_samples import ARTICLES_STORED, CLAIMS_STORED, FEED, FETCHED, SAMPLES, VERSION

from extractors.types import Claim
from warehouse.db import Connection, WarehouseBusy, connect, transaction
from warehouse.keys import article_key, claim_key
from warehouse.migrate import migrate
from warehouse.publish import publish_read_copy, read_copy_path
from warehouse.write import (
    finish_run,
    get_feed_state,
    iter_articles,
    known_urls,
    record_failure,
    replace_claims,
    save_article,
    save_feed_state,
    start_run,
)


def counts(con: Connection) -> tuple[int, int]:
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM claims)"
    ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def save_all(con: Connection, run_id: str) -> list[str]:
    return [
        save_article(con, run_id, VERSION, FEED, page, FETCHED, claims).status
        for page, claims in SAMPLES
    ]


def test_resave_adds_zero_rows(db_path: Path) -> None:
    with connect(db_path) as con:
        migrate(con)
        run_id = start_run(con, "test", VERSION)
        assert save_all(con, run_id) == ["new"] * (len(SAMPLES) - 1) + ["syndicated"]
        assert counts(con) == (ARTICLES_STORED, CLAIMS_STORED)
        again = start_run(con, "test", VERSION)
        assert save_all(con, again) == ["known"] * len(SAMPLES)
        assert counts(con) == (ARTICLES_STORED, CLAIMS_STORED)
        finish_run(con, run_id, "completed", {"new": 5})
        status = con.execute("SELECT status, summary->>'new' FROM runs WHERE run_id = ?", [run_id])
        assert status.fetchone() == ("completed", "5")


def test_known_result_counts_stored_claims(db_path: Path) -> None:
    page, claims = SAMPLES[0]
    with connect(db_path) as con:
        migrate(con)
        run_id = start_run(con, "test", VERSION)
        first = save_article(con, run_id, VERSION, FEED, page, FETCHED, claims)
        second = save_article(con, run_id, VERSION, FEED, page, FETCHED, claims)
    assert (first.status, first.claims_new, first.claims_known) == ("new", 2, 0)
    assert (second.status, second.claims_new, second.claims_known) == ("known", 0, 2)
    assert first.article_id == second.article_id == article_key(page.normalized_url)


def test_exception_mid_transaction_leaves_nothing(db_path: Path) -> None:
    page, claims = SAMPLES[0]
    broken = replace(claims[1], sentence=None)  # type: ignore[arg-type]  # NOT NULL violation
    with connect(db_path) as con:
        migrate(con)
        run_id = start_run(con, "test", VERSION)
        with pytest.raises(Exception, match="sentence"):
            save_article(con, run_id, VERSION, FEED, page, FETCHED, [claims[0], broken])
        assert counts(con) == (0, 0)
        # the connection is usable afterwards, and the article saves whole
        result = save_article(con, run_id, VERSION, FEED, page, FETCHED, claims)
        assert (result.status, result.claims_new) == ("new", 2)
        assert counts(con) == (1, 2)


def test_transaction_rolls_back_on_any_exception(db_path: Path) -> None:
    with connect(db_path) as con:
        migrate(con)

        def start_then_fail() -> None:
            with transaction(con):
                start_run(con, "test", VERSION)
                raise RuntimeError("boom")

        with pytest.raises(RuntimeError, match="boom"):
            start_then_fail()
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (0,)


def test_syndicated_copy_is_stored_without_claims(db_path: Path) -> None:
    (original, claims), (copy, copy_claims) = SAMPLES[0], SAMPLES[-1]
    with connect(db_path) as con:
        migrate(con)
        run_id = start_run(con, "test", VERSION)
        first = save_article(con, run_id, VERSION, FEED, original, FETCHED, claims)
        dup = save_article(con, run_id, VERSION, FEED, copy, FETCHED, copy_claims)
        assert (dup.status, dup.claims_new) == ("syndicated", 0)
        row = con.execute(
            "SELECT duplicate_of, is_syndicated, claims FROM articles_current WHERE article_id = ?",
            [dup.article_id],
        ).fetchone()
        assert row == (first.article_id, True, 0)
        assert counts(con) == (2, len(claims))


def test_empty_fingerprint_never_matches(db_path: Path) -> None:
    (a, claims_a), (b, claims_b) = SAMPLES[0], SAMPLES[1]
    with connect(db_path) as con:
        migrate(con)
        run_id = start_run(con, "test", VERSION)
        save_article(con, run_id, VERSION, FEED, replace(a, fingerprint=""), FETCHED, claims_a)
        res = save_article(
            con, run_id, VERSION, FEED, replace(b, fingerprint=""), FETCHED, claims_b
        )
        assert res.status == "new"


def test_replace_claims_keeps_unchanged_rows_and_seq(db_path: Path) -> None:
    page, claims = SAMPLES[0]
    with connect(db_path) as con:
        migrate(con)
        run_id = start_run(con, "test", VERSION)
        saved = save_article(con, run_id, VERSION, FEED, page, FETCHED, claims)
        before = dict(con.execute("SELECT claim_id, seq FROM claims").fetchall())
        kept = claims[0]
        added_claim = Claim(page.url, "Twelve more returned.", "fighters", "returned", (), 12, 12)
        reprocess = start_run(con, "reprocess", "test-2")
        pending = [a.article_id for a in iter_articles(con, "test-2")]
        assert pending == [saved.article_id]
        assert replace_claims(con, reprocess, "test-2", saved.article_id, [kept, added_claim]) == (
            1,
            1,
        )
        after = dict(con.execute("SELECT claim_id, seq FROM claims").fetchall())
        kept_id = claim_key(saved.article_id, kept)
        assert after[kept_id] == before[kept_id]
        assert claim_key(saved.article_id, claims[1]) not in after
        assert after[claim_key(saved.article_id, added_claim)] > max(before.values())
        assert list(iter_articles(con, "test-2")) == []
        assert replace_claims(con, reprocess, "test-2", saved.article_id, [kept, added_claim]) == (
            0,
            0,
        )


def test_claim_key_ignores_doc_and_includes_article() -> None:
    claim = SAMPLES[0][1][0]
    assert claim_key("a", claim) == claim_key("a", replace(claim, doc="other"))
    assert claim_key("a", claim) != claim_key("b", claim)
    assert claim_key("a", claim) != claim_key("a", replace(claim, count_low=499))


def test_failures_feed_state_and_known_urls(db_path: Path) -> None:
    page, claims = SAMPLES[0]
    with connect(db_path) as con:
        migrate(con)
        run_id = start_run(con, "test", VERSION)
        record_failure(con, run_id, "http://x/a", FEED, "page", "timeout", "after 20s")
        record_failure(con, run_id, "http://x/a", FEED, "page", "timeout", "again")
        assert con.execute("SELECT count(*) FROM failures_current").fetchone() == (1,)
        assert get_feed_state(con, FEED) is None
        later = datetime(2024, 6, 1, 13, tzinfo=UTC)
        save_feed_state(con, FEED, name="Feed", etag='"e1"', status="ok", fetched_at=later)
        save_feed_state(
            con,
            FEED,
            status="timeout",
            failures=1,
            next_attempt_at=later + timedelta(minutes=30),
            fetched_at=later,
        )
        state = get_feed_state(con, FEED)
        assert state is not None
        assert (state.name, state.etag, state.last_status, state.failures) == (
            "Feed",
            None,
            "timeout",
            1,
        )
        assert state.next_attempt_at == datetime(2024, 6, 1, 13, 30)
        save_article(con, run_id, VERSION, FEED, page, FETCHED, claims)
        assert known_urls(con, [page.normalized_url, "https://nope.example/"]) == {
            page.normalized_url
        }
        assert known_urls(con, []) == set()


def test_publish_read_copy_is_a_consistent_snapshot(db_path: Path) -> None:
    with connect(db_path) as con:
        migrate(con)
        run_id = start_run(con, "test", VERSION)
        save_all(con, run_id)
        path = publish_read_copy(db_path, con)
        save_all(con, start_run(con, "test", VERSION))
    assert path == read_copy_path(db_path) == db_path.with_name("warehouse.read.duckdb")
    with connect(path, read_only=True) as reader:
        assert counts(reader) == (ARTICLES_STORED, CLAIMS_STORED)
        assert reader.execute("SELECT count(*) FROM claims_current").fetchone() == (CLAIMS_STORED,)
    # publishing again (own connection) replaces it while a reader holds the old one open
    with connect(path, read_only=True) as old_reader:
        publish_read_copy(db_path)
        assert counts(old_reader) == (ARTICLES_STORED, CLAIMS_STORED)
    assert sorted(p.name for p in db_path.parent.iterdir() if "tmp" in p.name) == []


HOLD_LOCK = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def hold_lock(db_path: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db_path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def open_and_close(path: Path, read_only: bool = False, wait_seconds: float = 30.0) -> None:
    with connect(path, read_only=read_only, wait_seconds=wait_seconds):
        pass


def test_busy_lock_is_waited_for(db_path: Path) -> None:
    proc = hold_lock(db_path, 1.0)
    try:
        start = time.monotonic()
        with connect(db_path, wait_seconds=20) as con:
            migrate(con)
        assert time.monotonic() - start >= 0.5
    finally:
        proc.wait(timeout=20)


def test_busy_lock_raises_warehouse_busy(db_path: Path) -> None:
    proc = hold_lock(db_path, 30.0)
    try:
        with pytest.raises(WarehouseBusy, match=r"warehouse\.duckdb.*locked.*claimwatch query"):
            open_and_close(db_path, wait_seconds=0.5)
        with pytest.raises(WarehouseBusy):
            open_and_close(db_path, read_only=True, wait_seconds=0.2)
    finally:
        proc.kill()
        proc.wait(timeout=20)


def test_publish_writes_parts_then_a_new_base_when_published_rows_change(db_path: Path) -> None:
    from warehouse.publish import load_manifest, parts_dir, publish
    from warehouse.reader import open_reader

    with connect(db_path) as con:
        migrate(con)
        assert publish(con, db_path).kind == "base"
        run_id = start_run(con, "test", VERSION)
        save_all(con, run_id)
        part = publish(con, db_path)
        assert (part.kind, part.claims) == ("part", CLAIMS_STORED)
        assert publish(con, db_path).claims == 0  # nothing new: an empty part
        with open_reader(db_path) as reader:
            assert counts(reader) == (ARTICLES_STORED, CLAIMS_STORED)
            assert reader.execute(
                "SELECT sum(claims) FROM agg_fates WHERE grain = 'day'"
            ).fetchone() == (CLAIMS_STORED,)
        con.execute("DELETE FROM claims WHERE seq = 1")  # a published row changes
        assert publish(con, db_path).kind == "base"
    manifest = load_manifest(db_path)
    assert manifest is not None
    assert manifest["parts"] == []
    assert sorted(p.name for p in parts_dir(db_path).glob("part-*")) == []
    with open_reader(db_path) as reader:
        assert counts(reader) == (ARTICLES_STORED, CLAIMS_STORED - 1)

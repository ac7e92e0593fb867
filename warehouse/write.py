"""Writes: runs, articles with their claims, fetch failures and feed state.

Every write is one transaction keyed by the database, so a killed run leaves whole
articles or nothing and a repeated or concurrent run adds nothing twice (articles and
claims are appended in batches by `warehouse.append`; on a lake, which has no keys, only
what is not stored yet is inserted, inside write transactions that DuckLake serialises).
Writes that lose a lake's write conflict run again (`retry_conflicts`). Timestamps are
stored as naive UTC; aware datetimes are converted.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from extractors.types import Claim, PageText
from warehouse.append import NewArticle, SaveResult, insert_claims, save_articles
from warehouse.db import Connection, retry_conflicts, statement, transaction, utcnow
from warehouse.figures import forget_claims, save_figures
from warehouse.keys import claim_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedState:
    """A feed's stored polling state (conditional-GET validators and back-off)."""

    feed_url: str
    name: str | None
    etag: str | None
    last_modified: str | None
    last_fetched_at: datetime | None
    last_status: str | None
    failures: int
    next_attempt_at: datetime | None


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored, for reprocessing with a newer extractor."""

    article_id: str
    url: str
    normalized_url: str
    feed_url: str | None
    title: str | None
    author: str | None
    site: str | None
    language: str | None
    published: date | None
    fetched_at: datetime
    text: str
    fingerprint: str
    extractor_version: str


def _sql(con: Connection, name: str) -> str:
    return statement(con, name)


def _utc(moment: datetime) -> datetime:
    """Naive UTC (the TIMESTAMP columns' convention)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


@retry_conflicts
def start_run(con: Connection, flow: str, extractor_version: str) -> str:
    """Write a `running` row in the runs ledger; return the new run id (a uuid4 hex)."""
    run_id = uuid.uuid4().hex
    con.execute(
        _sql(con, "run_start"),
        {
            "run_id": run_id,
            "flow": flow,
            "started_at": utcnow(),
            "extractor_version": extractor_version,
        },
    )
    return run_id


@retry_conflicts
def finish_run(con: Connection, run_id: str, status: str, summary: Mapping[str, Any]) -> None:
    """Close a run: its status (`completed`/`failed`), finish time and summary as JSON."""
    con.execute(
        _sql(con, "run_finish"),
        {
            "run_id": run_id,
            "status": status,
            "summary": json.dumps(summary, sort_keys=True, default=str),
            "finished_at": utcnow(),
        },
    )


def close_interrupted_runs(con: Connection, flow: str) -> list[str]:
    """Close the runs of `flow` still marked `running` as failed; return their ids.

    Call only while no run of `flow` can be alive (the caller holds the flow's run lock):
    such rows were left by a killed or crashed process.
    """
    rows = con.execute(
        _sql(con, "runs_close_interrupted"),
        {
            "flow": flow,
            "finished_at": utcnow(),
            "summary": json.dumps({"error": "interrupted: the process was killed or crashed"}),
        },
    ).fetchall()
    return [str(row[0]) for row in rows]


def save_article(
    con: Connection,
    run_id: str,
    extractor_version: str,
    feed_url: str | None,
    page: PageText,
    fetched_at: datetime,
    claims: Sequence[Claim],
) -> SaveResult:
    """Store one article, its claims and their figures (warehouse/figures.py) in ONE
    transaction; see `SaveResult` for statuses.

    The article id is `article_key(page.normalized_url)` (falls back to `page.url`).
    Writers with several articles at hand use `append.save_articles` (one transaction
    for the batch: much faster).
    """
    batch = [NewArticle(feed_url, page, fetched_at, claims)]
    return save_articles(con, run_id, extractor_version, batch)[0]


def _claim_ids(con: Connection, article_id: str) -> set[str]:
    rows = con.execute(_sql(con, "claim_ids_of_article"), {"article_id": article_id}).fetchall()
    return {str(row[0]) for row in rows}


@retry_conflicts
def record_failure(
    con: Connection,
    run_id: str,
    url: str,
    feed_url: str | None,
    stage: str,
    reason: str,
    detail: str | None,
) -> None:
    """Record why a feed or page failed in this run (once per run, url and stage)."""
    con.execute(
        _sql(con, "failure_insert"),
        {
            "run_id": run_id,
            "url": url,
            "feed_url": feed_url,
            "stage": stage,
            "reason": reason,
            "detail": detail,
            "failed_at": utcnow(),
        },
    )


def get_feed_state(con: Connection, feed_url: str) -> FeedState | None:
    """The stored state of a feed, or None when it was never polled."""
    row = con.execute(_sql(con, "feed_get"), {"feed_url": feed_url}).fetchone()
    return None if row is None else FeedState(*row)


@retry_conflicts
def save_feed_state(
    con: Connection,
    feed_url: str,
    *,
    name: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    status: str,
    failures: int = 0,
    next_attempt_at: datetime | None = None,
    fetched_at: datetime,
) -> None:
    """Upsert a feed's state; every field is overwritten except `name` (kept when None).

    One transaction, so two workers polling the same feed on a lake never store it twice.
    """
    values = {
        "feed_url": feed_url,
        "name": name,
        "etag": etag,
        "last_modified": last_modified,
        "status": status,
        "failures": failures,
        "next_attempt_at": None if next_attempt_at is None else _utc(next_attempt_at),
        "fetched_at": _utc(fetched_at),
    }
    with transaction(con):
        con.execute(_sql(con, "feed_save"), values)


def known_urls(con: Connection, normalized_urls: Sequence[str]) -> set[str]:
    """Those of `normalized_urls` already stored as articles."""
    if not normalized_urls:
        return set()
    rows = con.execute(_sql(con, "known_urls"), {"urls": list(normalized_urls)}).fetchall()
    return {str(row[0]) for row in rows}


def iter_articles(con: Connection, older_than_version: str) -> Iterator[StoredArticle]:
    """Stored originals whose extractor_version differs from `older_than_version` (the
    current version). Ids are read first, so `replace_claims` may run between items."""
    ids = [
        str(row[0])
        for row in con.execute(
            _sql(con, "articles_to_reprocess"), {"extractor_version": older_than_version}
        ).fetchall()
    ]
    for article_id in ids:
        row = con.execute(_sql(con, "article_get"), {"article_id": article_id}).fetchone()
        if row is not None:
            yield StoredArticle(*row)


@retry_conflicts
def replace_claims(
    con: Connection,
    run_id: str,
    extractor_version: str,
    article_id: str,
    claims: Sequence[Claim],
) -> tuple[int, int]:
    """Replace an article's claims with `claims` in one transaction; return (added, removed).

    Claims whose key is unchanged keep their row (and `seq`, so digests do not resend
    them) and their figure; the article's extractor_version becomes `extractor_version`.
    """
    keep = sorted({claim_key(article_id, c) for c in claims})
    with transaction(con):
        stored = _claim_ids(con, article_id)
        kept = stored & set(keep)
        removed = sorted(stored - set(keep))
        con.execute(_sql(con, "claims_delete_except"), {"article_id": article_id, "keep": keep})
        forget_claims(con, removed)
        added = insert_claims(con, run_id, extractor_version, article_id, claims, skip=kept)
        save_figures(con, run_id, keep)
        con.execute(
            _sql(con, "article_set_version"),
            {"article_id": article_id, "extractor_version": extractor_version},
        )
    return added, len(removed)

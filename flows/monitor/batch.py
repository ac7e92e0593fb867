"""A feed's fetched pages waiting to be written: articles with their claims and cuts,
refusals, and the entry memory (`warehouse.aliases`), in short write batches.

A batch's articles with their claims are one transaction (`append.save_articles`: whole
articles or nothing); a batch is written every `FLUSH_ARTICLES` articles or
`FLUSH_SECONDS`, so the warehouse is locked only briefly.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING

from flows.monitor import progress
from flows.monitor.articles import Article, PageFailure
from warehouse import aliases, write
from warehouse.append import NewArticle, save_articles
from warehouse.db import Connection, Target, connect, utcnow

if TYPE_CHECKING:
    from flows.monitor.tasks import FeedResult

FLUSH_ARTICLES = 50
"""Articles written per short write batch: one transaction (all or none) per batch."""
FLUSH_SECONDS = 5.0
MAX_PAGE_ATTEMPTS = 3
"""Transient refusals of one page (timeouts, 5xx) before it is treated as permanent."""
PERMANENT_RETRY = timedelta(days=7)
"""A permanently refused page (bomb, private address, not HTML...) is tried again after this."""
_WRITE_LOCK = threading.Lock()
"""One writer at a time in this process: feeds run in threads, DuckDB wants one writer."""


@contextmanager
def writing(db: Target) -> Iterator[Connection]:
    """A short write connection, one writer thread at a time."""
    with _WRITE_LOCK, connect(db) as con:
        yield con


def retry_delay(failure: PageFailure, backoff_base_minutes: float) -> timedelta:
    """When a refused page may be fetched again: soon after a transient failure (doubling),
    a week after a permanent one or after `MAX_PAGE_ATTEMPTS` transient ones."""
    if failure.transient and failure.failures < MAX_PAGE_ATTEMPTS:
        minutes = backoff_base_minutes * 2 ** (failure.failures - 1)
        return min(timedelta(minutes=minutes), timedelta(days=1))
    return PERMANENT_RETRY


class Batch:
    """Articles and failures waiting to be written; flushed every few articles/seconds."""

    def __init__(
        self,
        feed_url: str,
        run_id: str,
        db: Target,
        version: str,
        result: FeedResult,
        backoff_base_minutes: float,
    ) -> None:
        self.feed_url, self.run_id, self.db, self.version = feed_url, run_id, db, version
        self.result = result
        self.backoff_base_minutes = backoff_base_minutes
        self.items: list[Article | PageFailure] = []
        self.known: list[tuple[tuple[str, ...], str]] = []
        self.since = time.monotonic()

    def add(self, item: Article | PageFailure) -> None:
        self.items.append(item)
        if len(self.items) >= FLUSH_ARTICLES or time.monotonic() - self.since > FLUSH_SECONDS:
            self.flush()

    def remember(self, entry_aliases: tuple[str, ...], article_id: str) -> None:
        """An entry found stored by URL: remember its other aliases too (written at flush)."""
        self.known.append((entry_aliases, article_id))

    def flush(self) -> None:
        if not self.items and not self.known:
            return
        articles = [item for item in self.items if isinstance(item, Article)]
        with writing(self.db) as con:
            for item in self.items:
                if isinstance(item, PageFailure):
                    self._refused(con, item)
            saved = save_articles(
                con,
                self.run_id,
                self.version,
                [NewArticle(self.feed_url, a.page, a.fetched_at, a.claims) for a in articles],
            )
            aliases.remember_articles(
                con,
                [(known, self.feed_url, article_id) for known, article_id in self.known]
                + [
                    (item.aliases, self.feed_url, result.article_id)
                    for item, result in zip(articles, saved, strict=True)
                ],
            )
            for item in articles:
                for cut in item.cuts:
                    self.result.page_cuts[cut.reason] += 1
                    write.record_failure(
                        con,
                        self.run_id,
                        item.page.url,
                        self.feed_url,
                        cut.stage,
                        cut.reason,
                        cut.detail,
                    )
        new_articles = sum(r.status == "new" for r in saved)
        new_claims = sum(r.claims_new for r in saved)
        self.result.articles_known += sum(r.status == "known" for r in saved)
        self.result.articles_syndicated += sum(r.status == "syndicated" for r in saved)
        self.result.articles_new += new_articles
        self.result.claims_new += new_claims
        shown = progress.report()
        if shown:
            shown.articles_saved(new_articles, new_claims)
        self.items.clear()
        self.known.clear()
        self.since = time.monotonic()

    def _refused(self, con: Connection, item: PageFailure) -> None:
        self.result.page_failures[item.reason] += 1
        self.result.refused[item.url] = f"{item.reason}: {item.detail}"
        write.record_failure(
            con, self.run_id, item.url, self.feed_url, item.stage, item.reason, item.detail
        )
        retry_at = utcnow() + retry_delay(item, self.backoff_base_minutes)
        aliases.remember_refusal(
            con, item.aliases, self.feed_url, item.reason, item.failures, retry_at
        )

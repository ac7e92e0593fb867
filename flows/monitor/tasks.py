"""The monitor's side effects as Prefect tasks: one task per feed batch, not per article.

`process_feed` fetches a feed (conditional GET, retried by Prefect only when the
failure is transient), keeps the entries its keywords select, skips URLs already
stored, fetches and extracts the pages, and saves the articles with their claims in
short write batches, each one transaction (whole articles or nothing). The feed's
ETag/Last-Modified are saved only after its articles, so a killed run fetches the feed
again next time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext

from extractors.claims import EXTRACTOR_VERSION, extract_claims
from extractors.feed import entry_matches, parse_feed
from extractors.text import extract_page, normalize_url
from extractors.types import Claim, FeedEntry, PageText
from flows.monitor import progress
from flows.monitor.feeds import Feed
from flows.monitor.fetch import Fetched, FetchFailure, Limits, decode_html, fetch, netloc
from flows.settings import Settings
from warehouse import write
from warehouse.append import NewArticle, save_articles
from warehouse.db import Connection, connect, utcnow
from warehouse.keys import article_key
from warehouse.migrate import migrate
from warehouse.publish import publish_read_copy

log = logging.getLogger(__name__)

FLUSH_ARTICLES = 50
"""Articles written per short write batch: one transaction (all or none) per batch."""
FLUSH_SECONDS = 5.0
MAX_BACKOFF_MINUTES = 24 * 60
_WRITE_LOCK = threading.Lock()
"""One writer at a time in this process: feeds run in threads, DuckDB wants one writer."""


@dataclass(frozen=True)
class ClaimEngine:
    """The claim extractor and its version (recorded on every row it produced)."""

    extract: Callable[[str, str, date | None], list[Claim]]
    version: str


def load_claim_engine() -> ClaimEngine:
    """The claim engine of `extractors.claims` and its version."""
    return ClaimEngine(extract_claims, EXTRACTOR_VERSION)


class TransientFetchError(RuntimeError):
    """Raised inside `fetch_feed` so that Prefect retries a transient failure."""

    def __init__(self, failure: FetchFailure) -> None:
        super().__init__(f"{failure.reason}: {failure.url} {failure.detail}")
        self.failure = failure


def retry_transient(task: Any, task_run: Any, state: Any) -> bool:
    """Prefect retry condition: retry only TransientFetchError."""
    return isinstance(state.result(raise_on_failure=False), TransientFetchError)


@dataclass
class FeedResult:
    """What one feed batch did; the run summary adds these up."""

    name: str
    url: str
    status: str = "ok"
    """ok, not_modified, backoff, or a fetch failure reason."""
    detail: str = ""
    entries: int = 0
    filtered_out: int = 0
    known_skipped: int = 0
    articles_new: int = 0
    articles_known: int = 0
    articles_syndicated: int = 0
    claims_new: int = 0
    page_failures: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Article:
    page: PageText
    fetched_at: datetime
    claims: list[Claim]


@dataclass(frozen=True)
class PageFailure:
    url: str
    stage: str
    reason: str
    detail: str
    transient: bool = False


@contextmanager
def writing(db: Path) -> Iterator[Connection]:
    """A short write connection, one writer thread at a time."""
    with _WRITE_LOCK, connect(db) as con:
        yield con


@task(name="open_run", cache_policy=NO_CACHE)
def open_run(db: Path, flow_name: str, extractor_version: str) -> str:
    with writing(db) as con:
        migrate(con)
        return write.start_run(con, flow_name, extractor_version)


@task(name="close_run", cache_policy=NO_CACHE)
def close_run(db: Path, run_id: str, summary: dict[str, Any]) -> None:
    with writing(db) as con:
        write.finish_run(con, run_id, "completed", summary)
        publish_read_copy(db, con)


@task(
    name="fetch_feed",
    retries=2,
    retry_delay_seconds=10,
    retry_condition_fn=retry_transient,
    cache_policy=NO_CACHE,
)
def fetch_feed(
    url: str, limits: Limits, etag: str | None, last_modified: str | None
) -> Fetched | FetchFailure:
    """Conditional GET of an operator-configured feed (which may be on a private host)."""
    got = fetch(
        url, limits, etag=etag, last_modified=last_modified, allow_private=True, expect="feed"
    )
    run = TaskRunContext.get()
    attempts_left = run is not None and run.task_run.run_count <= run.task.retries
    if isinstance(got, FetchFailure) and got.transient and attempts_left:
        raise TransientFetchError(got)  # Prefect retries it; the last attempt returns it
    return got


FeedFetcher = Callable[[str, Limits, str | None, str | None], Fetched | FetchFailure]


@task(name="process_feed", cache_policy=NO_CACHE)
def process_feed(feed: Feed, run_id: str, settings: Settings, engine: ClaimEngine) -> FeedResult:
    """Fetch one feed and store its new relevant articles; never raises for bad input."""
    retrying = fetch_feed.with_options(
        retries=settings.task_retries, retry_delay_seconds=settings.retry_delay
    )
    return run_feed(feed, run_id, settings, engine, retrying)


def run_feed(
    feed: Feed,
    run_id: str,
    settings: Settings,
    engine: ClaimEngine,
    fetch_feed_with: FeedFetcher | None = None,
) -> FeedResult:
    """The feed batch as a plain function (`fetch_feed_with` defaults to no retries)."""
    result = FeedResult(feed.name, feed.url)
    shown = progress.report()
    if shown:
        shown.feed_started(feed.name)
    _process(feed, run_id, settings, engine, result, fetch_feed_with or fetch_feed.fn)
    if shown:
        shown.feed_done(feed.name)
    log.info("feed %s: %s, %d new articles", feed.url, result.status, result.articles_new)
    return result


def _process(
    feed: Feed,
    run_id: str,
    settings: Settings,
    engine: ClaimEngine,
    result: FeedResult,
    fetch_feed_with: FeedFetcher,
) -> None:
    now = utcnow()
    with writing(settings.db) as con:
        state = write.get_feed_state(con, feed.url)
    if state and state.next_attempt_at and state.next_attempt_at > now:
        result.status, result.detail = "backoff", f"until {state.next_attempt_at:%Y-%m-%d %H:%M}"
        return
    limits = Limits.from_settings(settings)
    etag, modified = (state.etag, state.last_modified) if state else (None, None)
    try:
        got = fetch_feed_with(feed.url, limits, etag, modified)
    except TransientFetchError as err:
        got = err.failure
    if isinstance(got, Fetched) and not got.not_modified:
        parsed = parse_feed(got.body, got.url)
        if parsed.problem:
            reason = "empty" if parsed.problem == "empty" else "feed_malformed"
            got = FetchFailure(feed.url, reason, parsed.problem)  # type: ignore[arg-type]
    if isinstance(got, FetchFailure):
        _feed_failed(feed, run_id, settings, state, got, result)
        return
    if got.not_modified:
        result.status = "not_modified"
        _save_state(
            settings.db,
            feed,
            "not_modified",
            state.etag if state else got.etag,
            state.last_modified if state else None,
        )
        return
    complete = _store_entries(feed, parsed.entries, run_id, settings, engine, got, result)
    # Validators only when every page was dealt with: otherwise the next run must see
    # the whole feed again to retry the pages that failed transiently.
    etag, modified = (got.etag, got.last_modified) if complete else (None, None)
    _save_state(settings.db, feed, "ok", etag, modified)


def _store_entries(
    feed: Feed,
    entries: tuple[FeedEntry, ...],
    run_id: str,
    settings: Settings,
    engine: ClaimEngine,
    got: Fetched,
    result: FeedResult,
) -> bool:
    """Fetch, extract and save the feed's new relevant entries; False if some must retry."""
    picked = entries[: settings.max_articles_per_feed]
    relevant = {normalize_url(e.url): e for e in picked if entry_matches(e, feed.keywords)}
    result.entries, result.filtered_out = len(picked), len(picked) - len(relevant)
    with writing(settings.db) as con:
        known = write.known_urls(con, list(relevant))
    result.known_skipped = len(known)
    limits = Limits.from_settings(settings)
    trusted = {netloc(feed.url), netloc(got.url)}
    batch = _Batch(feed, run_id, settings.db, engine.version, result)
    complete = True
    for key, entry in relevant.items():
        if key in known:
            continue
        item = fetch_article(entry, limits, trusted, engine)
        if isinstance(item, PageFailure):
            complete = complete and not item.transient
        batch.add(item)
    batch.flush()
    return complete


def fetch_article(
    entry: FeedEntry, limits: Limits, trusted: set[str], engine: ClaimEngine
) -> Article | PageFailure:
    """Fetch one article link (untrusted: private addresses refused), extract, find claims."""
    got = fetch(entry.url, limits, trusted_hosts=trusted)
    if isinstance(got, FetchFailure):
        return PageFailure(entry.url, "page", got.reason, got.detail, got.transient)
    page = extract_page(decode_html(got), got.url)
    if page is None:
        return PageFailure(entry.url, "text", "empty", "no main text found")
    page = replace(page, normalized_url=article_identity(page))
    published = page.published or (entry.published.date() if entry.published else None)
    page = replace(page, published=published, title=page.title or entry.title or None)
    claims = engine.extract(article_key(page.normalized_url), page.text, published)
    return Article(page, datetime.now(UTC), claims)


def article_identity(page: PageText) -> str:
    """The normalised canonical URL when the page declares a usable one, else its URL."""
    canonical = page.canonical_url
    if canonical and urlsplit(canonical).path not in ("", "/"):
        return normalize_url(canonical)
    return page.normalized_url or normalize_url(page.url)


class _Batch:
    """Articles and failures waiting to be written; flushed every few articles/seconds."""

    def __init__(self, feed: Feed, run_id: str, db: Path, version: str, result: FeedResult) -> None:
        self.feed, self.run_id, self.db, self.version, self.result = (
            feed,
            run_id,
            db,
            version,
            result,
        )
        self.items: list[Article | PageFailure] = []
        self.since = time.monotonic()

    def add(self, item: Article | PageFailure) -> None:
        self.items.append(item)
        if len(self.items) >= FLUSH_ARTICLES or time.monotonic() - self.since > FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if not self.items:
            return
        articles = [
            NewArticle(self.feed.url, item.page, item.fetched_at, item.claims)
            for item in self.items
            if isinstance(item, Article)
        ]
        with writing(self.db) as con:
            for item in self.items:
                if isinstance(item, PageFailure):
                    self.result.page_failures[item.reason] += 1
                    write.record_failure(
                        con,
                        self.run_id,
                        item.url,
                        self.feed.url,
                        item.stage,
                        item.reason,
                        item.detail,
                    )
            saved = save_articles(con, self.run_id, self.version, articles)
        new_articles = sum(s.status == "new" for s in saved)
        new_claims = sum(s.claims_new for s in saved)
        self.result.articles_known += sum(s.status == "known" for s in saved)
        self.result.articles_syndicated += sum(s.status == "syndicated" for s in saved)
        self.result.articles_new += new_articles
        self.result.claims_new += new_claims
        shown = progress.report()
        if shown:
            shown.articles_saved(new_articles, new_claims)
        self.items.clear()
        self.since = time.monotonic()


def _feed_failed(
    feed: Feed,
    run_id: str,
    settings: Settings,
    state: write.FeedState | None,
    failure: FetchFailure,
    result: FeedResult,
) -> None:
    failures = (state.failures if state else 0) + 1
    minutes = min(settings.backoff_base_minutes * 2 ** (failures - 1), MAX_BACKOFF_MINUTES)
    now = datetime.now(UTC)
    log.warning("feed %s failed (%s): %s", feed.url, failure.reason, failure.detail)
    result.status, result.detail = failure.reason, failure.detail
    with writing(settings.db) as con:
        write.record_failure(
            con, run_id, feed.url, feed.url, "feed", failure.reason, failure.detail
        )
        write.save_feed_state(
            con,
            feed.url,
            name=feed.name,
            etag=state.etag if state else None,
            last_modified=state.last_modified if state else None,
            status=failure.reason,
            failures=failures,
            next_attempt_at=now + timedelta(minutes=minutes),
            fetched_at=now,
        )


def _save_state(
    db: Path, feed: Feed, status: str, etag: str | None, last_modified: str | None
) -> None:
    with writing(db) as con:
        write.save_feed_state(
            con,
            feed.url,
            name=feed.name,
            etag=etag,
            last_modified=last_modified,
            status=status,
            failures=0,
            next_attempt_at=None,
            fetched_at=datetime.now(UTC),
        )

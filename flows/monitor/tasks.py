"""The monitor's side effects as Prefect tasks: one task per feed batch, not per article.

`process_feed` fetches a feed (conditional GET, retried by Prefect only when the
failure is transient), keeps the entries its keywords select, skips entries seen before
(their link or GUID leads to a stored article, or their page was refused and no retry
is due: `warehouse.aliases`), fetches and extracts the pages, and saves each article
with its claims in its own transaction, in short write batches. Every request obeys
one policy (`flows.monitor.policy`): only the configured feed's own origin and
CLAIMWATCH_TRUSTED_HOSTS may be private addresses, never where a redirect went. The
feed's ETag/Last-Modified are saved only after its articles, so a killed run fetches
the feed again next time.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.context import TaskRunContext

from extractors.claims import EXTRACTOR_VERSION, extract_claims
from extractors.feed import entry_matches, parse_feed
from extractors.text import normalize_url
from extractors.types import FeedEntry
from flows.monitor import progress
from flows.monitor.articles import ClaimEngine, PageFailure, TextLimits, fetch_article
from flows.monitor.batch import FLUSH_ARTICLES, Batch, writing
from flows.monitor.feeds import Feed
from flows.monitor.fetch import Fetched, FetchFailure, Limits, fetch, netloc
from flows.settings import Settings
from warehouse import aliases, write
from warehouse.db import utcnow
from warehouse.keys import article_key
from warehouse.migrate import migrate
from warehouse.publish import publish_read_copy

__all__ = [
    "FLUSH_ARTICLES",
    "ClaimEngine",
    "FeedResult",
    "load_claim_engine",
    "process_feed",
    "writing",
]

log = logging.getLogger(__name__)

MAX_BACKOFF_MINUTES = 24 * 60


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
    repeated: int = 0
    """Entries whose link another entry of the feed already had."""
    known_skipped: int = 0
    waiting: int = 0
    """Entries whose page was refused before and whose retry is not due yet."""
    articles_new: int = 0
    articles_known: int = 0
    articles_syndicated: int = 0
    claims_new: int = 0
    page_failures: Counter[str] = field(default_factory=Counter)
    page_cuts: Counter[str] = field(default_factory=Counter)
    refused: dict[str, str] = field(default_factory=dict)
    """Each refused page's URL: its reason and detail."""
    """Stored articles whose text or claims were cut (repeated_text, text_cut, claims_cut)."""


@task(name="open_run", cache_policy=NO_CACHE)
def open_run(db: Path, flow_name: str, extractor_version: str, close_stale: bool = False) -> str:
    """Start a run row; with `close_stale` (no other run of the flow is alive: the caller
    holds its run lock), first close rows left `running` by killed runs as failed."""
    with writing(db) as con:
        migrate(con)
        if close_stale:
            for run_id in write.close_interrupted_runs(con, flow_name):
                log.warning("run %s had been interrupted; closed as failed", run_id)
        return write.start_run(con, flow_name, extractor_version)


@task(name="close_run", cache_policy=NO_CACHE)
def close_run(db: Path, run_id: str, summary: dict[str, Any], status: str = "completed") -> None:
    with writing(db) as con:
        write.finish_run(con, run_id, status, summary)
        publish_read_copy(db, con)


@task(
    name="fetch_feed",
    retries=2,
    retry_delay_seconds=10,
    retry_condition_fn=retry_transient,
    cache_policy=NO_CACHE,
)
def fetch_feed(
    url: str,
    limits: Limits,
    etag: str | None,
    last_modified: str | None,
    trusted: Collection[str] = (),
) -> Fetched | FetchFailure:
    """Conditional GET of an operator-configured feed; `trusted`: its own origin and the
    allow-list (a redirect elsewhere is checked like any untrusted link)."""
    got = fetch(
        url, limits, etag=etag, last_modified=last_modified, trusted_hosts=trusted, expect="feed"
    )
    run = TaskRunContext.get()
    attempts_left = run is not None and run.task_run.run_count <= run.task.retries
    if isinstance(got, FetchFailure) and got.transient and attempts_left:
        raise TransientFetchError(got)  # Prefect retries it; the last attempt returns it
    return got


FeedFetcher = Callable[..., Fetched | FetchFailure]


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


def trusted_origins(feed: Feed, settings: Settings) -> set[str]:
    """Where this feed's requests may reach private addresses: configuration only."""
    return {netloc(feed.url), *(h.strip().lower() for h in settings.trusted_hosts)}


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
    trusted = trusted_origins(feed, settings)
    try:
        got = fetch_feed_with(feed.url, limits, etag, modified, trusted)
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
    complete = _store_entries(feed, parsed.entries, run_id, settings, engine, trusted, result)
    # Validators only when no page failed transiently: otherwise the next run must see
    # the whole feed again to retry it (pages refused for good are remembered instead).
    etag, modified = (got.etag, got.last_modified) if complete else (None, None)
    _save_state(settings.db, feed, "ok", etag, modified)


def _store_entries(
    feed: Feed,
    entries: tuple[FeedEntry, ...],
    run_id: str,
    settings: Settings,
    engine: ClaimEngine,
    trusted: set[str],
    result: FeedResult,
) -> bool:
    """Fetch, extract and save the feed's unseen relevant entries; False if some must retry."""
    picked = entries[: settings.max_articles_per_feed]
    matching = [e for e in picked if entry_matches(e, feed.keywords)]
    relevant = {normalize_url(e.url): e for e in matching}
    result.entries, result.filtered_out = len(picked), len(picked) - len(matching)
    result.repeated = len(matching) - len(relevant)
    names = {key: aliases.entry_aliases(feed.name, key, e.guid) for key, e in relevant.items()}
    with writing(settings.db) as con:
        known = write.known_urls(con, list(relevant))
        memory = aliases.lookup(con, [a for keys in names.values() for a in keys])
    limits = Limits.from_settings(settings)
    text_limits = TextLimits(settings.max_text_chars, settings.max_claims_per_article)
    batch = Batch(
        feed.url, run_id, settings.db, engine.version, result, settings.backoff_base_minutes
    )
    complete, now = True, utcnow()
    try:
        for key, entry in relevant.items():
            remembered = [memory[a] for a in names[key] if a in memory]
            led_to = next((r.article_id for r in remembered if r.article_id), None)
            if key in known or led_to:
                result.known_skipped += 1
                if len(remembered) < len(names[key]) or not led_to:
                    batch.remember(names[key], led_to or article_key(key))
                continue
            if any(r.retry_at and r.retry_at > now for r in remembered):
                result.waiting += 1
                continue
            item = fetch_article(entry, limits, trusted, engine, text_limits)
            if isinstance(item, PageFailure):
                complete = complete and not item.transient
                failures = max((r.failures for r in remembered), default=0) + 1
                item = replace(item, aliases=names[key], failures=failures)
            else:
                item = replace(item, aliases=names[key])
            batch.add(item)
    finally:
        batch.flush()  # what was fetched is kept even if something above went wrong
    return complete


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

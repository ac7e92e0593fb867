"""`monitor_feeds`: one monitoring cycle. `claimwatch run` and the deployment run this flow.

feeds -> (per feed, in a bounded thread pool) fetch, filter, fetch pages, extract text
and claims, save each article with its claims -> run summary -> publish the read copy.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.task_runners import ThreadPoolTaskRunner

from flows.monitor.feeds import Feed, load_feeds
from flows.monitor.runlock import run_lock
from flows.monitor.tasks import FeedResult, close_run, load_claim_engine, open_run, process_feed
from flows.settings import Settings

log = logging.getLogger(__name__)

FLOW_NAME = "monitor_feeds"


# Bounded: the default pool has no thread limit (../shared/notes/prefect.md §3).
@flow(name=FLOW_NAME, task_runner=ThreadPoolTaskRunner(max_workers=4))  # type: ignore[arg-type]
def monitor_feeds(
    feeds_file: str | None = None,
    db: str | None = None,
    feeds: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Poll every enabled feed once and append new articles and claims to the warehouse.

    `feeds` (name, url, keywords) replaces the feeds file, e.g. for the offline sample.
    """
    settings = Settings.from_env(
        db=Path(db) if db else None, feeds_file=Path(feeds_file) if feeds_file else None
    )
    feed_list = [_feed(f) for f in feeds] if feeds is not None else load_feeds(settings.feeds_file)
    enabled = [f for f in feed_list if f.enabled]
    engine = load_claim_engine()
    with run_lock(settings.db, FLOW_NAME) as alone:
        run_id = open_run(settings.db, FLOW_NAME, engine.version, close_stale=alone)
        try:
            futures = [process_feed.submit(f, run_id, settings, engine) for f in enabled]
            outcomes = [_outcome(fu, f) for fu, f in zip(futures, enabled, strict=True)]
        except BaseException as err:  # Ctrl-C, a bug: the run row says failed, not running
            close_run(settings.db, run_id, {"run_id": run_id, "error": repr(err)}, "failed")
            raise
        summary = summarize(run_id, outcomes)
        close_run(settings.db, run_id, summary)
    return summary


def _outcome(future: Any, feed: Feed) -> FeedResult:
    """The feed's result; a feed task that crashed (a bug) is counted, not fatal."""
    outcome = future.result(raise_on_failure=False)
    if isinstance(outcome, FeedResult):
        return outcome
    log.error("feed %s crashed: %r", feed.url, outcome)
    return FeedResult(feed.name, feed.url, status="error", detail=repr(outcome))


def _feed(raw: dict[str, Any]) -> Feed:
    return Feed(
        name=str(raw.get("name") or raw["url"]),
        url=str(raw["url"]),
        keywords=tuple(raw.get("keywords") or ()),
        enabled=bool(raw.get("enabled", True)),
    )


def summarize(run_id: str, results: list[FeedResult]) -> dict[str, Any]:
    """The run's counts: feeds by outcome, articles new/duplicate, claims new, failures."""
    statuses = Counter(r.status for r in results)
    failed = {k: n for k, n in statuses.items() if k not in ("ok", "not_modified", "backoff")}
    pages_failed: Counter[str] = Counter()
    pages_cut: Counter[str] = Counter()
    for r in results:
        pages_failed.update(r.page_failures)
        pages_cut.update(r.page_cuts)
    return {
        "run_id": run_id,
        "feeds": len(results),
        "feeds_ok": statuses["ok"],
        "feeds_not_modified": statuses["not_modified"],
        "feeds_backoff": statuses["backoff"],
        "feeds_failed": dict(sorted(failed.items())),
        "failed_feeds": {r.url: f"{r.status}: {r.detail}" for r in results if r.status in failed},
        "entries": sum(r.entries for r in results),
        "entries_filtered_out": sum(r.filtered_out for r in results),
        "entries_repeated": sum(r.repeated for r in results),
        "entries_known": sum(r.known_skipped for r in results),
        "entries_waiting": sum(r.waiting for r in results),
        "articles_new": sum(r.articles_new for r in results),
        "articles_known": sum(r.articles_known for r in results),
        "articles_syndicated": sum(r.articles_syndicated for r in results),
        "claims_new": sum(r.claims_new for r in results),
        "pages_failed": dict(sorted(pages_failed.items())),
        "pages_cut": dict(sorted(pages_cut.items())),
        "refused": {url: why for r in results for url, why in r.refused.items()},
    }


def describe(summary: dict[str, Any]) -> str:
    """The summary as one paragraph for people."""
    failed = summary["feeds_failed"]
    failed_text = ", ".join(f"{k}: {n}" for k, n in failed.items())
    parts = [f"{summary['feeds']} feeds: {summary['feeds_ok']} ok"]
    if summary["feeds_not_modified"]:
        parts.append(f"{summary['feeds_not_modified']} unchanged (304)")
    if summary["feeds_backoff"]:
        parts.append(f"{summary['feeds_backoff']} backing off after failures")
    parts.append(f"{sum(failed.values())} failed" + (f" ({failed_text})" if failed else ""))
    stored = summary["articles_known"] + summary["entries_known"]
    syndicated = summary["articles_syndicated"]
    text = (
        ", ".join(parts)
        + f". Articles: {summary['articles_new']} new, {stored + syndicated} duplicate"
        + f" ({syndicated} syndicated copies, {stored} already stored),"
        + f" {summary['entries_filtered_out']} off-topic"
        + (f", {summary['entries_repeated']} repeated links" if summary["entries_repeated"] else "")
        + (
            f", {summary['entries_waiting']} refused before (retry not due)"
            if summary["entries_waiting"]
            else ""
        )
        + f". Claims: {summary['claims_new']} new."
    )
    for label, key in (("Pages failed", "pages_failed"), ("Articles cut", "pages_cut")):
        counts = summary[key]
        if counts:
            listed = ", ".join(f"{k}: {n}" for k, n in counts.items())
            text += f" {label}: {sum(counts.values())} ({listed})."
    return text


def refusals(summary: dict[str, Any], limit: int = 50) -> list[str]:
    """One line per refused feed or page of the run: the URL and why (at most `limit`)."""
    lines = [f"refused {url}: {why}" for url, why in summary["failed_feeds"].items()]
    lines += [f"refused {url}: {why}" for url, why in summary["refused"].items()]
    if len(lines) > limit:
        lines = [*lines[:limit], f"... and {len(lines) - limit} more (table fetch_failures)"]
    return lines

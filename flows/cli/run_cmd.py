"""`claimwatch run`, `serve`, `feeds ...` and `reprocess`."""

from __future__ import annotations

import errno
import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import click

from flows.cli import cli
from flows.monitor.feeds import Feed, FeedsFileError, add_feed, load_feeds, parse_opml, remove_feed
from flows.settings import Settings
from warehouse.target import Target, local_folder

# Prefect, httpx and DuckDB load inside `run`, `serve` and `reprocess`, not for `feeds`.

FEEDS_FILE_HELP = "Feed list file  [env var: CLAIMWATCH_FEEDS_FILE; default: feeds.toml]"


def _feeds_file(settings: Settings, feeds_file: Path | None) -> Path:
    return feeds_file or settings.feeds_file


def _say(message: str) -> None:
    click.echo(message, err=True)


@cli.command("run")
@click.option(
    "--offline", is_flag=True, help="Use the bundled offline sample instead of the feeds."
)
@click.option("--feeds-file", type=click.Path(dir_okay=False, path_type=Path), help=FEEDS_FILE_HELP)
@click.pass_obj
def run(settings: Settings, offline: bool, feeds_file: Path | None) -> None:
    """Poll the feeds once, extract claims, append new ones to the warehouse.

    Falls back to the offline sample (fictional articles served on 127.0.0.1) when no
    configured feed can be reached, and says so. Exit status 0 when at least one feed
    was processed (failures are listed in the summary), 1 when none was or the
    configuration is wrong.

    \b
    Example:
      claimwatch run                 # the feeds in feeds.toml, or the sample when offline
      claimwatch --db /tmp/t.duckdb run --offline
    """
    from flows.monitor.fetch import any_reachable
    from flows.monitor.flow import monitor_feeds
    from flows.monitor.progress import showing_progress
    from flows.sample import sample_feeds, serve_sample
    from flows.serve.server import ServerError
    from warehouse.db import DatabaseError, WarehouseBusy

    path = _feeds_file(settings, feeds_file)
    if not offline:
        enabled = [f for f in _load(path) if f.enabled]
        if not enabled:
            raise click.ClickException(
                f"{path}: no enabled feed; add one with `claimwatch feeds add`"
            )
        if not any_reachable([f.url for f in enabled], timeout=min(settings.fetch_timeout, 3.0)):
            _say(
                f"No feed in {path} could be reached (no network?): "
                "running the offline sample instead (fictional articles on 127.0.0.1)."
            )
            offline = True
    try:
        with _prefect_api(settings), showing_progress(1 if offline else len(enabled)):
            if offline:
                with serve_sample() as feed_url:
                    summary = monitor_feeds(db=str(settings.db), feeds=sample_feeds(feed_url))
            else:
                summary = monitor_feeds(db=str(settings.db), feeds_file=str(path))
    except (WarehouseBusy, FeedsFileError, ServerError) as err:
        raise click.ClickException(str(err)) from None
    except (OSError, DatabaseError) as err:
        if not disk_full(err):
            raise
        raise click.ClickException(
            f"disk full while writing {settings.db}: free space on that disk and run again "
            "(articles already saved are kept; the run is closed as failed next time)"
        ) from None
    _report(summary, settings.db)


def _prefect_api(settings: Settings) -> AbstractContextManager[None]:
    from flows.serve.temporary import prefect_api

    log_file = local_folder(settings.db) / "prefect-temporary-server.log"
    return prefect_api(settings.prefect_start_timeout, log_file)


def disk_full(err: BaseException) -> bool:
    """True for "No space left on device", from the OS or from DuckDB."""
    return getattr(err, "errno", None) == errno.ENOSPC or "No space left on device" in str(err)


def _report(summary: dict[str, Any], db: Target) -> None:
    from flows.monitor.flow import describe, refusals

    _say(describe(summary))
    for line in refusals(summary):
        _say(f"  {line}")
    _say(f"Warehouse: {db} (run {summary['run_id']}).")
    if summary["feeds_ok"] + summary["feeds_not_modified"] == 0 and summary["feeds"]:
        _say("Nothing was processed: every feed failed or is backing off.")
        sys.exit(1)


def _load(path: Path) -> list[Feed]:
    try:
        return load_feeds(path)
    except FeedsFileError as err:
        raise click.ClickException(str(err)) from None


@cli.command("serve")
@click.option("--port", default=4200, show_default=True, help="Port of the local Prefect server.")
@click.option("--monitor-cron", default="*/30 * * * *", show_default=True, help="When to poll.")
@click.option("--digest-cron", default="0 7 * * *", show_default=True, help="When to mail.")
@click.option("--timezone", default="UTC", show_default=True, help="Time zone of the crons.")
@click.pass_obj
def serve(
    settings: Settings, port: int, monitor_cron: str, digest_cron: str, timezone: str
) -> None:
    """Run monitor (every 30 min) and digest (daily) on a schedule until Ctrl-C.

    Starts `prefect server start` on 127.0.0.1 (Prefect's ephemeral mode has no
    scheduler), serves both deployments, and stops the server on exit. With
    PREFECT_API_URL set, uses that server instead. UI: http://127.0.0.1:PORT/

    \b
    Example:
      claimwatch serve --monitor-cron "*/15 * * * *" --timezone Europe/Berlin
    """
    import os

    from flows.serve.deployments import Schedule, serve_schedules
    from flows.serve.server import ServerError, prefect_server

    _load(settings.feeds_file)  # bad configuration fails now, not at 03:00
    schedule = Schedule(monitor_cron, digest_cron, timezone)
    log_file = local_folder(settings.db) / "prefect-server.log"
    try:
        if os.environ.get("PREFECT_API_URL"):
            serve_schedules(schedule, settings.db, os.environ["PREFECT_API_URL"])
            return
        with prefect_server(port, log_file) as api_url:
            _say(f"Prefect server at {api_url[:-4]} (log: {log_file}); Ctrl-C stops both.")
            serve_schedules(schedule, settings.db, api_url)
    except ServerError as err:
        raise click.ClickException(str(err)) from None
    except KeyboardInterrupt:
        _say("Stopped.")


@cli.command("reprocess")
@click.pass_obj
def reprocess(settings: Settings) -> None:
    """Re-extract claims from stored articles made by an older claim extractor.

    Run it after upgrading the claim engine: each article's claims are replaced in one
    transaction, unchanged claims keep their rows, and stored texts are not re-fetched.
    Then the figures (claims reporting the same quantity) are re-derived from all claims.

    \b
    Example:
      claimwatch reprocess
    """
    from flows.monitor.reprocess import reprocess_articles
    from flows.monitor.tasks import load_claim_engine
    from warehouse.db import WarehouseBusy

    engine = load_claim_engine()
    try:
        summary = reprocess_articles(settings.db, engine)
    except WarehouseBusy as err:
        raise click.ClickException(str(err)) from None
    _say(
        f"Reprocessed {summary['articles']} articles with extractor {engine.version}: "
        f"{summary['claims_added']} claims added, {summary['claims_removed']} removed; "
        f"{summary['figure_claims']} claims with a figure, in {summary['figures']} figures."
    )


@cli.group("feeds")
def feeds() -> None:
    """List and edit the feed list (feeds.toml, or CLAIMWATCH_FEEDS_FILE).

    \b
    Example:
      claimwatch feeds list
      claimwatch feeds add https://example.org/rss --name "Example" --keyword isis
    """


@feeds.command("list")
@click.option("--feeds-file", type=click.Path(dir_okay=False, path_type=Path), help=FEEDS_FILE_HELP)
@click.pass_obj
def feeds_list(settings: Settings, feeds_file: Path | None) -> None:
    """Show the configured feeds with their keyword filters.

    \b
    Example:
      claimwatch feeds list
    """
    for feed in _load(_feeds_file(settings, feeds_file)):
        keywords = ", ".join(feed.keywords) if feed.keywords else "(every entry)"
        flag = "" if feed.enabled else "  [disabled]"
        click.echo(f"{feed.name}{flag}\n  {feed.url}\n  keywords: {keywords}")


@feeds.command("add")
@click.argument("url")
@click.option("--name", help="Label (default: the host name).")
@click.option("--keyword", "keywords", multiple=True, help="Keep entries mentioning it (repeat).")
@click.option("--all-entries", is_flag=True, help="No keyword filter: keep every entry.")
@click.option("--feeds-file", type=click.Path(dir_okay=False, path_type=Path), help=FEEDS_FILE_HELP)
@click.pass_obj
def feeds_add(
    settings: Settings,
    url: str,
    name: str | None,
    keywords: tuple[str, ...],
    all_entries: bool,
    feeds_file: Path | None,
) -> None:
    """Add a feed (without --keyword it uses the file's default_keywords).

    \b
    Example:
      claimwatch feeds add https://www.longwarjournal.org/feed --name "Long War Journal"
    """
    from urllib.parse import urlsplit

    path = _feeds_file(settings, feeds_file)
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="URL")
    feed = Feed(name=name or urlsplit(url).hostname or url, url=url, keywords=keywords)
    try:
        add_feed(path, feed, all_entries=all_entries and not keywords)
    except FeedsFileError as err:
        raise click.ClickException(str(err)) from None
    _say(f"Added {feed.name} ({url}) to {path}.")


@feeds.command("remove")
@click.argument("name_or_url")
@click.option("--feeds-file", type=click.Path(dir_okay=False, path_type=Path), help=FEEDS_FILE_HELP)
@click.pass_obj
def feeds_remove(settings: Settings, name_or_url: str, feeds_file: Path | None) -> None:
    """Remove the feed with this URL or name.

    \b
    Example:
      claimwatch feeds remove "BBC News: Middle East"
    """
    path = _feeds_file(settings, feeds_file)
    try:
        feed = remove_feed(path, name_or_url)
    except FeedsFileError as err:
        raise click.ClickException(str(err)) from None
    _say(f"Removed {feed.name} ({feed.url}) from {path}.")


@feeds.command("import")
@click.argument("opml", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--feeds-file", type=click.Path(dir_okay=False, path_type=Path), help=FEEDS_FILE_HELP)
@click.pass_obj
def feeds_import(settings: Settings, opml: Path, feeds_file: Path | None) -> None:
    """Add the feeds of an OPML file (from a feed reader's export); known URLs are skipped.

    \b
    Example:
      claimwatch feeds import subscriptions.opml
    """
    path = _feeds_file(settings, feeds_file)
    try:
        found = parse_opml(opml)
        known = {f.url for f in load_feeds(path)} if path.exists() else set()
        added = [f for f in found if f.url not in known]
        for feed in added:
            add_feed(path, feed)
            known.add(feed.url)
    except FeedsFileError as err:
        raise click.ClickException(str(err)) from None
    _say(f"Imported {len(added)} feeds from {opml} into {path} ({len(found) - len(added)} known).")

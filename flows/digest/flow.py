"""`send_digest`: the claims new since the last digest → render → mail → ledger.

Order matters for "never lost": the claims are booked into a pending digest before the
mail goes out and marked sent only after the SMTP server accepted it (see
warehouse/digests.py). A send that fails after its retries leaves the digest pending
and fails the flow run; the next run re-sends the same claims.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from email.message import EmailMessage
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.digest.chart import weekly_fates_png
from flows.digest.mail import MailError, SmtpSettings, TransientMailError, send_mail
from flows.digest.render import render_message
from flows.digest.wording import DigestContent, period_text, subject_line
from flows.settings import Settings
from warehouse import digests
from warehouse.db import Target, connect, utcnow
from warehouse.migrate import migrate
from warehouse.publish import read_copy_path
from warehouse.reader import open_reader
from warehouse.target import Lake

CHART_WEEKS = 12


@dataclass(frozen=True)
class Prepared:
    content: DigestContent
    chart_png: bytes | None
    """None when there are no claims (nothing to send)."""


@dataclass(frozen=True)
class DigestOutcome:
    """What a run did: `sent`, or `empty` (nothing new; nothing sent)."""

    status: str
    digest_id: str | None = None
    claims: int = 0
    message_bytes: int = 0
    since: datetime | None = None


def collect(
    db: Target, since: date | None, *, book: bool, recipients: tuple[str, ...] = ()
) -> Prepared:
    """The unsent claims (maybe none) and, when there are some, the chart.

    The long queries read the published read copy (`open_reader`), so a digest never
    keeps a monitoring run waiting; the warehouse itself is opened for writing only
    for its short ledger writes. `book=True` books the claims (those no sent digest
    carries by now: the copy may be older than the ledger) into a pending digest;
    `book=False` (dry run) writes nothing and does not lock the warehouse when a read
    copy exists.
    """
    now = utcnow()
    if book or isinstance(db, Lake) or not read_copy_path(db).exists():
        with connect(db) as con:
            migrate(con)
    with open_reader(db) as con:
        rows = digests.pending_claims(con, since)
        pending, newest = digests.pending_count(con, since) if rows else (0, None)
        last_sent = digests.last_sent_at(con)
        history = digests.fate_history(con, now.date(), CHART_WEEKS) if rows else []
    left_out = max(pending - len(rows), 0)
    content = DigestContent(rows=tuple(rows), now=now, since=last_sent, left_out=left_out)
    if rows and book:
        with connect(db) as con:  # short: the ledger writes only
            unsent = digests.unsent_of(con, [r.claim_id for r in rows])
            rows = [r for r in rows if r.claim_id in unsent]
            content = replace(content, rows=tuple(rows))
            if rows:
                ids = [r.claim_id for r in rows]
                start = datetime.combine(since, time()) if since else None
                unlisted = (start, newest) if left_out else None
                digest_id = digests.start_digest(
                    con, ids, recipients, subject_line(content), now, unlisted=unlisted
                )
                content = replace(content, digest_id=digest_id)
    if not rows:
        return Prepared(content, None)
    return Prepared(content, weekly_fates_png(history, now.date(), CHART_WEEKS))


@task(cache_policy=NO_CACHE)
def book_digest(db: Target, since: date | None, recipients: tuple[str, ...]) -> Prepared:
    return collect(db, since, book=True, recipients=recipients)


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry only failures that may pass (4xx, connection refused, timeout)."""
    return isinstance(state.result(raise_on_failure=False), TransientMailError)


@task(cache_policy=NO_CACHE, retry_condition_fn=_transient)
def deliver(smtp: SmtpSettings, message: EmailMessage) -> int:
    send_mail(smtp, message)
    return len(message.as_bytes())


@task(cache_policy=NO_CACHE)
def record(db: Target, digest_id: str, error: str | None) -> None:
    with connect(db) as con:
        if error is None:
            digests.mark_sent(con, digest_id)
        else:
            digests.record_failure(con, digest_id, error)


@flow(name="send-digest")
def send_digest(
    db: str | None = None,
    since: date | None = None,
    retries: int | None = None,
    retry_delay_seconds: float | None = None,
) -> DigestOutcome:
    """Mail the claims no digest has carried yet; record the digest in the ledger.

    A transient SMTP failure is retried `retries` times, `retry_delay_seconds` apart
    (default: CLAIMWATCH_TASK_RETRIES and CLAIMWATCH_RETRY_DELAY).
    """
    log = get_run_logger()
    settings = Settings.from_env(db=db or None)
    smtp = SmtpSettings.from_settings(settings)  # a missing setting fails before any work
    prepared = book_digest(settings.db, since, smtp.recipients)
    content = prepared.content
    if not content.rows:
        log.info("nothing new %s; no digest sent", period_text(content))
        return DigestOutcome("empty", since=content.since)
    assert content.digest_id is not None
    message = render_message(content, prepared.chart_png, smtp.sender, smtp.recipients)
    send = deliver.with_options(
        retries=settings.task_retries if retries is None else retries,
        retry_delay_seconds=settings.retry_delay
        if retry_delay_seconds is None
        else retry_delay_seconds,
    )
    try:
        size = send(smtp, message)
    except MailError as err:
        record(settings.db, content.digest_id, str(err))
        raise  # the run fails; the digest stays pending and the next run re-sends it
    record(settings.db, content.digest_id, None)
    carried = len(content.rows) + content.left_out
    log.info("sent digest %s: %d claims, %d bytes", content.digest_id, carried, size)
    return DigestOutcome("sent", content.digest_id, carried, size, content.since)

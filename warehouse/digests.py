"""The digest ledger: which claims have been mailed, and what the next digest holds.

Design (migration 0002_digests.sql): a claim belongs to at most one digest. A run
books the claims not yet in a *sent* digest into a *pending* digest
(`start_digest`), mails it, then marks it sent (`mark_sent`). A failed send leaves
it pending (`record_failure`); the next run finds those claims again in
`pending_claims`, tops the pending digest up with whatever arrived since and re-sends.
A crash between the SMTP server's "250 OK" and `mark_sent` means the same claims are
mailed again, never that one is lost.

Timestamps are naive UTC, like the rest of the warehouse.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from warehouse.db import Connection, retry_conflicts, statement, transaction, utcnow
from warehouse.lineage import FigureNote, figure_notes


@dataclass(frozen=True)
class Figure:
    """A figure stated by another claim: the previous one, or one that disagrees."""

    count_low: int | None
    count_high: int | None
    share: float | None
    source: tuple[str, ...]
    source_type: str
    polarity: str
    published: date | None
    url: str
    title: str | None
    site: str | None


@dataclass(frozen=True)
class DigestRow:
    """One claim for the digest, with its article and what it compares to."""

    claim_id: str
    seq: int
    created_at: datetime
    doc: str
    sentence: str
    subject: str
    fate: str
    origin: tuple[str, ...]
    count_low: int | None
    count_high: int | None
    share: float | None
    location: tuple[str, ...]
    location_country: tuple[str, ...]
    from_location: tuple[str, ...]
    counterpart: str | None
    time_text: str | None
    year: int | None
    source: tuple[str, ...]
    source_type: str
    certainty: str
    polarity: str
    article_id: str
    url: str
    title: str | None
    site: str | None
    published: date | None
    previous: Figure | None
    """The latest earlier figure for the same subject, fate and places, from another article."""
    rivals: tuple[Figure, ...]
    """Figures for the same subject, fate and places that disagree with this one (newest first)."""
    was_pending: bool
    """Booked into a digest whose send failed (or was interrupted): this is a retry."""
    figure: FigureNote | None = None
    """The figure this claim states (new, or a repeat of an earlier one); None without one."""

    @property
    def contested(self) -> bool:
        return bool(self.rivals)

    @property
    def has_figure(self) -> bool:
        return self.count_low is not None or self.count_high is not None or self.share is not None


@dataclass(frozen=True)
class WeekCount:
    week: date
    """The Monday the week starts on."""
    fate: str
    claims: int


@dataclass(frozen=True)
class DigestRecord:
    digest_id: str
    created_at: datetime
    sent_at: datetime | None
    status: str
    recipients: str
    claim_count: int
    subject: str
    attempts: int
    last_error: str | None


LISTED = 500
"""A digest lists at most this many claims (the newest); it carries and counts the rest."""
COMPARED = 200
"""A listed claim is compared with this many of the newest figures of its group."""


def _start(since: date | datetime | None) -> datetime | None:
    return datetime.combine(since, time()) if type(since) is date else since  # type: ignore[return-value]


def pending_claims(
    con: Connection, since: date | datetime | None = None, limit: int | None = None
) -> list[DigestRow]:
    """Claims in no sent digest: booked-but-unsent ones, plus new ones since `since`; the
    newest `limit` (default LISTED) of them (`pending_count` counts them all).

    `since` (a date means its midnight, UTC) limits only the claims not yet booked;
    None takes every claim never mailed. Ordered by fate, places, then arrival.
    """
    cursor = con.execute(
        statement(con, "digest_pending_claims"),
        {"since": _start(since), "cap": LISTED if limit is None else limit, "compare": COMPARED},
    )
    names = [d[0] for d in cursor.description or ()]
    rows = [_row(dict(zip(names, values, strict=True))) for values in cursor.fetchall()]
    notes = figure_notes(con, [r.claim_id for r in rows])
    return [replace(r, figure=notes.get(r.claim_id)) for r in rows]


def pending_count(con: Connection, since: date | datetime | None = None) -> tuple[int, int | None]:
    """How many claims `pending_claims` would return without its limit, and the newest
    one's seq (None when there are none)."""
    found = con.execute(statement(con, "digest_pending_count"), {"since": _start(since)}).fetchone()
    if not found:
        return 0, None
    return int(found[0]), None if found[2] is None else int(found[2])


def last_sent_at(con: Connection) -> datetime | None:
    """When the last digest was accepted by the SMTP server; None before the first."""
    found = con.execute(statement(con, "digest_last_sent")).fetchone()
    return found[0] if found and isinstance(found[0], datetime) else None


def unsent_of(con: Connection, claim_ids: Sequence[str]) -> set[str]:
    """Those of `claim_ids` in no sent digest (as the warehouse says now)."""
    if not claim_ids:
        return set()
    rows = con.execute(statement(con, "digest_unsent_of"), {"claim_ids": list(claim_ids)})
    return {str(row[0]) for row in rows.fetchall()}


@retry_conflicts
def start_digest(
    con: Connection,
    claim_ids: Sequence[str],
    recipients: Sequence[str],
    subject: str,
    now: datetime | None = None,
    unlisted: tuple[datetime | None, int | None] | None = None,
) -> str:
    """Book `claim_ids` into the open pending digest (or a new one); return its id.

    One transaction. Pass the ids `pending_claims` returned: claims of a sent digest
    must not be booked again. `unlisted=(since, newest_seq)` books, too, every other
    pending claim up to seq `newest_seq` (those a capped digest counts but does not list),
    selected as `pending_claims(since)` selects them.
    """
    if not claim_ids:
        raise ValueError("a digest needs at least one claim")
    joined = ", ".join(recipients)
    with transaction(con):
        found = con.execute(statement(con, "digest_open_pending")).fetchone()
        if found:
            digest_id = str(found[0])
        else:
            digest_id = "dg-" + uuid.uuid4().hex[:16]
            con.execute(
                statement(con, "digest_insert"),
                {
                    "digest_id": digest_id,
                    "created_at": now or utcnow(),
                    "recipients": joined,
                    "subject": subject,
                },
            )
        con.execute(
            statement(con, "digest_book_claims"),
            {"digest_id": digest_id, "claim_ids": list(claim_ids)},
        )
        if unlisted is not None:
            con.execute(
                statement(con, "digest_book_unlisted"),
                {"digest_id": digest_id, "since": unlisted[0], "up_to": unlisted[1]},
            )
        con.execute(
            statement(con, "digest_refresh"),
            {"digest_id": digest_id, "recipients": joined, "subject": subject},
        )
        con.execute(statement(con, "digest_drop_empty"))
    return digest_id


@retry_conflicts
def mark_sent(con: Connection, digest_id: str, sent_at: datetime | None = None) -> bool:
    """Mark a pending digest sent; False when it was not pending (already sent, unknown)."""
    with transaction(con):
        done = con.execute(
            statement(con, "digest_mark_sent"),
            {"digest_id": digest_id, "sent_at": sent_at or utcnow()},
        ).fetchone()
    return bool(done and done[0])


@retry_conflicts
def record_failure(con: Connection, digest_id: str, error: str) -> None:
    """Count a failed send; the digest stays pending so the next run re-sends its claims."""
    with transaction(con):
        con.execute(
            statement(con, "digest_record_failure"),
            {"digest_id": digest_id, "error": error[:2000]},
        )


def list_digests(con: Connection) -> list[DigestRecord]:
    """The ledger, newest first."""
    rows = con.execute(statement(con, "digest_list")).fetchall()
    return [DigestRecord(*row) for row in rows]


def fate_history(con: Connection, end: date, weeks: int = 12) -> list[WeekCount]:
    """Claims per week and fate over the `weeks` weeks ending with the week of `end`."""
    start = end - timedelta(days=end.weekday()) - timedelta(weeks=weeks - 1)
    rows = con.execute(
        statement(con, "digest_fate_history"), {"start": start, "end": end}
    ).fetchall()
    return [WeekCount(week=r[0], fate=str(r[1]), claims=int(r[2])) for r in rows]


def _figure(raw: Mapping[str, Any] | None) -> Figure | None:
    if raw is None:
        return None
    return Figure(
        count_low=raw["count_low"],
        count_high=raw["count_high"],
        share=raw["share"],
        source=tuple(raw["source"] or ()),
        source_type=str(raw["source_type"]),
        polarity=str(raw["polarity"]),
        published=raw["published"],
        url=str(raw["url"]),
        title=raw["title"],
        site=raw["site"],
    )


def _row(raw: dict[str, Any]) -> DigestRow:
    for key in ("origin", "location", "location_country", "from_location", "source"):
        raw[key] = tuple(raw[key] or ())
    raw["previous"] = _figure(raw["previous"])
    raw["rivals"] = tuple(f for f in map(_figure, raw["rivals"] or ()) if f is not None)
    raw["was_pending"] = bool(raw["was_pending"])
    return DigestRow(**raw)

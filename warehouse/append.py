"""Batched appends: many articles with their claims in ONE transaction, a few statements.

The claims' figures (warehouse/figures.py) are placed in the same transaction. A batch
is written whole or not at all, so a killed process leaves whole articles only
(never an article without some of its claims), and a repeated batch adds nothing twice:
URLs already stored are reported `known`. A batch's rows travel as one JSON parameter
(`INSERT ... SELECT unnest(from_json($rows, ...))`), so a batch of any size costs about
the handful of statements one article did; no statement scans `articles` per row.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from extractors.types import Claim, PageText
from warehouse.db import Connection, is_lake, retry_conflicts, statement, transaction, utcnow
from warehouse.figures import save_figures
from warehouse.keys import article_key, claim_fields, claim_key, claim_key_of_fields

log = logging.getLogger(__name__)

CLAIM_LIST_FIELDS = ("origin", "location", "location_country", "from_location", "source")


@dataclass(frozen=True)
class NewArticle:
    """One fetched article and the claims found in it, to be saved."""

    feed_url: str | None
    page: PageText
    fetched_at: datetime
    claims: Sequence[Claim]


@dataclass(frozen=True)
class SaveResult:
    """What saving did to one article: `new` (stored with its claims), `known` (URL already
    stored; nothing written) or `syndicated` (a new URL whose text fingerprint matches a
    stored article: stored with `duplicate_of`, without claims)."""

    article_id: str
    status: str
    claims_new: int
    claims_known: int


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


@retry_conflicts
def save_articles(
    con: Connection, run_id: str, extractor_version: str, batch: Sequence[NewArticle]
) -> list[SaveResult]:
    """Store `batch` in one transaction; one `SaveResult` per item, in order.

    On a lake (no keys, no RETURNING) the batch's ids already stored are read first, in
    the same write transaction, which DuckLake serialises; the rest are inserted."""
    if not batch:
        return []
    keyed = [(item.page.normalized_url or item.page.url, item) for item in batch]
    with transaction(con):
        prints = sorted({item.page.fingerprint for _, item in keyed if item.page.fingerprint})
        originals: dict[str, str] = {
            str(fp): str(original)
            for fp, original in con.execute(
                statement(con, "originals_by_fingerprint"), {"fingerprints": prints}
            ).fetchall()
        }
        planned = _plan(keyed, originals)
        inserted: set[str] = set()
        if planned and is_lake(con):
            inserted = set(planned) - _stored(con, sorted(planned))
            rows = [row for article_id, (row, _) in planned.items() if article_id in inserted]
            con.execute(
                statement(con, "articles_append"),
                {"articles": _json(rows), "run_id": run_id, "extractor_version": extractor_version},
            )
        elif planned:
            rows = [row for row, _ in planned.values()]
            inserted = {
                str(r[0])
                for r in con.execute(
                    statement(con, "articles_append"),
                    {
                        "articles": _json(rows),
                        "run_id": run_id,
                        "extractor_version": extractor_version,
                    },
                ).fetchall()
            }
        claims = [
            claim
            for article_id, (row, article_claims) in planned.items()
            if article_id in inserted and row["duplicate_of"] is None
            for claim in article_claims
        ]
        if claims:
            first = _append_claims(con, run_id, extractor_version, claims)
            save_figures(con, run_id, [c["claim_id"] for c in claims], min_seq=first)
        return _results(con, keyed, planned, inserted)


def _plan(
    keyed: list[tuple[str, NewArticle]], originals: dict[str, str]
) -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Article id -> (its row, its claim rows) for each distinct URL of the batch. A text
    fingerprint seen earlier (stored, or earlier in the batch) makes a syndicated copy."""
    planned: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    for url, item in keyed:
        article_id = article_key(url)
        if article_id in planned:
            continue
        page = item.page
        original = originals.get(page.fingerprint) if page.fingerprint else None
        if original == article_id:
            original = None  # the article itself, stored already: reported "known"
        if page.fingerprint and original is None:
            originals[page.fingerprint] = article_id
        rows: dict[str, dict[str, Any]] = {}
        if original is None:
            for claim in item.claims:
                row = _claim_row(article_id, claim)
                rows.setdefault(row["claim_id"], row)
        planned[article_id] = (_article_row(article_id, url, item, original), list(rows.values()))
    return planned


def _results(
    con: Connection,
    keyed: list[tuple[str, NewArticle]],
    planned: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]],
    inserted: set[str],
) -> list[SaveResult]:
    """One result per item; for articles already stored, how many of the given claims
    are stored too."""
    known = sorted(set(planned) - inserted)
    stored: dict[str, set[str]] = {}
    if known:
        for article_id, claim_id in con.execute(
            statement(con, "claim_ids_of_articles"), {"article_ids": known}
        ).fetchall():
            stored.setdefault(str(article_id), set()).add(str(claim_id))
    results = []
    reported: set[str] = set()
    for url, item in keyed:
        article_id = article_key(url)
        row, claims = planned[article_id]
        if article_id not in inserted or article_id in reported:
            keys = {claim_key(article_id, c) for c in item.claims}
            found = keys & stored.get(article_id, {r["claim_id"] for r in claims})
            results.append(SaveResult(article_id, "known", 0, len(found)))
        elif row["duplicate_of"] is not None:
            log.info("syndicated copy of %s: %s", row["duplicate_of"], item.page.url)
            results.append(SaveResult(article_id, "syndicated", 0, 0))
        else:
            results.append(
                SaveResult(article_id, "new", len(claims), len(item.claims) - len(claims))
            )
        reported.add(article_id)
    return results


def _article_row(
    article_id: str, url: str, item: NewArticle, original: str | None
) -> dict[str, Any]:
    page = item.page
    return {
        "article_id": article_id,
        "url": page.url,
        "normalized_url": url,
        "feed_url": item.feed_url,
        "title": page.title,
        "author": page.author,
        "site": page.site,
        "language": page.language,
        "published": page.published,
        "fetched_at": _utc(item.fetched_at),
        "text": page.text,
        "fingerprint": page.fingerprint,
        "duplicate_of": original,
    }


def _claim_row(article_id: str, claim: Claim) -> dict[str, Any]:
    row = claim_fields(claim)
    row.update(claim_id=claim_key_of_fields(article_id, row), article_id=article_id)
    return row


def _json(rows: list[dict[str, Any]]) -> str:
    """Rows as one JSON array (dates and times in ISO form), for `from_json` in SQL."""
    return json.dumps(rows, ensure_ascii=False, default=_iso, separators=(",", ":"))


def _iso(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} {value!r} as JSON")


def _stored(con: Connection, article_ids: list[str]) -> set[str]:
    """Which of `article_ids` are stored already (a lake's stand-in for ON CONFLICT)."""
    rows = con.execute(statement(con, "articles_stored"), {"article_ids": article_ids})
    return {str(r[0]) for r in rows.fetchall()}


def _append_claims(
    con: Connection, run_id: str, extractor_version: str, rows: list[dict[str, Any]]
) -> int:
    """Insert claim rows; return the lowest seq they got (on a lake, which has no
    RETURNING, read before the insert: its write transactions are serialised)."""
    if is_lake(con):
        row = con.execute(statement(con, "claims_max_seq")).fetchone()
        first = (int(row[0]) if row else 0) + 1
        con.execute(
            statement(con, "claims_append"),
            {
                "claims": _json(rows),
                "created_at": utcnow(),
                "run_id": run_id,
                "extractor_version": extractor_version,
            },
        )
        return first
    seqs = con.execute(
        statement(con, "claims_append"),
        {
            "claims": _json(rows),
            "created_at": utcnow(),
            "run_id": run_id,
            "extractor_version": extractor_version,
        },
    ).fetchall()
    return min(int(seq) for (seq,) in seqs)


def insert_claims(
    con: Connection,
    run_id: str,
    extractor_version: str,
    article_id: str,
    claims: Sequence[Claim],
    skip: set[str] | frozenset[str] = frozenset(),
) -> int:
    """Insert an article's claims whose keys are not in `skip` (in the caller's
    transaction); return how many rows were added."""
    rows: dict[str, dict[str, Any]] = {}
    for claim in claims:
        row = _claim_row(article_id, claim)
        if row["claim_id"] not in skip:
            rows.setdefault(row["claim_id"], row)
    if rows:
        _append_claims(con, run_id, extractor_version, list(rows.values()))
    return len(rows)

"""Entry memory: each feed entry's link and GUID, remembered as aliases of the article they
led to, or of the refusal of its page with the time a retry is due (migration 0003).

A feed entry seen before is therefore never fetched again, whatever URL its page
declared as canonical, and a refused page is not fetched on every run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from warehouse.db import Connection, retry_conflicts, statement, transaction, utcnow


@dataclass(frozen=True)
class Remembered:
    """What an alias says about its entry."""

    alias: str
    article_id: str | None
    reason: str | None
    failures: int
    retry_at: datetime | None


def entry_aliases(feed_name: str, normalized_link: str, guid: str | None) -> tuple[str, ...]:
    """The aliases of one entry: its normalised link, and its GUID within its feed.

    GUIDs are scoped by the feed's configured name, not its URL: a feed whose URL
    changes (a new port, http -> https) keeps its entries' memory.
    """
    aliases = [f"url {normalized_link}"]
    if guid and guid.strip():
        aliases.append(f"guid {feed_name} {guid.strip()}")
    return tuple(aliases)


def lookup(con: Connection, aliases: Sequence[str]) -> dict[str, Remembered]:
    """The remembered ones among `aliases`, by alias."""
    if not aliases:
        return {}
    rows = con.execute(statement(con, "alias_lookup"), {"aliases": list(aliases)})
    return {str(row[0]): Remembered(*row) for row in rows.fetchall()}


@retry_conflicts
def remember_articles(con: Connection, entries: Iterable[tuple[Iterable[str], str, str]]) -> None:
    """Each entry (aliases, feed_url, article_id) led to its article: never fetch it again.
    One transaction, one statement (the rows travel as one JSON parameter)."""
    now = utcnow().isoformat()
    rows: dict[str, dict[str, str]] = {}
    for aliases, feed_url, article_id in entries:
        for alias in aliases:
            rows[alias] = {"alias": alias, "feed_url": feed_url, "article_id": article_id}
    if not rows:
        return
    with transaction(con):
        con.execute(
            statement(con, "aliases_to_articles"),
            {"rows": json.dumps(list(rows.values())), "seen_at": now},
        )


@retry_conflicts
def remember_refusal(
    con: Connection,
    aliases: Iterable[str],
    feed_url: str,
    reason: str,
    failures: int,
    retry_at: datetime,
) -> None:
    """The entry's page was refused (`failures` times in a row): not again before `retry_at`."""
    now = utcnow()
    with transaction(con):
        for alias in aliases:
            con.execute(
                statement(con, "alias_refused"),
                {
                    "alias": alias,
                    "feed_url": feed_url,
                    "reason": reason,
                    "failures": failures,
                    "retry_at": retry_at,
                    "seen_at": now,
                },
            )

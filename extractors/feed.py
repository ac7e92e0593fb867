"""RSS/Atom bytes into a ParsedFeed (pure; feedparser is handed bytes and never fetches).

Feed bytes go to feedparser undecoded so it detects the encoding itself. A feed that
cannot be used carries a `problem`; `parse_feed` never raises.
"""

from __future__ import annotations

import calendar
import logging
import re
from datetime import UTC, datetime
from typing import Any

import feedparser

from extractors.types import FeedEntry, ParsedFeed

log = logging.getLogger(__name__)

# feedparser reports these for feeds that are still perfectly usable.
HARMLESS_BOZO = ("CharacterEncodingOverride", "NonXMLContentType")


def parse_feed(data: bytes, url: str) -> ParsedFeed:
    """Parse feed bytes; `problem` is set when the feed is empty, not a feed, or broken."""
    if not data or not data.strip():
        return ParsedFeed(url=url, problem="empty")
    try:
        parsed = feedparser.parse(data, response_headers={"content-location": url})
    except (ValueError, TypeError, LookupError) as err:  # feedparser's own guard has gaps
        return ParsedFeed(url=url, problem=f"unparseable: {err}")
    entries = tuple(e for e in (_entry(raw, url) for raw in parsed.entries) if e is not None)
    title = str(parsed.feed.get("title", "") or "")
    problem = None
    if parsed.bozo and not entries:
        exc = parsed.get("bozo_exception")
        problem = f"malformed: {type(exc).__name__}: {exc}" if exc else "malformed"
    elif not entries and not parsed.version:
        problem = "not a feed"
    elif parsed.bozo and type(parsed.get("bozo_exception")).__name__ not in HARMLESS_BOZO:
        log.debug("feed %s is irregular but usable: %s", url, parsed.get("bozo_exception"))
    return ParsedFeed(url=url, title=title, entries=entries, problem=problem)


def _entry(raw: Any, feed_url: str) -> FeedEntry | None:
    link = raw.get("link") or ""
    if not link:
        links = [x.get("href") for x in raw.get("links", ()) if x.get("href")]
        link = links[0] if links else ""
    if not link and str(raw.get("id", "")).startswith(("http://", "https://")):
        link = raw["id"]
    if not link:
        return None
    return FeedEntry(
        url=link.strip(),
        title=" ".join(str(raw.get("title", "") or "").split()),
        summary=str(raw.get("summary", "") or ""),
        published=_when(raw),
        guid=raw.get("id") or None,
    )


def _when(raw: Any) -> datetime | None:
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)
    except (OverflowError, ValueError, TypeError):
        return None


def entry_matches(entry: FeedEntry, keywords: tuple[str, ...]) -> bool:
    """True when the entry's title or summary mentions one of `keywords` (no keywords: all).

    Matching ignores case and markup, and a keyword only matches whole words, so
    "isis" does not match "crisis".
    """
    if not keywords:
        return True
    haystack = " ".join(_TAG.sub(" ", f"{entry.title} {entry.summary}").casefold().split())
    return any(_keyword_pattern(k).search(haystack) for k in keywords)


_TAG = re.compile(r"<[^>]+>")


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in keyword.casefold().split()]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(words) + r"(?!\w)")

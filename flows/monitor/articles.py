"""One feed entry's page: fetched under the request policy, its text extracted, bounded
and de-duplicated, its claims found. Pure of warehouse writes (see `flows.monitor.batch`).

`fetch_article` never raises: any failure, a crash included (MemoryError, a bug in a
parser), is a `PageFailure`, so one page never costs its feed its other articles. Text
limits apply before the claim engine runs: a sentence repeated within the article is
analysed once, the text is cut at `max_text_chars`, and at most `max_claims` claims are
kept; each cut is a `Cut` with a reason from the failure vocabulary, recorded with the
article in `fetch_failures`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from extractors.text import extract_page, normalize_url
from extractors.types import Claim, FeedEntry, PageText
from flows.monitor.fetch import FetchFailure, Limits, decode_html, fetch
from warehouse.keys import article_key

log = logging.getLogger(__name__)

MIN_REPEAT_CHARS = 20
"""Shorter sentences ("He said.") may repeat legitimately and cost nothing to analyse."""
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class ClaimEngine:
    """The claim extractor and its version (recorded on every row it produced)."""

    extract: Callable[[str, str, date | None], list[Claim]]
    version: str


@dataclass(frozen=True)
class TextLimits:
    max_text_chars: int = 100_000
    max_claims: int = 200


@dataclass(frozen=True)
class Cut:
    """Part of an article left out of the analysis (stored with the article as a failure row)."""

    stage: str
    reason: str
    detail: str


@dataclass(frozen=True)
class Article:
    page: PageText
    fetched_at: datetime
    claims: list[Claim]
    aliases: tuple[str, ...] = ()
    cuts: tuple[Cut, ...] = ()


@dataclass(frozen=True)
class PageFailure:
    url: str
    stage: str
    reason: str
    detail: str
    transient: bool = False
    aliases: tuple[str, ...] = ()
    failures: int = 1
    """Refusals of this entry in a row, this one included."""


def fetch_article(
    entry: FeedEntry,
    limits: Limits,
    trusted: set[str],
    engine: ClaimEngine,
    text_limits: TextLimits = TextLimits(),
) -> Article | PageFailure:
    """Fetch one article link (private addresses refused unless trusted), extract, find
    claims; a crash is a `crashed` PageFailure, never an exception."""
    try:
        return _fetch_article(entry, limits, trusted, engine, text_limits)
    except Exception as err:  # MemoryError included: one page must not cost the feed
        log.exception("page %s crashed", entry.url)
        return PageFailure(entry.url, "page", "crashed", f"{type(err).__name__}: {err}"[:500])


def _fetch_article(
    entry: FeedEntry,
    limits: Limits,
    trusted: set[str],
    engine: ClaimEngine,
    text_limits: TextLimits,
) -> Article | PageFailure:
    got = fetch(entry.url, limits, trusted_hosts=trusted)
    if isinstance(got, FetchFailure):
        return PageFailure(entry.url, "page", got.reason, got.detail, got.transient)
    page = extract_page(decode_html(got), got.url)
    if page is None:
        return PageFailure(entry.url, "text", "empty", "no main text found")
    page = replace(page, normalized_url=article_identity(page))
    published = page.published or (entry.published.date() if entry.published else None)
    text, cuts = bounded_text(page.text, text_limits.max_text_chars)
    page = replace(page, published=published, title=page.title or entry.title or None, text=text)
    claims = engine.extract(article_key(page.normalized_url), page.text, published)
    if len(claims) > text_limits.max_claims:
        detail = f"{len(claims)} claims, kept the first {text_limits.max_claims}"
        cuts.append(Cut("claims", "claims_cut", detail))
        claims = claims[: text_limits.max_claims]
    return Article(page, datetime.now(UTC), claims, cuts=tuple(cuts))


def article_identity(page: PageText) -> str:
    """The normalised canonical URL when the page declares a usable one, else its URL."""
    canonical = page.canonical_url
    if canonical and urlsplit(canonical).path not in ("", "/"):
        return normalize_url(canonical)
    return page.normalized_url or normalize_url(page.url)


def bounded_text(text: str, max_chars: int) -> tuple[str, list[Cut]]:
    """The text the engine analyses and the warehouse stores: each repeated sentence
    once, then at most `max_chars` characters (cut at a sentence or word end)."""
    cuts: list[Cut] = []
    text, repeated = without_repeats(text)
    if repeated:
        cuts.append(Cut("sentences", "repeated_text", f"{repeated} repeated sentences dropped"))
    if len(text) > max_chars:
        cut = text[:max_chars]
        end = max(cut.rfind(". "), cut.rfind("\n"))
        cut = cut[: end + 1] if end > max_chars // 2 else cut.rsplit(" ", 1)[0]
        cuts.append(Cut("text", "text_cut", f"{len(text)} characters cut to {len(cut)}"))
        text = cut.rstrip()
    return text, cuts


def without_repeats(text: str) -> tuple[str, int]:
    """The text with every sentence seen before (same words, any case/spacing) dropped;
    paragraphs without a repeat are kept exactly as they were."""
    seen: set[str] = set()
    paragraphs: list[str] = []
    dropped = 0
    for paragraph in text.split("\n"):
        sentences = _SENTENCE_END.split(paragraph)
        kept = []
        for sentence in sentences:
            key = " ".join(sentence.split()).lower()
            if len(key) >= MIN_REPEAT_CHARS and key in seen:
                continue
            seen.add(key)
            kept.append(sentence)
        if len(kept) == len(sentences):
            paragraphs.append(paragraph)
        else:
            dropped += len(sentences) - len(kept)
            if kept:
                paragraphs.append(" ".join(kept))
    return "\n".join(paragraphs), dropped

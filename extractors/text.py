"""Main text and metadata from HTML, URL normalisation and text fingerprints (pure).

trafilatura is only given the markup it is handed: it never fetches. `extract_page`
never raises on bad markup; it returns None when the page has no usable main text.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import trafilatura

from extractors.types import PageText

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 80
"""Shorter main texts are treated as no text (navigation pages, cookie walls)."""

TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref", "ref_src"}
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_")
DEFAULT_PORTS = {"http": 80, "https": 443}

BODY_SENTENCE_WORDS = 10
"""Sentences shorter than this (bylines, credits, "Read more" lines) are not story text."""
FINGERPRINT_SENTENCES = slice(1, 5)
"""The story sentences a fingerprint hashes: the 2nd to 5th (the 1st carries datelines)."""

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalize_url(url: str) -> str:
    """The URL without tracking parameters, fragment, default port, `www.` or trailing slash.

    Scheme and host are lower-cased; the remaining query parameters are sorted, so two
    links to one article compare equal. Unparseable input is returned stripped.
    """
    raw = url.strip()
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        return raw
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    if port is not None and DEFAULT_PORTS.get(scheme) != port:
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def text_words(text: str) -> list[str]:
    """The text's words, case-folded and accent-free, with punctuation dropped."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(plain)


def text_fingerprint(text: str) -> str:
    """A fingerprint shared by syndicated copies of one story (empty for empty text).

    Copies of a wire story differ in what surrounds the story: a dateline or agency tag
    in the first sentence, by-lines, "Read more" lines, credits and related links, and
    whitespace, case and punctuation. So the fingerprint hashes the normalised words of
    the story's 2nd to 5th *body* sentences (at least BODY_SENTENCE_WORDS words, ending
    in . ! or ?), which those differences do not touch. Short texts fall back to all
    their body sentences, then to all their words.
    """
    sentences = [
        words
        for words in (text_words(s) for s in _SENTENCE_END.split(text) if _TERMINAL.search(s))
        if len(words) >= BODY_SENTENCE_WORDS
    ]
    chosen = sentences[FINGERPRINT_SENTENCES] if len(sentences) >= 3 else sentences
    words = [w for sentence in chosen for w in sentence] or text_words(text)
    if not words:
        return ""
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).hexdigest()


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+|\n+")
_TERMINAL = re.compile(r"[.!?][\"”’)\]]*\s*$")


def extract_text(html: bytes | str, url: str) -> str | None:
    """The page's main text, or None when it has none worth keeping."""
    page = extract_page(html, url)
    return page.text if page else None


def extract_page(html: bytes | str, url: str) -> PageText | None:
    """Main text plus title, author, date, site and language; None when there is no text."""
    if not html.strip():
        return None
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError, LookupError) as err:
        # lxml and trafilatura raise these on markup they cannot parse at all.
        log.warning("text extraction failed for %s: %s", url, err)
        return None
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        return None
    tags = data.get("tags") or data.get("categories") or ()
    if isinstance(tags, str):
        tags = tuple(t.strip() for t in tags.split(",") if t.strip())
    return PageText(
        url=url,
        text=text,
        normalized_url=normalize_url(url),
        title=_clean(data.get("title")),
        author=_clean(data.get("author")),
        published=_parse_date(data.get("date")),
        site=_clean(data.get("sitename")) or (urlsplit(url).hostname or None),
        language=_clean(data.get("language")) or _declared_language(html),
        canonical_url=_canonical(data.get("url"), url),
        fingerprint=text_fingerprint(text),
        tags=tuple(tags),
    )


_HTML_LANG = re.compile(rb"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)


def _declared_language(html: bytes | str) -> str | None:
    """The two- or three-letter code of `<html lang="...">`, lower-cased."""
    head = html[:4096]
    data = head.encode("utf-8", "replace") if isinstance(head, str) else bytes(head)
    found = _HTML_LANG.search(data)
    return found.group(1).decode("ascii").lower() if found else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _canonical(value: object, url: str) -> str | None:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        return None
    return value if value != url else None

"""parse_feed / extract_page / normalize_url / text_fingerprint on data files: never raise."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from extractors.feed import entry_matches, parse_feed
from extractors.text import extract_page, extract_text, normalize_url, text_fingerprint
from extractors.types import FeedEntry

DATA = Path(__file__).parent / "data"
FEEDS = DATA / "feeds"
PAGES = DATA / "pages"
SAMPLE = Path(__file__).resolve().parent.parent / "flows" / "sample" / "site"
FEED_URL = "https://news.example.org/feed.xml"


def _feed(name: str):
    return parse_feed((FEEDS / name).read_bytes(), FEED_URL)


def test_ok_feed() -> None:
    feed = _feed("ok.xml")
    assert feed.problem is None
    assert feed.title == "Regional Security Desk"
    assert next(e.title for e in feed.entries) == (
        "Iraq transfers 50 ISIS suspects from Syrian prisons"
    )
    first = feed.entries[0]
    assert first.published == datetime(2026, 10, 5, 8, 30, tzinfo=UTC)
    assert first.guid == "https://news.example.org/news-1"  # feedparser resolves guids too
    # a relative link resolves against the feed's URL
    assert feed.entries[2].url == "https://news.example.org/2026/10/returnees-trial"


def test_atom_feed() -> None:
    feed = _feed("atom.xml")
    assert feed.problem is None
    assert feed.entries[0].url == "https://research.example.net/notes/central-asia"


def test_latin1_without_declaration() -> None:
    feed = _feed("latin1_undeclared.xml")
    assert feed.problem is None
    assert feed.title == "Actualités du Maghreb"
    assert feed.entries[0].title == "Retour de 63 Tunisiens, déclare le ministère"


@pytest.mark.parametrize(
    ("name", "problem"),
    [("malformed.xml", "malformed"), ("empty.xml", "empty"), ("not_a_feed.xml", "")],
)
def test_unusable_feeds_have_a_problem(name: str, problem: str) -> None:
    feed = _feed(name)
    assert feed.problem is not None
    assert feed.problem.startswith(problem)
    assert feed.entries == ()


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\xff\xfe garbage", b"<rss><channel><item>", b'{"a": 1}', b"\xef\xbb\xbf<rss/>"],
)
def test_parse_feed_never_raises(data: bytes) -> None:
    feed = parse_feed(data, FEED_URL)
    assert feed.url == FEED_URL
    assert feed.problem is not None or isinstance(feed.entries, tuple)


@pytest.mark.parametrize(
    ("title", "summary", "keywords", "kept"),
    [
        ("Iraq transfers ISIS suspects", "", ("isis",), True),
        ("Economic crisis deepens", "", ("isis",), False),  # not inside "crisis"
        ("Olive prices", "<p>members of the <b>Islamic</b>  State</p>", ("islamic state",), True),
        ("Returnees face trial", "", ("returnee",), False),  # whole words only
        ("Al-Hol camp emptied", "", ("al hol",), True),  # space or hyphen
        ("Anything at all", "", (), True),  # no keywords: keep all
        ("DAESH cell arrested", "", ("daesh",), True),
    ],
)
def test_keyword_filter(title: str, summary: str, keywords: tuple[str, ...], kept: bool) -> None:
    entry = FeedEntry(url="https://x.example/a", title=title, summary=summary)
    assert entry_matches(entry, keywords) is kept


def test_article_text_and_metadata() -> None:
    url = "https://www.ammanledger.example.com/security/returnees?utm_source=rss#top"
    page = extract_page((PAGES / "article.html").read_bytes(), url)
    assert page is not None
    assert page.title == "Jordan says 30 returnees detained on arrival"
    assert page.author == "Rania Qasem"
    assert page.published == date(2026, 4, 12)
    assert page.site == "Amman Ledger"
    assert page.language == "en"
    assert page.canonical_url == (
        "https://ammanledger.example.com/security/jordan-returnees-detained"
    )
    assert page.normalized_url == "https://ammanledger.example.com/security/returnees"
    assert "detained 30 men" in page.text
    assert "Fuel prices" not in page.text  # sidebar
    assert "Privacy" not in page.text  # footer
    assert page.fingerprint


def test_page_without_main_text() -> None:
    assert extract_page((PAGES / "nav_only.html").read_bytes(), "https://x.example/s") is None


@pytest.mark.parametrize(
    "html",
    [b"", "   ", b"\x00\x01\x02\x03" * 100, b"<html><body></body></html>", "<p>short</p>", "<<<"],
)
def test_extract_never_raises(html: bytes | str) -> None:
    assert extract_text(html, "https://x.example/p") is None


def test_extract_text_takes_str_and_bytes() -> None:
    raw = (PAGES / "article.html").read_bytes()
    assert extract_text(raw, "https://x.example/a") == extract_text(
        raw.decode(), "https://x.example/a"
    )


def test_syndicated_copy_has_the_same_fingerprint() -> None:
    original = extract_page((PAGES / "wire_original.html").read_bytes(), "https://a.example/1")
    copy = extract_page((PAGES / "wire_copy.html").read_bytes(), "https://b.example/2")
    other = extract_page((PAGES / "article.html").read_bytes(), "https://c.example/3")
    assert original
    assert copy
    assert other
    assert original.text != copy.text
    assert original.fingerprint == copy.fingerprint
    assert original.fingerprint != other.fingerprint


def test_sample_site_fingerprints() -> None:
    pages = {
        p.name: extract_page(p.read_bytes(), "http://127.0.0.1/" + p.name)
        for p in sorted(SAMPLE.rglob("*.html"))
    }
    assert all(pages.values())
    prints = [p.fingerprint for p in pages.values() if p]
    assert len(prints) == len(set(prints)) + 1  # exactly one syndicated pair
    wire = pages["european-states-took-back-few-isis-fighters.html"]
    copy = pages["european-returns-study.html"]
    assert wire
    assert copy
    assert wire.fingerprint == copy.fingerprint


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Some 40 fighters fled to Turkey, he said.", "some  40 FIGHTERS fled to turkey he said"),
        ("Café déjà vu: 12 men returned.", "Cafe deja vu — 12 men returned!"),
        ("One.\n\nTwo words here.", "One. Two words here."),
    ],
)
def test_fingerprint_ignores_case_space_punctuation(a: str, b: str) -> None:
    assert text_fingerprint(a) == text_fingerprint(b)


def test_fingerprint_of_nothing() -> None:
    assert text_fingerprint("") == ""
    assert text_fingerprint(" ... ") == ""
    assert text_fingerprint("a b") != text_fingerprint("a c")


@pytest.mark.parametrize(
    ("url", "normalized"),
    [
        ("HTTPS://WWW.Example.COM/News/Story/", "https://example.com/News/Story"),
        ("https://example.com:443/a?utm_source=x&id=7&fbclid=1#frag", "https://example.com/a?id=7"),
        ("http://example.com:80//a//b", "http://example.com/a/b"),
        ("http://example.com:8080/a?b=2&a=1", "http://example.com:8080/a?a=1&b=2"),
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/x?ref=home  ", "https://example.com/x"),
        ("http://[::1:", "http://[::1:"),
    ],
)
def test_normalize_url(url: str, normalized: str) -> None:
    assert normalize_url(url) == normalized
    assert normalize_url(normalized) == normalized

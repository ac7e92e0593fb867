"""Security: a feed batch (`run_feed`, real DuckDB) against a hostile server on loopback.

What a malicious feed must not achieve: reach another host through a redirect, crash
its feed, cost every run the same failed downloads, or make one page cost seconds.
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from hostile_server import Canary, HostileServer, redirect, response, stacked_gzip_bomb, trickle

from extractors.types import Claim
from flows.monitor.articles import ClaimEngine
from flows.monitor.feeds import Feed
from flows.monitor.flow import describe, refusals, summarize
from flows.monitor.tasks import FeedResult, load_claim_engine, open_run, run_feed
from flows.monitor.transport import watching_connections
from flows.sample.synthetic import article_html, article_text
from flows.settings import Settings

RSS = "application/rss+xml"


@pytest.fixture(autouse=True)
def logs_outside_flow_runs() -> Iterator[None]:
    """`run_feed` runs here without a flow run: its warnings stay local (Prefect would
    warn that it cannot send them, an error in this suite)."""
    from prefect.settings import PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW, temporary_settings

    with temporary_settings(updates={PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW: "ignore"}):
        yield


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    server = HostileServer()
    yield server
    server.close()


@pytest.fixture
def canary() -> Iterator[Canary]:
    server = Canary()
    yield server
    server.close()
    assert server.requests == [], "the canary must never be reached"


@pytest.fixture
def settings(db_path: Path) -> Settings:
    return Settings(
        db=db_path,
        per_host_delay=0.0,
        fetch_timeout=1.0,
        fetch_deadline=1.5,
        task_retries=0,
        max_bytes=2_000_000,
    )


def rss(links: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>ISIS {html.escape(t)}</title><link>{html.escape(u)}</link>"
        f"<guid>{html.escape(t)}</guid></item>"
        for t, u in links
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()


def run(feed: Feed, settings: Settings, engine: ClaimEngine | None = None) -> FeedResult:
    engine = engine or load_claim_engine()
    run_id = open_run.fn(settings.db, "monitor_feeds", engine.version)
    return run_feed(feed, run_id, settings, engine)


def stored_urls(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(u for (u,) in con.execute("SELECT url FROM articles").fetchall())


def test_feed_redirecting_to_an_internal_host_reaches_nothing(
    hostile, canary, settings: Settings
) -> None:
    """The configured feed 302s to another loopback port whose feed links to itself."""
    url = hostile.add("/feed.xml", redirect(canary.url("/feed.xml")))
    with watching_connections() as seen:
        result = run(Feed("hostile", url), settings)
    assert result.status == "private_address"
    assert set(seen) == {("127.0.0.1", hostile.port)}
    assert stored_urls(settings.db) == []


def test_a_crashing_page_costs_its_feed_nothing(hostile, settings: Settings) -> None:
    """MemoryError while analysing page 2 of 3: pages 1 and 3 are stored, page 2 is
    recorded as crashed and not fetched again on the next run."""
    links = []
    for n in range(3):
        links.append((f"page {n}", hostile.add(f"/a/{n}.html", response(article_html(n).encode()))))
    feed_url = hostile.add("/feed.xml", response(rss(links), RSS))
    real = load_claim_engine()

    def extract(doc: str, text: str, published: object) -> list[Claim]:
        if "statement number 1." in text:
            raise MemoryError("test: page 1 exhausts memory")
        return real.extract(doc, text, published)  # type: ignore[arg-type]

    engine = ClaimEngine(extract, real.version)
    first = run(Feed("hostile", feed_url), settings, engine)
    assert first.articles_new == 2
    assert first.page_failures == {"crashed": 1}
    assert len(stored_urls(settings.db)) == 2

    second = run(Feed("hostile", feed_url), settings, engine)
    assert (second.known_skipped, second.waiting, second.articles_new) == (2, 1, 0)
    assert [hostile.hits(f"/a/{n}.html") for n in range(3)] == [1, 1, 1]


def test_refused_pages_are_not_fetched_every_run(hostile, canary, settings: Settings) -> None:
    """Run 1 meets a bomb, a slow page, a redirect to the canary and one good page; run 2
    fetches the feed and no page, and the summary names every refusal."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Slow: " + b"a" * 200
    links = [
        ("bomb", hostile.add("/bomb.html", stacked_gzip_bomb())),
        ("slow", hostile.add("/slow.html", trickle(head, 0.1))),
        ("internal", hostile.add("/internal", redirect(canary.url("/internal-admin")))),
        ("good", hostile.add("/good.html", response(article_html(7).encode()))),
    ]
    feed_url = hostile.add("/feed.xml", response(rss(links), RSS, ETag='"v1"'))
    feed = Feed("hostile", feed_url)

    first = run(feed, settings)
    assert first.articles_new == 1
    assert first.page_failures == {"private_address": 1, "timeout": 1, "too_large": 1}
    summary = summarize("r1", [first])
    lines = refusals(summary)
    for path, reason in (("/bomb.html", "too_large"), ("/slow.html", "timeout")):
        assert any(hostile.url(path) in line and reason in line for line in lines), lines
    assert "Pages failed: 3" in describe(summary)

    second = run(feed, settings)
    assert (second.known_skipped, second.waiting) == (1, 3)
    for path in ("/bomb.html", "/slow.html", "/internal", "/good.html"):
        assert hostile.hits(path) == 1, path
    assert hostile.hits("/feed.xml") == 2


def test_an_entry_seen_before_is_not_fetched_again(hostile, settings: Settings) -> None:
    """The entry's link (with tracking parameters, via a redirect) differs from the
    page's canonical URL: the second run fetches the feed only."""
    page = article_html(3).replace(
        "<head>", '<head><link rel="canonical" href="https://news.example.org/story-3">'
    )
    hostile.add("/story-3", response(page.encode()))
    link = hostile.add("/r?id=3&utm_source=rss", redirect("/story-3"))
    feed = Feed("hostile", hostile.add("/feed.xml", response(rss([("three", link)]), RSS)))

    assert run(feed, settings).articles_new == 1
    second = run(feed, settings)

    assert (second.known_skipped, second.articles_new, second.articles_known) == (1, 0, 0)
    assert hostile.hits("/story-3") == 1
    assert stored_urls(settings.db) == [hostile.url("/story-3")]


def test_an_entry_is_known_by_its_guid_when_its_link_changes(hostile, settings: Settings) -> None:
    """The offline sample's port (so its links and feed URL) may change between runs:
    the entry's GUID, scoped by the feed's name, still recognises it."""
    hostile.add("/s.html", response(article_html(4).encode()))
    hostile.add("/moved/s.html", response(article_html(4).encode()))
    first = hostile.add("/feed.xml", response(rss([("four", hostile.url("/s.html"))]), RSS))
    moved = hostile.add("/v2.xml", response(rss([("four", hostile.url("/moved/s.html"))]), RSS))

    assert run(Feed("sample", first), settings).articles_new == 1
    second = run(Feed("sample", moved), settings)

    assert (second.known_skipped, second.articles_known) == (1, 0)
    assert hostile.hits("/moved/s.html") == 0


def test_a_repetitive_page_is_analysed_once_per_sentence(hostile, settings: Settings) -> None:
    """300 KB of ten news paragraphs repeated: under 2 s, each claim once, the cut recorded."""
    block = "".join(f"<p>{html.escape(p)}</p>" for n in (1, 2) for p in article_text(n)[1])
    body = "<html><body><article>" + block * (300_000 // len(block)) + "</article></body></html>"
    link = hostile.add("/repeats.html", response(body.encode()))
    feed = Feed("hostile", hostile.add("/feed.xml", response(rss([("repeats", link)]), RSS)))

    engine = load_claim_engine()
    run_id = open_run.fn(settings.db, "monitor_feeds", engine.version)
    started = time.process_time()  # CPU seconds: other jobs on the machine do not count
    result = run_feed(feed, run_id, settings, engine)  # fetch, extract, claims, save
    assert time.process_time() - started < 2.0
    assert result.articles_new == 1
    assert result.page_cuts == {"repeated_text": 1}
    with duckdb.connect(str(settings.db), read_only=True) as con:
        (length,) = con.execute("SELECT length(text) FROM articles").fetchone()
        reasons = con.execute("SELECT stage, reason FROM fetch_failures").fetchall()
        (claims,) = con.execute("SELECT count(*) FROM claims").fetchone()
    assert length < 5_000
    assert reasons == [("sentences", "repeated_text")]
    assert 0 < claims < 30  # the whole text gave the engine 1,496 claims to find


def test_one_link_under_many_tracking_parameters_is_fetched_once(
    hostile, settings: Settings
) -> None:
    """20 entries of one URL with different utm_* parameters: one fetch, and the summary
    counts 19 repeated links, not 19 off-topic entries."""
    hostile.add("/one.html", response(article_html(9).encode()))
    links = [(f"copy {n}", hostile.url(f"/one.html?utm_source=s{n}")) for n in range(20)]
    feed = Feed("hostile", hostile.add("/feed.xml", response(rss(links), RSS)))
    hostile.routes.update(
        {f"/one.html?utm_source=s{n}": hostile.routes["/one.html"] for n in range(20)}
    )

    result = run(feed, settings)

    assert (result.articles_new, result.repeated, result.filtered_out) == (1, 19, 0)
    assert len([p for p in hostile.requests if p.startswith("/one.html")]) == 1
    assert "19 repeated links" in describe(summarize("r", [result]))

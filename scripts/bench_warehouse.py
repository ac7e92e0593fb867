#!/usr/bin/env python3
"""The warehouse at a million claims: appends, publishing the read copy, queries, start-up.

    .venv/bin/python scripts/bench_warehouse.py [--claims 1000000] [--articles 2000]

Builds data/bench-1m.duckdb once (scripts/make_big_warehouse.py, then its read copy
base), works on a fresh copy of it each time, and measures:

  append_articles_per_s_1m   save_articles in the monitor's batches (5 claims an article)
  publish_s_1m               publishing the read copy after those appends (a part)
  publish_noop_s_1m          publishing when nothing changed
  publish_base_s_1m          a whole new base (what every publish cost before), once
  query_ms_1m.NAME           every named query through the reader, median of 5 (warm)
  query_ms_1m.digest_*       the digest's own queries on the warehouse
  cli_query_start_s          `claimwatch query` (list the queries), median of 5
  cli_sql_s_1m               `claimwatch sql "SELECT count(*) FROM claims_current"`
  readers_*                  a reader querying in a loop while a run appends and publishes

Prints the figures and records them in data/bench.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_record import record  # noqa: E402

from extractors.types import Claim, PageText  # noqa: E402
from flows.monitor.tasks import FLUSH_ARTICLES  # noqa: E402
from warehouse import digests  # noqa: E402
from warehouse.append import NewArticle, save_articles  # noqa: E402
from warehouse.db import connect  # noqa: E402
from warehouse.publish import (  # noqa: E402
    aggregates_version,
    load_manifest,
    parts_dir,
    publish,
    read_copy_path,
)
from warehouse.read import list_queries, run_query  # noqa: E402
from warehouse.reader import open_reader  # noqa: E402
from warehouse.write import finish_run, start_run  # noqa: E402

DATA = ROOT / "data"
FATES = ("returned", "detained", "fled", "killed", "relocated")
READER = """
import json, sys, time
from warehouse.reader import open_reader
stop = time.monotonic() + float(sys.argv[2])
while time.monotonic() < stop:
    started = time.time()
    try:
        with open_reader(sys.argv[1]) as con:
            n = con.execute("SELECT count(*) FROM claims_current").fetchone()[0]
        print(json.dumps({"t": started, "claims": n}), flush=True)
    except Exception as err:
        print(json.dumps({"t": started, "error": str(err)[:200]}), flush=True)
    time.sleep(0.05)
"""


def item(i: int, now: datetime) -> NewArticle:
    url = f"https://bench.example/{now:%Y%m%d%H%M%S}/{i}"
    text = " ".join(f"Sentence {k} of article {i} about returnees and camps." for k in range(55))
    page = PageText(
        url=url,
        text=text,
        normalized_url=url,
        title=f"Bench article {i}",
        published=date(2026, 11, 30),
        site="bench.example",
        language="en",
        fingerprint=f"bench-{now:%H%M%S}-{i}",
    )
    claims = [
        Claim(
            f"bench-{i}",
            f"{(j + 1) * 40} fighters {FATES[j]} in bench town {i}, officials said.",
            "fighters",
            FATES[j],  # type: ignore[arg-type]
            ("TN",),
            (j + 1) * 40,
            (j + 1) * 40,
            location=("Syria",),
            location_country=("SY",),
            source=(f"Source {j}",),
            source_type="government",
        )
        for j in range(5)
    ]
    return NewArticle("https://bench.example/feed", page, now, claims)


def copy_warehouse(source: Path, target: Path) -> None:
    for path in (target, read_copy_path(target)):
        path.unlink(missing_ok=True)
    shutil.rmtree(parts_dir(target), ignore_errors=True)
    shutil.copy(source, target)
    shutil.copy(read_copy_path(source), read_copy_path(target))
    shutil.copytree(parts_dir(source), parts_dir(target))


def prepare(pristine: Path, claims: int, figures: dict[str, float]) -> None:
    manifest = load_manifest(pristine)
    if manifest and manifest.get("aggregates") == aggregates_version():
        return
    if not pristine.exists():
        print(f"building {pristine} ({claims:,} claims; once)...", flush=True)
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "make_big_warehouse.py"), "--claims",
             str(claims), "--db", str(pristine), "--force"],
            check=True,
        )  # fmt: skip
    print(f"publishing the read copy base of {pristine} (once)...", flush=True)
    with connect(pristine) as con:
        started = time.perf_counter()
        publish(con, pristine, full=True)
        figures["publish_base_s_1m"] = time.perf_counter() - started


def appends(work: Path, articles: int, figures: dict[str, float]) -> None:
    now = datetime.now(UTC)
    batch = [item(i, now) for i in range(articles)]
    with connect(work) as con:
        run_id = start_run(con, "bench", "bench-1")
        started = time.perf_counter()
        for first in range(0, articles, FLUSH_ARTICLES):
            save_articles(con, run_id, "bench-1", batch[first : first + FLUSH_ARTICLES])
        figures["append_articles_per_s_1m"] = articles / (time.perf_counter() - started)
        finish_run(con, run_id, "completed", {"articles": articles})
        started = time.perf_counter()
        done = publish(con, work)
        figures["publish_s_1m"] = time.perf_counter() - started
        assert done.kind == "part", done
        started = time.perf_counter()
        publish(con, work)
        figures["publish_noop_s_1m"] = time.perf_counter() - started


def queries(work: Path, figures: dict[str, float]) -> None:
    with open_reader(work) as con:
        for info in list_queries():
            times = []
            for _ in range(5):
                started = time.perf_counter()
                run_query(con, info.name)
                times.append(time.perf_counter() - started)
            figures[f"query_ms_1m.{info.name}"] = 1000 * statistics.median(times)
    with connect(work) as con:
        for name, work_fn in (
            ("digest_pending_claims", lambda: digests.pending_claims(con, None)),
            ("digest_fate_history", lambda: digests.fate_history(con, date(2026, 11, 30))),
        ):
            times = []
            for _ in range(3):
                started = time.perf_counter()
                work_fn()
                times.append(time.perf_counter() - started)
            figures[f"query_ms_1m.{name}"] = 1000 * statistics.median(times)


def cli(work: Path, figures: dict[str, float]) -> None:
    claimwatch = str(ROOT / ".venv" / "bin" / "claimwatch")
    for name, args in (
        ("cli_query_start_s", ["query"]),
        ("cli_sql_s_1m", ["sql", "SELECT count(*) FROM claims_current"]),
    ):
        times = []
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run([claimwatch, "--db", str(work), *args], check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        figures[name] = statistics.median(times)


def readers_during_a_run(work: Path, figures: dict[str, float], batches: int = 20) -> None:
    """A reader opens the read copy and counts claims in a loop while a writer appends
    `batches` batches, publishing after each: errors, and how stale what it saw was."""
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(work), str(batches * 2 + 30)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    time.sleep(3)
    published: list[tuple[float, int]] = []
    now = datetime.now(UTC)
    publish_s = 0.0
    with connect(work) as con:
        run_id = start_run(con, "bench-readers", "bench-1")
        for b in range(batches):
            batch = [item(b * FLUSH_ARTICLES + i, now) for i in range(FLUSH_ARTICLES)]
            save_articles(con, run_id, "bench-1", batch)
            started = time.perf_counter()
            publish(con, work)
            publish_s += time.perf_counter() - started
            count = con.execute("SELECT count(*) FROM claims").fetchone()
            published.append((time.time(), int(count[0]) if count else 0))
            time.sleep(0.5)
    reader.terminate()
    out, _ = reader.communicate(timeout=30)
    seen = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    during = [s for s in seen if published[0][0] <= s["t"] <= published[-1][0]]
    stale = []
    for sample in during:
        if "claims" not in sample:
            continue
        newer = [t for t, n in published if n > sample["claims"] and t <= sample["t"]]
        stale.append(sample["t"] - min(newer) if newer else 0.0)
    figures["readers_queries_during_run"] = len(during)
    figures["readers_errors_during_run"] = sum("error" in s for s in during)
    figures["readers_staleness_s_max"] = max(stale, default=0.0)
    figures["run_publish_s_per_batch_1m"] = publish_s / batches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    pristine = DATA / f"bench-{args.claims}.duckdb"
    work = DATA / "bench-work.duckdb"
    figures: dict[str, float] = {}
    prepare(pristine, args.claims, figures)
    copy_warehouse(pristine, work)
    appends(work, args.articles, figures)
    queries(work, figures)
    cli(work, figures)
    copy_warehouse(pristine, work)
    readers_during_a_run(work, figures)
    for name, value in figures.items():
        print(f"  {name:<40} {value:12,.3f}")
    record(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Figure lineage at scale: placing one run's claims under figures, and `figure_lineage`.

    .venv/bin/python scripts/bench_figures.py --db data/big.duckdb [--articles 10] [--repeat 5]

Works on a copy of the warehouse you name (e.g. one built by a big-warehouse generator);
the file itself is never changed. If the copy has no figures yet, derives them first
(`rederive_figures`, as `claimwatch reprocess` does) and prints how long that took. Then,
in the copy:

- stores `--articles` new articles like a monitoring run does (`save_article`, one
  transaction each), with claims copied from random stored articles (so they repeat
  stored figures as often as real ones do), and times the figure step of each save;
- prints the run's total figure time (the bar: under 1 s at 1M claims), per article.

Last, times `figure_lineage` for a random claim and for a count and fate (median of
`--repeat`; the bar: under 200 ms at 1M claims).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CLAIMS = """
SELECT doc, sentence, subject, fate, origin, count_low, count_high, share, location,
       location_country, from_location, counterpart, time_text, year, source, source_type,
       certainty, polarity
FROM claims WHERE article_id = $article_id
"""
RANDOM_ARTICLES = """
SELECT article_id FROM articles
WHERE duplicate_of IS NULL AND article_id IN (SELECT article_id FROM claims)
ORDER BY hash(article_id || $salt) LIMIT $n
"""
RANDOM_FIGURE_CLAIM = "SELECT claim_id FROM figure_claims ORDER BY hash(claim_id || $salt) LIMIT 1"
SIZES = "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM figures)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="warehouse to measure (a copy)")
    parser.add_argument("--articles", type=int, default=10, help="articles in the run")
    parser.add_argument("--repeat", type=int, default=5, help="figure_lineage repetitions")
    parser.add_argument(
        "--save-derived",
        type=Path,
        default=None,
        metavar="FILE",
        help="after deriving figures, keep that copy as FILE (reuse it with --db next time)",
    )
    args = parser.parse_args()
    if not args.db.is_file():
        parser.error(f"{args.db} does not exist: build one first (e.g. --claims 1000000)")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="bench-figures-") as folder:
        copy = Path(folder) / "bench.duckdb"
        shutil.copyfile(args.db, copy)
        measure(copy, args.articles, args.repeat, args.save_derived)
    return 0


def measure(db: Path, articles: int, repeat: int, save_derived: Path | None) -> None:
    from warehouse import write
    from warehouse.db import connect
    from warehouse.figures import rederive_figures
    from warehouse.migrate import migrate

    with connect(db) as con:
        migrate(con)
        claims, figures = con.execute(SIZES).fetchone() or (0, 0)
        print(f"warehouse: {claims:,} claims, {figures:,} figures")
        if not figures:
            started = time.perf_counter()
            saved = rederive_figures(con, "bench", on_batch=_progress)
            print(
                f"\nderived figures: {saved.claims:,} claims in {saved.founded:,} figures "
                f"in {time.perf_counter() - started:.1f} s"
            )
            if save_derived:
                con.execute("CHECKPOINT")
                shutil.copyfile(db, save_derived)
                print(f"kept the copy with figures as {save_derived}")
        timings: list[tuple[float, int]] = []
        write.save_figures = _timed(write.save_figures, timings)
        _save_run(con, write, articles)
        ms = [t * 1000 for t, _ in timings]
        print(
            f"one run: {len(timings)} articles, {sum(n for _, n in timings)} claims placed under"
            f" figures in {sum(ms):.0f} ms (median {statistics.median(ms):.0f} ms per article,"
            f" slowest {max(ms):.0f} ms)"
        )
        _time_lineage(con, repeat)


def _timed(save_figures: Any, timings: list[tuple[float, int]]) -> Any:
    """`save_figures` as `save_article` calls it, timed (a wrapper, nothing else)."""

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        saved = save_figures(*args, **kwargs)
        timings.append((time.perf_counter() - started, saved.claims))
        return saved

    return timed


def _save_run(con: Any, write: Any, articles: int) -> None:
    from extractors.types import Claim, PageText

    run_id = write.start_run(con, "bench_figures", "bench")
    salt = str(random.random())
    ids = [row[0] for row in con.execute(RANDOM_ARTICLES, {"n": articles, "salt": salt}).fetchall()]
    for i, article_id in enumerate(ids):
        cursor = con.execute(SAMPLE_CLAIMS, {"article_id": article_id})
        names = [d[0] for d in cursor.description]
        claims = [
            Claim(
                **{
                    k: tuple(v) if isinstance(v, list) else v
                    for k, v in zip(names, row, strict=True)
                }
            )
            for row in cursor.fetchall()
        ]
        url = f"https://bench.example/run/{i}-{random.random()}"
        page = PageText(url=url, text=f"bench {url}", normalized_url=url, fingerprint=url)
        write.save_article(con, run_id, "bench", None, page, datetime.now(UTC), claims)


def _time_lineage(con: Any, repeat: int) -> None:
    from warehouse.read import run_query

    for label, params in (
        ("a claim id", lambda: {"claim_id": _random_claim(con)}),
        ("count 500, fate detained", lambda: {"count": "500", "fate": "detained"}),
    ):
        times, rows = [], 0
        for _ in range(repeat):
            given = params()
            started = time.perf_counter()
            rows = len(run_query(con, "figure_lineage", given).rows)
            times.append(time.perf_counter() - started)
        print(
            f"figure_lineage by {label}: median {statistics.median(times) * 1000:.0f} ms "
            f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; last {rows} rows)"
        )


def _random_claim(con: Any) -> str:
    return str(con.execute(RANDOM_FIGURE_CLAIM, {"salt": str(random.random())}).fetchone()[0])


def _progress(done: int, total: int) -> None:
    print(f"\rderiving figures: batch {done}/{total}", end="", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())

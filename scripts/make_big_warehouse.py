#!/usr/bin/env python3
"""Build a realistic warehouse of N claims for benchmarks and for working at scale.

    .venv/bin/python scripts/make_big_warehouse.py --claims 1000000 [--db data/big.duckdb]

The schema is the project's own (`warehouse.migrate`); the rows are made by plain SQL
(INSERT ... SELECT from range(), scripts/make_big_warehouse.sql): one monitoring run a
day from 2014-01-01 to 2026-11-30, about one original article per five claims (dated over
the period, ~3,000 characters of text), one syndicated copy per twenty originals, and
claims with a realistic spread of fates, subjects, places, origins, sources, figures,
hedges and denials. The same N always builds the same rows. At 1,000,000 claims it
takes about a minute and some 600 MB. An existing file is refused unless --force.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = Path(__file__).with_suffix(".sql")
FIRST_DAY, LAST_DAY = "2014-01-01", "2026-11-30"
CLAIMS_PER_ARTICLE = 5
COUNTS = """SELECT (SELECT count(*) FROM runs), (SELECT count(*) FROM articles),
                   (SELECT count(*) FROM claims), (SELECT count(*) FROM fetch_failures)"""


def steps() -> list[tuple[str, str]]:
    """(name, statement) for every `-- step: NAME` section of the SQL file, in order."""
    text = STEPS.read_text(encoding="utf-8")
    parts = re.split(r"^-- step: (\w+)\n", text, flags=re.MULTILINE)
    return [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts), 2)]


def build(db: Path, claims: int) -> dict[str, int]:
    """Create the warehouse at `db` with `claims` claims; return the row counts."""
    sys.path.insert(0, str(ROOT))
    from extractors.claims import EXTRACTOR_VERSION
    from warehouse.db import connect
    from warehouse.migrate import migrate

    articles = max(1, claims // CLAIMS_PER_ARTICLE)
    values = {
        "claims": claims,
        "originals": max(1, round(articles * 20 / 21)),
        "first_day": FIRST_DAY,
        "last_day": LAST_DAY,
        "extractor_version": EXTRACTOR_VERSION,
    }
    with connect(db) as con:
        migrate(con)
        for name, sql in steps():
            started = time.perf_counter()
            used = {k: v for k, v in values.items() if f"${k}" in sql}
            con.execute(sql, used)
            print(f"  {name:<10} {time.perf_counter() - started:6.1f} s", file=sys.stderr)
        # The writer's sequence continues after the generated claims.
        con.execute("SELECT max(nextval('claim_seq')) FROM range($n)", {"n": claims})
        con.execute("CHECKPOINT")
        row = con.execute(COUNTS).fetchone()
    assert row is not None
    return dict(zip(("runs", "articles", "claims", "fetch_failures"), map(int, row), strict=True))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, required=True, help="how many claims (e.g. 1000000)")
    parser.add_argument(
        "--db",
        type=Path,
        default=Path("data/big.duckdb"),
        help="file to create (default: %(default)s)",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args()
    if args.claims < 1:
        parser.error("--claims must be at least 1")
    if args.db.exists():
        if not args.force:
            parser.error(f"{args.db} exists: pass --force to replace it, or choose another --db")
        args.db.unlink()
        args.db.with_name(args.db.name + ".wal").unlink(missing_ok=True)
    started = time.perf_counter()
    counts = build(args.db, args.claims)
    seconds = time.perf_counter() - started
    size = args.db.stat().st_size
    print(
        f"{args.db}: {counts['claims']:,} claims, {counts['articles']:,} articles, "
        f"{counts['runs']:,} runs, {counts['fetch_failures']:,} fetch failures; "
        f"{size / 2**20:,.0f} MiB in {seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

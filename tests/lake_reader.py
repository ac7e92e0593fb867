"""A reader process for tests/test_lake.py: one connection to a lake, querying in a loop.

A lake connection sees the latest committed snapshot at each query, so one long-lived
connection watches the writers' progress the way `claimwatch sql` in a loop would.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from warehouse_samples import BULK_CHECK_SQL

from warehouse.reader import open_reader


def read_until(lake: str, stop_file: str) -> None:
    """Query until `stop_file` exists (then once more); print a JSON report: queries,
    errors, each article's claim counts as seen, and rows where the two views disagree."""
    queries = errors = 0
    seen: dict[str, set[int]] = {}
    inconsistent: list[str] = []
    messages: list[str] = []
    sizes: set[int] = set()
    started = time.monotonic()
    with open_reader(lake) as con:
        while True:
            stopping = Path(stop_file).exists()
            try:
                rows = con.execute(BULK_CHECK_SQL).fetchall()
                con.execute("SELECT * FROM claims_current").fetchall()
            except Exception as err:
                errors += 1
                messages.append(str(err)[:300])
                rows = []
            queries += 1
            sizes.add(len(rows))
            for article_id, _title, claims, in_view in rows:
                seen.setdefault(str(article_id), set()).add(int(in_view))
                if claims != in_view:
                    inconsistent.append(f"{article_id}: {claims} != {in_view}")
            if queries == 1:
                print("ready", flush=True)  # noqa: T201
            if stopping:
                break
            time.sleep(0.02)
    report = {
        "queries": queries,
        "errors": errors,
        "messages": messages[:3],
        "inconsistent": inconsistent[:5],
        "seen": {k: sorted(v) for k, v in seen.items()},
        "snapshots": sorted(sizes),
        "seconds": round(time.monotonic() - started, 2),
    }
    print(json.dumps(report), flush=True)  # noqa: T201


if __name__ == "__main__":
    read_until(*sys.argv[1:])

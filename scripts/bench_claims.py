#!/usr/bin/env python3
"""Throughput of the claim engine on one core: the seeds repeated to >= 1,000 documents.

    .venv/bin/python scripts/bench_claims.py [--docs 1000]

Reads ../shared/seeds at run time; prints articles/s, sentences/s and claims/s, and
records claims_articles_per_s in data/bench.json.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents to process")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    from extractors.claims import extract_claims
    from extractors.claims.sentences import split_sentences

    import_s = time.perf_counter() - started
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        print(f"no seeds in {SEEDS}", file=sys.stderr)
        return 1
    docs = [texts[i % len(texts)] for i in range(max(args.docs, len(texts)))]
    sentences = sum(len(split_sentences(t)) for t in docs)
    claims = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for i, text in enumerate(docs):
        claims += len(extract_claims(f"doc{i}", text))
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    chars = sum(len(t) for t in docs) / len(docs)
    print(f"documents      {len(docs)} (seeds x{len(docs) // len(texts)}, {chars:,.0f} chars each)")
    print(f"vocab load     {import_s:.2f} s (once per process)")
    print(f"elapsed        {elapsed:.2f} s wall, {cpu:.2f} s CPU (one core)")
    print(f"articles/s     {len(docs) / elapsed:,.0f} wall, {len(docs) / cpu:,.0f} CPU")
    print(f"sentences/s    {sentences / elapsed:,.0f} wall, {sentences / cpu:,.0f} CPU")
    print(f"claims/s       {claims / elapsed:,.0f} wall")
    from bench_record import record

    record({"claims_articles_per_s": len(docs) / elapsed})
    return 0


if __name__ == "__main__":
    sys.exit(main())

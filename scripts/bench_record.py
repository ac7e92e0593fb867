"""Where `make bench` keeps its figures: data/bench.json, one name -> value each.

Each benchmark script calls `record({...})`; figures from other scripts stay.
"""

from __future__ import annotations

import json
from pathlib import Path

BENCH_JSON = Path(__file__).resolve().parent.parent / "data" / "bench.json"


def record(figures: dict[str, float]) -> None:
    """Merge `figures` into data/bench.json (rounded to 4 significant digits)."""
    BENCH_JSON.parent.mkdir(parents=True, exist_ok=True)
    try:
        known = json.loads(BENCH_JSON.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    known.update({name: float(f"{value:.4g}") for name, value in figures.items()})
    BENCH_JSON.write_text(json.dumps(dict(sorted(known.items())), indent=1) + "\n", "utf-8")

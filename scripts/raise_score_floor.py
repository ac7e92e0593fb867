#!/usr/bin/env python3
"""Raise the extraction-quality floors of a gate to the engine's current scores.

Runs the claim engine on a corpus in ../shared (the seeds, or the development set with
each article's year as its published date), scores it with
../shared/tools/score_claims.py, and sets each floor to (current value - EPSILON). A floor
never goes down unless --allow-regression is given: the gate only ratchets up.

    .venv/bin/python scripts/raise_score_floor.py [--corpus seeds|dev]
        [--allow-regression] [--dry-run]

Floors: tests/score_floor.json (seeds), tests/dev_score_floor.json (dev).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FLOOR_FILES = {
    "seeds": ROOT / "tests" / "score_floor.json",
    "dev": ROOT / "tests" / "dev_score_floor.json",
}
EPSILON = 0.005
FIELDS = ("subject", "origin", "count", "location_country", "source", "source_type",
          "certainty", "polarity", "year", "counterpart")  # fmt: skip


def current_scores(corpus_name: str, workdir: Path) -> dict[str, float]:
    """F1, precision, recall and field accuracies of the engine on one corpus."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from score_gate import corpora, score_corpus

    data = score_corpus(corpora(SHARED)[corpus_name], SHARED / "tools" / "score_claims.py", workdir)
    scores = {key: float(data[key]) for key in ("f1", "precision", "recall")}  # type: ignore[arg-type]
    for field in FIELDS:
        accuracy = data["fields"][field]["accuracy"]  # type: ignore[index]
        if accuracy is not None:
            scores[field] = float(accuracy)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(FLOOR_FILES), default="seeds")
    parser.add_argument("--allow-regression", action="store_true", help="let floors go down")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args()
    floor_file = FLOOR_FILES[args.corpus]
    floors = json.loads(floor_file.read_text(encoding="utf-8")) if floor_file.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        scores = current_scores(args.corpus, Path(tmp))
    new, lowered = dict(floors), []
    for key, value in scores.items():
        target = round(max(0.0, value - EPSILON), 3)
        old = floors.get(key)
        if old is not None and target < old:
            lowered.append(f"{key}: {old} -> {target}")
            if not args.allow_regression:
                continue
        new[key] = target if old is None or args.allow_regression else max(old, target)
    for key in sorted(new):
        print(f"{key:<17} {floors.get(key, '-')!s:>6} -> {new[key]}")
    if lowered and not args.allow_regression:
        print("refusing to lower: " + "; ".join(lowered) + " (use --allow-regression)")
    if not args.dry_run:
        floor_file.write_text(json.dumps(new, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 1 if lowered and not args.allow_regression else 0


if __name__ == "__main__":
    sys.exit(main())

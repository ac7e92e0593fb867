#!/usr/bin/env python3
"""Raise the extraction-quality floors in tests/score_floor.json to the current scores.

Runs the claim engine on ../shared/seeds, scores it with ../shared/tools/score_claims.py,
and sets each floor to (current value - EPSILON). A floor never goes down unless
--allow-regression is given: the gate only ratchets up.

    .venv/bin/python scripts/raise_score_floor.py [--allow-regression] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FLOOR_FILE = ROOT / "tests" / "score_floor.json"
EPSILON = 0.005
FIELDS = ("subject", "origin", "count", "location_country", "source", "source_type",
          "certainty", "polarity")  # fmt: skip


def current_scores(workdir: Path) -> dict[str, float]:
    """F1, precision, recall and field accuracies of the extractor on the seeds."""
    sys.path.insert(0, str(ROOT))
    from extractors.claims import extract_claims

    pred = workdir / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for path in sorted((SHARED / "seeds").glob("*.txt")):
            for claim in extract_claims(path.stem, path.read_text(encoding="utf-8")):
                out.write(json.dumps(claim.to_json()) + "\n")
    summary = workdir / "summary.json"
    subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score_claims.py"), "--gold",
         str(SHARED / "gold" / "seeds.jsonl"), "--pred", str(pred), "--json", str(summary)],
        check=True, capture_output=True,
    )  # fmt: skip
    data = json.loads(summary.read_text(encoding="utf-8"))
    scores = {key: float(data[key]) for key in ("f1", "precision", "recall")}
    for field in FIELDS:
        accuracy = data["fields"][field]["accuracy"]
        if accuracy is not None:
            scores[field] = float(accuracy)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--allow-regression", action="store_true", help="let floors go down")
    parser.add_argument("--dry-run", action="store_true", help="print, do not write")
    args = parser.parse_args()
    floors = json.loads(FLOOR_FILE.read_text(encoding="utf-8")) if FLOOR_FILE.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        scores = current_scores(Path(tmp))
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
        FLOOR_FILE.write_text(json.dumps(new, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 1 if lowered and not args.allow_regression else 0


if __name__ == "__main__":
    sys.exit(main())

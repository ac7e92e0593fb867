"""Extraction quality gate: the claim engine on ../shared/seeds against the gold claims.

The seeds are read at test time, never copied. The floors live in tests/score_floor.json
and only scripts/raise_score_floor.py raises them (lowering one needs --allow-regression).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.claims import extract_claims

FLOORS = json.loads((Path(__file__).parent / "score_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def summary(
    seeds_dir: Path, gold_path: Path, scorer_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("seed_score")
    pred = tmp / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for path in sorted(seeds_dir.glob("*.txt")):
            for claim in extract_claims(path.stem, path.read_text(encoding="utf-8")):
                out.write(json.dumps(claim.to_json()) + "\n")
    result_file = tmp / "summary.json"
    done = subprocess.run(
        [sys.executable, str(scorer_path), "--gold", str(gold_path), "--pred", str(pred),
         "--json", str(result_file), "--min-f1", str(FLOORS["f1"])],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    data: dict[str, object] = json.loads(result_file.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("key", ["f1", "precision", "recall"])
def test_claim_scores_hold_their_floor(summary: dict[str, object], key: str) -> None:
    assert float(summary[key]) >= FLOORS[key]  # type: ignore[arg-type]


@pytest.mark.parametrize("field", sorted(set(FLOORS) - {"f1", "precision", "recall"}))
def test_field_accuracy_holds_its_floor(summary: dict[str, object], field: str) -> None:
    accuracy = summary["fields"][field]["accuracy"]  # type: ignore[index]
    assert accuracy is not None
    assert accuracy >= FLOORS[field], f"{field}: {accuracy} < floor {FLOORS[field]}"


def test_the_bar() -> None:
    """The floors never sit below the project's bar (issue #2)."""
    assert FLOORS["f1"] >= 0.80
    assert FLOORS["count"] >= 0.85
    assert FLOORS["source"] >= 0.80
    assert FLOORS["certainty"] >= 0.85

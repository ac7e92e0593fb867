"""Extraction quality gate: the claim engine on ../shared/seeds against the gold claims.

The seeds are read at test time, never copied. The floors live in tests/score_floor.json
and only scripts/raise_score_floor.py raises them (lowering one needs --allow-regression).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from score_gate import corpora, score_corpus

FLOORS = json.loads((Path(__file__).parent / "score_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def summary(
    shared_dir: Path, scorer_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, object]:
    return score_corpus(corpora(shared_dir)["seeds"], scorer_path, tmp_path_factory.mktemp("seed"))


@pytest.mark.parametrize("key", ["f1", "precision", "recall"])
def test_claim_scores_hold_their_floor(summary: dict[str, object], key: str) -> None:
    assert float(summary[key]) >= FLOORS[key], f"{key}: {summary[key]} < floor {FLOORS[key]}"  # type: ignore[arg-type]


@pytest.mark.parametrize("field", sorted(set(FLOORS) - {"f1", "precision", "recall"}))
def test_field_accuracy_holds_its_floor(summary: dict[str, object], field: str) -> None:
    accuracy = summary["fields"][field]["accuracy"]  # type: ignore[index]
    assert accuracy is not None
    assert accuracy >= FLOORS[field], f"{field}: {accuracy} < floor {FLOORS[field]}"


def test_the_bar() -> None:
    """The floors never sit below the project's bar (issues #2 and #8: seeds F1 >= 0.85)."""
    assert FLOORS["f1"] >= 0.85
    assert FLOORS["count"] >= 0.85
    assert FLOORS["source"] >= 0.80
    assert FLOORS["certainty"] >= 0.85

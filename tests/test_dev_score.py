"""Generalisation gate: the claim engine on the development set (../shared/dev).

Forty-odd real excerpts from other outlets and years than the seeds, with their gold
claims; each is scored with its year (sources.tsv) as the published date. Read at test
time, never copied. The floors live in tests/dev_score_floor.json and only go up
(scripts/raise_score_floor.py --corpus dev; lowering needs --allow-regression).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from score_gate import corpora, score_corpus

FLOORS = json.loads((Path(__file__).parent / "dev_score_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def summary(
    shared_dir: Path, scorer_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, object]:
    corpus = corpora(shared_dir)["dev"]
    if not corpus.gold.is_file():
        pytest.fail(f"{corpus.gold} is missing: the dev gate reads ../shared/dev")
    return score_corpus(corpus, scorer_path, tmp_path_factory.mktemp("dev_score"))


@pytest.mark.parametrize("key", ["f1", "precision", "recall"])
def test_claim_scores_hold_their_floor(summary: dict[str, object], key: str) -> None:
    assert float(summary[key]) >= FLOORS[key], f"{key}: {summary[key]} < floor {FLOORS[key]}"  # type: ignore[arg-type]


@pytest.mark.parametrize("field", sorted(set(FLOORS) - {"f1", "precision", "recall"}))
def test_field_accuracy_holds_its_floor(summary: dict[str, object], field: str) -> None:
    accuracy = summary["fields"][field]["accuracy"]  # type: ignore[index]
    assert accuracy is not None
    assert accuracy >= FLOORS[field], f"{field}: {accuracy} < floor {FLOORS[field]}"

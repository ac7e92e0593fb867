"""Extraction quality gates: the claim engine on the seeds and on the development set.

Both corpora live in ../shared and are read at test time, never copied: the seeds (five
articles the schema was drawn from) and the development set (forty-odd real excerpts
from other outlets and years, each scored with 1 July of its year as published date).
Each has floors that only scripts/raise_score_floor.py raises (lowering one needs
--allow-regression): tests/score_floor.json and tests/dev_score_floor.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from score_gate import corpora, score_corpus

HERE = Path(__file__).parent
FLOOR_FILES = {"seeds": HERE / "score_floor.json", "dev": HERE / "dev_score_floor.json"}
FLOORS = {name: json.loads(path.read_text(encoding="utf-8")) for name, path in FLOOR_FILES.items()}
CHECKS = [(corpus, key) for corpus, floors in FLOORS.items() for key in sorted(floors)]


@pytest.fixture(scope="module")
def summaries(
    shared_dir: Path, scorer_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, object]]:
    found = corpora(shared_dir)
    for corpus in found.values():
        if not corpus.gold.is_file():
            pytest.fail(f"{corpus.gold} is missing: the quality gates read ../shared")
    workdir = tmp_path_factory.mktemp("score")
    return {name: score_corpus(corpus, scorer_path, workdir) for name, corpus in found.items()}


@pytest.mark.parametrize(("corpus", "key"), CHECKS, ids=[f"{c}-{k}" for c, k in CHECKS])
def test_score_holds_its_floor(
    summaries: dict[str, dict[str, object]], corpus: str, key: str
) -> None:
    summary = summaries[corpus]
    if key in ("f1", "precision", "recall"):
        value = summary[key]
    else:
        value = summary["fields"][key]["accuracy"]  # type: ignore[index]
    assert value is not None, f"{corpus}: no {key} measured"
    floor = FLOORS[corpus][key]
    assert float(value) >= floor, f"{corpus} {key}: {value} < floor {floor}"  # type: ignore[arg-type]


def test_the_bar() -> None:
    """The seed floors never sit below the project's bar (issues #2 and #8)."""
    seeds = FLOORS["seeds"]
    assert seeds["f1"] >= 0.85
    assert seeds["count"] >= 0.85
    assert seeds["source"] >= 0.80
    assert seeds["certainty"] >= 0.85

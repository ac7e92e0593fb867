"""Claim cases written by the team (tests/data/claims/*.json), plus invariants.

Each case holds a text, an optional publication date and the claims expected from it;
an expected claim lists only the fields it pins down, and an optional "absent" list holds
claims that must not be made. Every produced claim must pass
`claim_problems`, and extraction must be deterministic.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from extractors.claims import EXTRACTOR_VERSION, extract_claims
from extractors.claims.vocab import EmptyVocabulary, compile_phrases
from extractors.types import Claim, claim_problems

CASES = sorted((Path(__file__).parent / "data" / "claims").glob("*.json"))


def _load(path: Path) -> tuple[str, date | None, list[dict[str, Any]]]:
    case = json.loads(path.read_text(encoding="utf-8"))
    published = date.fromisoformat(case["published"]) if case.get("published") else None
    return case["text"], published, case["expected"]


def _absent(path: Path) -> list[dict[str, Any]]:
    """Claims the case must not produce (optional "absent" list)."""
    absent: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8")).get("absent", [])
    return absent


def _matches(claim: Claim, expected: dict[str, Any]) -> bool:
    got = claim.to_json()
    return all(got[key] == value for key, value in expected.items())


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    text, published, expected = _load(path)
    claims = extract_claims(path.stem, text, published)
    for claim in claims:
        assert claim_problems(claim) == [], claim
        assert claim.doc == path.stem
    if not expected:
        assert claims == []
    for want in expected:
        assert any(_matches(c, want) for c in claims), (want, [c.to_json() for c in claims])
    for unwanted in _absent(path):
        assert not any(_matches(c, unwanted) for c in claims), unwanted


def test_cases_exist() -> None:
    assert len(CASES) >= 10


def test_deterministic_and_pure() -> None:
    text = " ".join(_load(p)[0] for p in CASES)
    first = extract_claims("all", text, date(2019, 1, 1))
    assert first == extract_claims("all", text, date(2019, 1, 1))
    assert all(claim_problems(c) == [] for c in first)


def test_off_topic_text_gives_nothing() -> None:
    assert extract_claims("x", "Hundreds of fans fled the stadium when the rain began.") == []


def test_version_is_semver() -> None:
    prefix, _, semver = EXTRACTOR_VERSION.partition("-")
    assert prefix == "claims"
    assert [part.isdigit() for part in semver.split(".")] == [True, True, True]


def test_empty_vocabulary_raises() -> None:
    with pytest.raises(EmptyVocabulary):
        compile_phrases("nothing", [])


def test_every_fate_cue_list_has_literal_anchors() -> None:
    """Each cue needs a literal the cheap pre-check can look for (throughput)."""
    from extractors.claims.fates import FATE_PATTERNS

    assert [(fate, weak) for fate, weak, p in FATE_PATTERNS if p.anchors is None] == []


def test_a_subject_noun_cue_does_not_add_its_own_claim() -> None:
    text = "Officials said 30 ISIS returnees were detained at the airport."
    assert [c.fate for c in extract_claims("x", text)] == ["detained"]


def test_a_document_released_frees_no_one() -> None:
    text = "About 90 ISIS militants fled to Niger, the agency said in a report released on Friday."
    assert [c.fate for c in extract_claims("x", text)] == ["fled"]


def test_victims_and_excluded_figures_are_not_claims() -> None:
    text = (
        "ISIS claimed responsibility for the killing of a police officer. "
        "Excluding those who have returned, about 900 ISIS fighters remain in Syria."
    )
    # the killing is an attack by the group (insurgent), its victim no member (not killed)
    assert [c.fate for c in extract_claims("x", text)] == ["insurgent", "at_large"]


def test_only_members_are_victims_and_prisons_are_not_at_large() -> None:
    text = "ISIS gunmen executed 14 shepherds near Rutba."
    # the shepherds are victims, not members: the claim is the gunmen's attack
    assert [(c.fate, c.count_low) for c in extract_claims("x", text)] == [("insurgent", None)]
    text = "The SDF has 9,000 ISIS fighters in Kurdish-run prisons."
    assert "at_large" not in [c.fate for c in extract_claims("x", text)]


OFF_TOPIC = sorted((Path(__file__).parent / "data" / "offtopic").glob("*.txt"))


@pytest.mark.parametrize("path", OFF_TOPIC, ids=[p.stem for p in OFF_TOPIC])
def test_off_topic_pages_give_no_claims(path: Path) -> None:
    """Pages about other people (patients, fans, migrants, gangs, soldiers of old, other
    armed groups and wars) that use the engine's own words (fled, arrested, returned,
    fighters, jihadists, the group) yield nothing."""
    assert extract_claims(path.stem, path.read_text(encoding="utf-8"), date(2024, 5, 1)) == []


def test_off_topic_corpus_exists() -> None:
    assert len(OFF_TOPIC) >= 18

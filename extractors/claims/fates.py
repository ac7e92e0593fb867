"""Fate cues: which fates a sentence asserts.

Cues are regexes from `lexicon/fates.toml`. Overlapping cues resolve to the longest
("escaped from prison" is `released`, not `fled`); whether a matched phrase asserts an
event or only describes people is `cue_reading`'s part; weak cues ("those who joined")
count only when nothing else is cued, or when they assert anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from extractors.claims.cue_reading import asserts_anyway, describes, no_event, vetoed
from extractors.claims.vocab import AnchorIndex, GuardedPattern, compile_phrases, load_toml, require
from extractors.types import FATES, Fate

_LEX = load_toml("fates.toml")
require("fates", _LEX["fates"])
for _fate in _LEX["fates"]:
    if _fate not in FATES:
        raise ValueError(f"fates.toml names an unknown fate: {_fate!r}")

FATE_PATTERNS: tuple[tuple[Fate, bool, GuardedPattern], ...] = tuple(
    (
        cast(Fate, fate),
        weak,
        GuardedPattern(compile_phrases(f"{fate}.{kind}", spec[kind]), spec[kind]),
    )
    for fate, spec in _LEX["fates"].items()
    for kind, weak in (("cues", False), ("weak", True))
    if spec.get(kind)
)
FATE_ANCHOR_INDEX = AnchorIndex(a for _, _, p in FATE_PATTERNS for a in p.anchors or ())


@dataclass(frozen=True)
class FateCue:
    """A word or phrase in a sentence that signals a fate."""

    fate: Fate
    start: int
    end: int
    weak: bool = False
    first_start: int = -1
    """Where the first cue of the same fate in the clause starts (-1: this one)."""
    first_end: int = -1

    def __post_init__(self) -> None:
        if self.first_start < 0:
            object.__setattr__(self, "first_start", self.start)
            object.__setattr__(self, "first_end", self.end)


def find_fate_cues(sentence: str) -> list[FateCue]:
    """Non-overlapping fate cues, longest first, then returned left to right."""
    lowered = sentence.lower()
    present = FATE_ANCHOR_INDEX.present(lowered)
    if not present:
        return []
    found = [
        FateCue(fate, m.start(), m.end(), weak or describes(sentence, m))
        for fate, weak, pattern in FATE_PATTERNS
        for m in pattern.finditer_present(sentence, present)
        if not no_event(sentence, fate, m) and not vetoed(sentence, lowered, m.start())
    ]
    found.sort(key=lambda c: (c.weak, -(c.end - c.start), c.start))
    kept: list[FateCue] = []
    for cue in found:
        if all(cue.end <= k.start or cue.start >= k.end for k in kept):
            kept.append(cue)
    if any(not c.weak for c in kept):
        kept = [c for c in kept if not c.weak or asserts_anyway(sentence, c.fate, c.start, c.end)]
    return sorted(kept, key=lambda c: c.start)

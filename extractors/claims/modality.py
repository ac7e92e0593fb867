"""Certainty (hedged or asserted) and polarity (affirms or denies) of a claim's clause."""

from __future__ import annotations

import re

from extractors.claims.vocab import compile_phrases, load_toml
from extractors.types import Certainty, Polarity

_LEX = load_toml("modality.toml")
HEDGE_RE = compile_phrases("hedges", _LEX["hedges"])
SENTENCE_HEDGE_RE = compile_phrases("sentence_hedges", _LEX["sentence_hedges"])
HEDGE_VERB_RE = compile_phrases("hedge_verbs", _LEX["hedge_verbs"])
DENIAL_RE = compile_phrases("denials", _LEX["denials"])
_NEGATIONS = "|".join(sorted(_LEX["negations"], key=len, reverse=True))
if not _NEGATIONS:
    raise ValueError("vocabulary 'negations' is empty")
_NEGATED_RE = re.compile(
    rf"(?:\b(?:{_NEGATIONS})|n't)(?:\s+(?:have|has|had|be|been|yet|ever|all|even|actually|\w+ly))*\s*$",
    re.IGNORECASE,
)


def certainty_of(window: str, sentence: str = "", attribution_verb: str | None = None) -> Certainty:
    """`hedged` when the words around the cue, the sentence or the attribution verb
    present the claim as uncertain."""
    if HEDGE_RE.search(window) or SENTENCE_HEDGE_RE.search(sentence):
        return "hedged"
    if attribution_verb and HEDGE_VERB_RE.fullmatch(attribution_verb.strip()):
        return "hedged"
    return "asserted"


def polarity_of(clause: str, cue_start: int | None = None) -> Polarity:
    """`denies` when the clause rejects the claim or the fate cue is negated."""
    if DENIAL_RE.search(clause):
        return "denies"
    if cue_start is not None and _NEGATED_RE.search(clause[:cue_start]):
        return "denies"
    return "affirms"

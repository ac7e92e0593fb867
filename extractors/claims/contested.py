"""Contested figures: other clauses of a sentence that put a number on a claim or reject it.

"While observers believe they number more than 400, officials say this is an exaggeration"
gives two claims about the same fate: one with the observers' figure, one denial.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from extractors.claims.facts import Facts, SentenceContext
from extractors.claims.modality import certainty_of, polarity_of
from extractors.types import Claim


def contested_claims(
    sentence: str,
    claim: Claim,
    clause: tuple[int, int],
    facts: Facts,
    ctx: SentenceContext,
) -> list[Claim]:
    """Other clauses that put a figure on the claim or reject it, each as its own claim."""
    if claim.count_low is not None or claim.count_high is not None:
        return [claim]
    variants = []
    for other in attributed_segments(facts.contrasts, clause, ctx):
        if any(other[0] <= c.start < other[1] for c in facts.cues):
            continue
        text = sentence[other[0] : other[1]]
        attrs = [a for a in ctx.attributions if other[0] <= a.start < other[1]]
        counts = [c for c in facts.counts if other[0] <= c.start < other[1] and not c.vague]
        denial = polarity_of(text) == "denies"
        if not (counts or denial) or (denial and not attrs):
            continue
        verb = sentence[attrs[0].start : attrs[0].end] if attrs else None
        variants.append(
            replace(
                claim,
                count_low=counts[0].low if counts else None,
                count_high=counts[0].high if counts else None,
                source=attrs[0].names if attrs else claim.source,
                source_type=attrs[0].source_type if attrs else claim.source_type,
                certainty=certainty_of(text, text, verb),
                polarity="denies" if denial else "affirms",
            )
        )
    return variants or [claim]


def attributed_segments(
    bounds: tuple[tuple[int, int], ...], clause: tuple[int, int], ctx: SentenceContext
) -> list[tuple[int, int]]:
    """Other clauses, cut further so each attribution gets its own stretch of words."""
    out: list[tuple[int, int]] = []
    for start, end in bounds:
        if start <= clause[0] < end:
            continue  # the claim's own clause, or the clause it is embedded in
        cuts = [a.start for a in ctx.attributions if start < a.start < end]
        edges = [start, *cuts[1:], end] if cuts else [start, end]
        out.extend(itertools.pairwise(edges))
    return out

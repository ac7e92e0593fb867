"""Figures that carry the fate of the sentence before them.

A report often states a fate once and then lists its figures in the next sentence
without a verb of its own: "1,200 Jordanians have left to fight in Syria. ... Egypt
follows with 1,400", "Friday's flight carried 12 women and 27 minors", "the total
has now reached 9,000". Such a sentence has no fate cue; each figure in it that
counts people (a people noun after it, a "from <place>" after it, or "stands at") makes a
claim with the fate, subject and source of the claim just before it, when that sentence
made claims of one fate only.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.claims.counts import CountSpan, find_counts
from extractors.claims.enumeration import counted_group
from extractors.claims.facts import Facts, SentenceContext, sentence_facts
from extractors.claims.modality import certainty_of, polarity_of
from extractors.claims.times import find_time
from extractors.types import Claim

_TOTAL_BEFORE_RE = re.compile(
    r"\b(?:number|figure|total|tally|count)\s+(?:\w+\s+){0,2}(?:stands?|stood|is|was|rose|grew"
    r"|reached)\s+(?:at\s+|to\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
""""the total has now reached 9,000": a figure restating the total before it."""
_PART_RE = re.compile(r"\s+of\s+(?:the|them|these|those|whom)\b", re.IGNORECASE)
""""four of the women": a part of people already counted, no new figure."""


def carried_claims(sentence: str, ctx: SentenceContext, before: list[Claim]) -> list[Claim]:
    """Claims of a sentence without a fate cue whose figures continue the claim before it."""
    fates = {claim.fate for claim in before}
    if len(fates) != 1 or sentence.rstrip().endswith("?"):
        return []
    if not any(not span.vague for span in find_counts(sentence)):
        return _composition(sentence, ctx, before[-1])
    facts = sentence_facts(sentence, [], ctx.published)
    groups = [
        (span, group)
        for span in facts.counts
        if not span.vague
        and span.low != 0
        and not _PART_RE.match(sentence, span.end)
        and (group := _counted_group(sentence, span, facts)) is not None
    ]
    restated = any(not subject and not origin for _, (subject, origin) in groups)
    described = _COMPOSITION_RE.match(sentence) is not None  # "The majority are ..., but ..."
    if len(groups) < 2 and not restated and not described:
        return []  # one figure after a claim is as often a detail as a continuation
    model = before[-1]
    if model.count_low is None and model.count_high is None and not restated:
        return []  # a list continues a counted claim, not a remark without figures
    counted = [
        _claim_like(model, sentence, span, subject, origin, ctx, facts)
        for span, (subject, origin) in groups
    ]
    return (_composition(sentence, ctx, model) if described else []) + counted


_COMPOSITION_RE = re.compile(
    r"^\W*(?:(?:most|many|some|all|half|\d+\s*(?:percent|per\s+cent|%)|(?:a|one)\s+(?:third|quarter))"
    r"\s+of\s+(?:them|these|those)|the\s+(?:vast\s+)?majority(?:\s+of\s+them)?)"
    r"\s+(?:are|were|is|was)\s+",
    re.IGNORECASE,
)
""""Most of them are Uzbeks", "70 percent of them are children": who the people just
counted are, a claim with the same fate about the part described."""


def _composition(sentence: str, ctx: SentenceContext, model: Claim) -> list[Claim]:
    """The claim before, restated for the part of its people a sentence describes."""
    opening = _COMPOSITION_RE.match(sentence)
    if opening is None:
        return []
    facts = sentence_facts(sentence, [], ctx.published)
    described = [s for s in facts.subjects if s.start >= opening.end()]
    if not described:
        return []
    origin = tuple(
        code
        for p in facts.places
        if p.kind == "demonym" and p.start >= described[0].start
        for code in p.codes
    )
    claim = _claim_like(model, sentence, None, described[0].subject, origin, ctx, facts)
    return [replace(claim, share=facts.shares[0].share if facts.shares else None)]


def _counted_group(
    sentence: str, span: CountSpan, facts: Facts
) -> tuple[str | None, tuple[str, ...]] | None:
    """(subject, origin) of the people a figure counts (as in a list under a verb), or of
    a restated total; None when it counts no one."""
    group = counted_group(sentence, span, facts)
    if group is None and _TOTAL_BEFORE_RE.search(sentence, max(0, span.start - 50), span.start):
        return None, ()
    return group


def _claim_like(
    model: Claim,
    sentence: str,
    span: CountSpan | None,
    subject: str | None,
    origin: tuple[str, ...],
    ctx: SentenceContext,
    facts: Facts,
) -> Claim:
    """The claim before, restated for this sentence's figure."""
    time_text, year = find_time(sentence, ctx.published)
    source = ctx.attributions[0] if ctx.attributions else ctx.inherited
    return replace(
        model,
        sentence=sentence,
        subject=subject or model.subject,  # type: ignore[arg-type]
        origin=origin,
        count_low=span.low if span else None,
        count_high=span.high if span else None,
        share=None,
        location=(),
        location_country=model.location_country if model.fate == "travelled" else (),
        from_location=(),
        time_text=time_text,
        year=year,
        source=source.names if source else model.source,
        source_type=source.source_type if source else model.source_type,
        certainty=certainty_of(sentence, sentence),
        polarity=polarity_of(sentence),
    )

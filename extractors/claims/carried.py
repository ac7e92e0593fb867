"""Figures that carry the fate of the sentence before them.

A report often states a fate once and then lists its figures in the next sentence
without a verb of its own: "1,654 Moroccans have left to fight in Syria. ... Saudi Arabia
follows with 2,500", "Tuesday's group was made up of 16 women and 35 minors", "that
number now stands at 27,000". Such a sentence has no fate cue; each figure in it that
counts people (a people noun after it, a "from <place>" after it, or "stands at") makes a
claim with the fate, subject and source of the claim just before it, when that sentence
made claims of one fate only.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.claims.counts import CountSpan, find_counts
from extractors.claims.facts import Facts, SentenceContext, sentence_facts
from extractors.claims.fates import SubjectMention
from extractors.claims.modality import certainty_of, polarity_of
from extractors.claims.places import PlaceMention
from extractors.claims.times import find_time
from extractors.types import Claim

_TOTAL_BEFORE_RE = re.compile(
    r"\b(?:number|figure|total|tally|count)\s+(?:\w+\s+){0,2}(?:stands?|stood|is|was|rose|grew"
    r"|reached)\s+(?:at\s+|to\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
""""that number now stands at 27,000": a figure restating the total before it."""
_FROM_BEFORE_PLACE_RE = re.compile(r"\s+(?:\w+\s+)?(?:coming\s+|came\s+)?from\s+(?:the\s+)?", re.I)
_PART_RE = re.compile(r"\s+of\s+(?:the|them|these|those|whom)\b", re.IGNORECASE)
""""four of the women": a part of people already counted, no new figure."""
_NOUN_GAP_RE = re.compile(r"^[\s\w’'-]{0,25}$")


def carried_claims(sentence: str, ctx: SentenceContext, before: list[Claim]) -> list[Claim]:
    """Claims of a sentence without a fate cue whose figures continue the claim before it."""
    fates = {claim.fate for claim in before}
    if len(fates) != 1 or sentence.rstrip().endswith("?"):
        return []
    if not any(not span.vague for span in find_counts(sentence)):
        return []  # no figure: nothing to carry (and no need to read the sentence further)
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
    if len(groups) < 2 and not restated:
        return []  # one figure after a claim is as often a detail as a continuation
    model = before[-1]
    return [
        _claim_like(model, sentence, span, subject, origin, ctx, facts)
        for span, (subject, origin) in groups
    ]


def _counted_group(
    sentence: str, span: CountSpan, facts: Facts
) -> tuple[str | None, tuple[str, ...]] | None:
    """(subject, origin) of the people a figure counts, or None when it counts no one."""
    noun = _noun_after(sentence, span.end, facts.subjects)
    if noun is not None:
        return noun.subject, _demonyms_between(facts.places, span.end, noun.start)
    for place in facts.places:
        near = place.kind == "place" and span.end < place.start <= span.end + 30
        if near and _FROM_BEFORE_PLACE_RE.fullmatch(sentence, span.end, place.start):
            return None, place.codes
    if _TOTAL_BEFORE_RE.search(sentence, max(0, span.start - 50), span.start):
        return None, ()
    return None


def _noun_after(
    sentence: str, end: int, subjects: tuple[SubjectMention, ...]
) -> SubjectMention | None:
    for mention in subjects:
        if mention.start < end:
            continue
        gap = sentence[end : mention.start]
        if _NOUN_GAP_RE.match(gap) and len(gap.split()) <= 2:
            return mention
        return None
    return None


def _demonyms_between(places: tuple[PlaceMention, ...], start: int, end: int) -> tuple[str, ...]:
    """The codes of the nationalities named between a figure and its noun ("288 Moroccan women")."""
    demonyms = (p for p in places if p.kind == "demonym" and start <= p.start < end)
    return tuple(code for p in demonyms for code in p.codes)


def _claim_like(
    model: Claim,
    sentence: str,
    span: CountSpan,
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
        count_low=span.low,
        count_high=span.high,
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

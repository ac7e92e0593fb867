"""Assembling claims from one sentence: clause, count, places, origin, source, modality."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date

from extractors.claims.counterparts import find_counterpart
from extractors.claims.counts import CountSpan, ShareSpan, find_counts, find_shares
from extractors.claims.fates import (
    ANCHORED_RE,
    GROUP_FATES,
    FateCue,
    SubjectMention,
    find_fate_cues,
    find_group_mentions,
    find_subjects,
    subject_for,
)
from extractors.claims.modality import certainty_of, polarity_of
from extractors.claims.places import PlaceMention, find_places
from extractors.claims.sources import Attribution
from extractors.claims.times import find_time
from extractors.types import Claim, Subject

_CLAUSE_RE = re.compile(
    r";|,?\s+(?:but|while|whereas)\s+|,\s+(?:although|though)\s+"
    r"|,\s+(?:far|much)\s+(?:less|fewer|more)\s+than\s+"
)
_FROM_RE = re.compile(
    r"\b(?:from|out\s+of|left|leave|leaving|fled|flee|fleeing|escaped|ousted\s+from"
    r"|driven\s+out\s+of|evacuated\s+from|away\s+from)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|province|area|camp|region|countryside)\s+of\s+)?"
    r"(?:(?!(?:to|into|towards?|for|in|at)\b)[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_COUNT_AS_SUBJECT_RE = re.compile(
    r"^[\s,]*(?:(?:maybe|perhaps|possibly|or|and|more|then|also|have|had|has|were|are|been"
    r"|\w+\s+(?:often\s+|also\s+)?(?:said|say|says|claimed|claim|reported|estimated|believe[sd]?))"
    r"\b[\s,]*)*$",
    re.IGNORECASE,
)
_COUNT_AFTER_RE = re.compile(
    r"\b(?:be|been|is|are|was|were|numbered?|totals?|totalled|reached|at)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_OF_PEOPLE_RE = re.compile(
    r"^\s+(?:more\s+|other\s+|of\s+(?:them|those|its|their|the|these)\b|[\w'’-]+\s+of\s+)",
    re.IGNORECASE,
)
_SINGLE_RE = re.compile(r"\b(?:he|she)\b[^,;]{0,60}$", re.IGNORECASE)
_LOCAL_CODES = frozenset({"SY", "IQ"})


@dataclass(frozen=True)
class SentenceContext:
    """What a sentence's claims draw on besides the sentence itself."""

    doc: str
    attributions: tuple[Attribution, ...]
    inherited: Attribution | None
    published: date | None


@dataclass(frozen=True)
class Facts:
    """What a sentence holds, found once and shared by all its cues."""

    cues: tuple[FateCue, ...]
    counts: tuple[CountSpan, ...]
    places: tuple[PlaceMention, ...]
    subjects: tuple[SubjectMention, ...]
    bounds: tuple[tuple[int, int], ...]
    shares: tuple[ShareSpan, ...]
    time: tuple[str | None, int | None]


def sentence_facts(sentence: str, cues: list[FateCue], published: date | None) -> Facts:
    """Cues, counts, places, subject nouns and clauses of a sentence."""
    places = tuple(find_places(sentence))
    subjects = list(find_subjects(sentence))
    for place in places:
        if place.kind == "demonym" and place.name.endswith("s") and not place.name.endswith("ss"):
            subject: Subject = (
                "fighters" if set(place.codes) <= _LOCAL_CODES else "foreign_fighters"
            )
            subjects.append(SubjectMention(subject, place.start, place.end))
    return Facts(
        cues=tuple(cues),
        counts=tuple(find_counts(sentence)),
        places=places,
        subjects=tuple(sorted(subjects, key=lambda s: s.start)),
        bounds=tuple(clause_bounds(sentence)),
        shares=tuple(find_shares(sentence)),
        time=find_time(sentence, published),
    )


def clause_bounds(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: split at ";" and at contrast words."""
    bounds, start = [], 0
    for m in _CLAUSE_RE.finditer(sentence):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(sentence)))
    return bounds


def _clause_of(bounds: tuple[tuple[int, int], ...], pos: int) -> tuple[int, int]:
    return next((b for b in bounds if b[0] <= pos < b[1]), bounds[-1])


def _count_for(
    sentence: str,
    facts: Facts,
    clause: tuple[int, int],
    cue: FateCue,
    subjects: list[SubjectMention],
) -> CountSpan | None:
    spans = [c for c in facts.counts if clause[0] <= c.start and c.end <= clause[1]]
    starts = {s.start for s in subjects}
    for span in reversed([c for c in spans if c.end <= cue.start]):
        gap = sentence[span.end : cue.start]
        if _names_people(sentence, span, starts) or _COUNT_AS_SUBJECT_RE.match(gap):
            return span
    for span in (c for c in spans if c.start >= cue.end):
        before = sentence[clause[0] : span.start]
        if _names_people(sentence, span, starts) or _COUNT_AFTER_RE.search(before):
            return span
    return None


def _names_people(sentence: str, span: CountSpan, subject_starts: set[int]) -> bool:
    """A count followed within a few words by a subject noun ("500 foreign fighters")."""
    rest = sentence[span.end : span.end + 60]
    if re.match(r"\s+of\s+(?:them|those)\b", rest, re.IGNORECASE):
        return True
    if _OF_PEOPLE_RE.match(rest) and any(span.end < s <= span.end + 45 for s in subject_starts):
        return True
    ends = [m.end() for m in re.finditer(r"\S+", rest)][:3]
    limit = span.end + (ends[-1] if ends else 0)
    return any(span.end <= s <= limit for s in subject_starts)


def _places_for(
    sentence: str, facts: Facts, clause: tuple[int, int], stop: int
) -> tuple[list[PlaceMention], list[PlaceMention], list[PlaceMention]]:
    """(locations, origins-by-demonym, from-locations) in the clause before `stop`."""
    located, demonyms, origins = [], [], []
    for place in facts.places:
        if not clause[0] <= place.start < clause[1] or place.end > stop:
            continue
        if place.kind == "demonym":
            demonyms.append(place)
        elif _FROM_RE.search(sentence[max(clause[0], place.start - 60) : place.start]):
            origins.append(place)
        else:
            located.append(place)
    return located, demonyms, origins


def _origin(
    sentence: str, demonyms: list[PlaceMention], subjects: list[SubjectMention]
) -> list[str]:
    codes: list[str] = []
    for dem in demonyms:
        follows = any(0 <= s.start - dem.end <= 12 for s in subjects)
        plural = dem.name.endswith("s") and not dem.name.endswith("ss")
        if follows or plural:
            codes.extend(c for c in dem.codes if c not in codes)
    return codes


def _attribution_for(
    cue: FateCue, clause: tuple[int, int], ctx: SentenceContext
) -> Attribution | None:
    inside = [a for a in ctx.attributions if clause[0] <= a.start < clause[1]]
    pool = inside or list(ctx.attributions)
    if not pool:
        return ctx.inherited
    return min(pool, key=lambda a: min(abs(a.start - cue.end), abs(cue.start - a.end)))


def _subject_and_origin(
    sentence: str,
    cue: FateCue,
    subjects: list[SubjectMention],
    demonyms: list[PlaceMention],
    returned_to: tuple[str, ...],
) -> tuple[Subject, tuple[str, ...]]:
    subject = subject_for(sentence, subjects, cue)
    origin = _origin(sentence, demonyms, subjects)
    if cue.fate == "returned":
        origin.extend(c for c in returned_to if c not in origin)
    foreign = any(c not in _LOCAL_CODES for c in origin)
    if subject == "fighters" and (foreign or re.search(r"\bforeign", sentence[: cue.start], re.I)):
        subject = "foreign_fighters"
    return subject, tuple(origin)


def _has_anchor(
    sentence: str, cue: FateCue, subjects: list[SubjectMention], count: CountSpan | None
) -> bool:
    """Whether the cue is about the group's people: a subject noun, a count, or the group."""
    if subjects or count is not None or ANCHORED_RE.search(sentence):
        return True
    if cue.fate in GROUP_FATES and find_group_mentions(sentence):
        return True
    return bool(_SINGLE_RE.search(sentence[: cue.start]))


def claim_from_cue(sentence: str, cue: FateCue, ctx: SentenceContext, facts: Facts) -> Claim | None:
    """The claim a fate cue makes in its sentence, or None when it is not about members."""
    clause = _clause_of(facts.bounds, cue.start)
    subjects = [s for s in facts.subjects if clause[0] <= s.start < clause[1]]
    count = _count_for(sentence, facts, clause, cue, subjects)
    if not _has_anchor(
        sentence[clause[0] : clause[1]],
        replace(cue, start=cue.start - clause[0], end=cue.end - clause[0]),
        subjects,
        count,
    ):
        return None
    attribution = _attribution_for(cue, clause, ctx)
    stop = (
        attribution.start
        if attribution and attribution.start > cue.end and _tail(sentence, attribution)
        else len(sentence)
    )
    located, demonyms, origins = _places_for(sentence, facts, clause, stop)
    codes = _codes(located)
    subject, origin = _subject_and_origin(sentence, cue, subjects, demonyms, codes)
    if cue.fate == "travelled":
        origin = tuple(dict.fromkeys(origin + _codes(origins)))
    low, high = (count.low, count.high) if count else (None, None)
    if count is None and _SINGLE_RE.search(sentence[clause[0] : cue.start]) and not subjects:
        low, high = 1, 1
    shares = [s for s in facts.shares if clause[0] <= s.start < clause[1]]
    window = sentence[max(clause[0], cue.start - 70) : min(clause[1], cue.end + 50)]
    time_text, year = facts.time
    verb = sentence[attribution.start : attribution.end] if attribution else None
    return Claim(
        doc=ctx.doc,
        sentence=sentence,
        subject=subject,
        fate=cue.fate,
        origin=origin,
        count_low=low,
        count_high=high,
        share=shares[0].share if shares else None,
        location=tuple(dict.fromkeys(p.name for p in located)),
        location_country=codes,
        from_location=tuple(dict.fromkeys(p.name for p in origins)),
        counterpart=find_counterpart(sentence, cue.fate, cue.end),
        time_text=time_text,
        year=year,
        source=attribution.names if attribution else ("author",),
        source_type=attribution.source_type if attribution else "author",
        certainty=certainty_of(window, sentence, verb),
        polarity=polarity_of(window, cue.start - max(clause[0], cue.start - 70)),
    )


def _codes(places: list[PlaceMention]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for p in places for c in p.codes))


def _tail(sentence: str, attribution: Attribution) -> bool:
    """Whether the attribution opens the sentence's tail (", said X, a fellow at ...")."""
    return sentence[: attribution.start].rstrip().endswith((",", "”", '"'))


def sentence_claims(sentence: str, ctx: SentenceContext) -> list[Claim]:
    """Every claim in a sentence: one per fate and clause."""
    claims: list[Claim] = []
    if sentence.rstrip().endswith("?"):
        return claims
    seen: set[tuple[str, tuple[int, int]]] = set()
    cues = find_fate_cues(sentence)
    if not cues:
        return claims
    facts = sentence_facts(sentence, cues, ctx.published)
    for cue in facts.cues:
        key = (cue.fate, _clause_of(facts.bounds, cue.start))
        if key in seen:
            continue
        claim = claim_from_cue(sentence, cue, ctx, facts)
        if claim is not None:
            seen.add(key)
            claims.extend(_contested(sentence, claim, key[1], facts, ctx))
    return claims


def _contested(
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
    for other in _attributed_segments(facts.bounds, clause, ctx):
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


def _attributed_segments(
    bounds: tuple[tuple[int, int], ...], clause: tuple[int, int], ctx: SentenceContext
) -> list[tuple[int, int]]:
    """Other clauses, cut further so each attribution gets its own stretch of words."""
    out: list[tuple[int, int]] = []
    for start, end in bounds:
        if (start, end) == clause:
            continue
        cuts = [a.start for a in ctx.attributions if start < a.start < end]
        edges = [start, *cuts[1:], end] if cuts else [start, end]
        out.extend(itertools.pairwise(edges))
    return out

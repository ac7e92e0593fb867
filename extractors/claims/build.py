"""Assembling claims from one sentence: for each fate cue, whether it is about the group's
people (`grounding`), its figure (`figures`), its places and origin, source, certainty,
polarity, counterpart and time; one claim per fate and clause (and per listed group)."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.claims.contested import contested_claims
from extractors.claims.counterparts import find_counterpart
from extractors.claims.counts import CountSpan, ShareSpan
from extractors.claims.enumeration import enumerated_claims
from extractors.claims.facts import (
    LOCAL_CODES,
    Facts,
    SentenceContext,
    clause_of,
    head_clause,
    sentence_facts,
)
from extractors.claims.fates import FateCue
from extractors.claims.figures import counts_the_attackers, figure_for, how_many
from extractors.claims.grounding import (
    about_outsiders,
    about_rivals,
    is_about_members,
    is_unreal,
    members_kill_outsiders,
)
from extractors.claims.modality import certainty_of, polarity_of
from extractors.claims.people import SubjectMention, subject_for
from extractors.claims.places import PlaceMention
from extractors.claims.sources import Attribution
from extractors.claims.whereabouts import (
    MOVEMENT_FATES,
    claim_window,
    homeward,
    sentence_locative,
    split_places,
)
from extractors.types import Claim, Subject


def _origin(
    sentence: str, demonyms: list[PlaceMention], subjects: list[SubjectMention]
) -> list[str]:
    codes: list[str] = []
    ahead = sorted(demonyms, key=lambda d: d.start)
    for i, dem in enumerate(ahead):
        listed = ahead[i + 1 :]  # "Tajik, Uzbek and Kyrgyz fighters": each of the list
        while listed and _LIST_JOIN_RE.fullmatch(sentence, dem.end, listed[0].start):
            dem = replace(dem, end=listed[0].end)
            listed = listed[1:]
        follows = any(0 <= s.start - dem.end <= 12 for s in subjects)
        plural = dem.name.endswith("s") and not dem.name.endswith("ss")
        if follows or plural:
            codes.extend(c for c in dem.codes if c not in codes)
    return codes


_LIST_JOIN_RE = re.compile(r",?\s+(?:and|or)\s+|,\s+")


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
    subject = subject_for(sentence, subjects, cue.end)
    origin = _origin(sentence, demonyms, subjects)
    if cue.fate == "returned":
        origin.extend(c for c in returned_to if c not in origin)
    # a nationality from elsewhere makes foreign fighters in `discourse`, which knows
    # whether the article is about a local branch at home
    foreign = cue.fate == "returned" and not set(origin) & LOCAL_CODES  # home from Syria/Iraq
    if subject == "fighters" and (foreign or re.search(r"\bforeign", sentence[: cue.start], re.I)):
        subject = "foreign_fighters"
    return subject, tuple(origin)


_PRISONERS_RE = re.compile(r"\b(?:prisoners?|detainees?|inmates|prison|jail)\b", re.IGNORECASE)


def claim_from_cue(
    sentence: str, cue: FateCue, ctx: SentenceContext, facts: Facts
) -> tuple[Claim, CountSpan | None] | None:
    """The claim a fate cue makes in its sentence and the figure it took, or None when
    the cue is not about members."""
    clause = clause_of(facts.bounds, cue.start)
    head = head_clause(sentence, facts.bounds, clause)  # ", would be deported": whose verb
    subjects = [
        s
        for s in facts.subjects
        if clause[0] <= s.start < clause[1] or (head and head[0] <= s.start < head[1])
    ]
    if is_unreal(sentence, cue, clause) or about_rivals(sentence, cue, clause):
        return None
    if about_outsiders(sentence, cue, clause, subjects, facts):
        if not members_kill_outsiders(sentence, cue, subjects, facts):
            return None
        cue = replace(cue, fate="insurgent")  # "members who had killed two farmers"
    count = figure_for(sentence, facts, clause, cue, subjects)
    if count is None and cue.first_start < cue.start:
        first = replace(cue, start=cue.first_start, end=cue.first_end)
        count = figure_for(sentence, facts, clause, first, subjects)
    if count is None and head is not None:
        count = figure_for(sentence, facts, head, cue, subjects)
    if not is_about_members(sentence, cue, clause, subjects, count):
        return None
    attribution = _attribution_for(cue, clause, ctx)
    located, origins, demonyms = _places_of(sentence, cue, clause, facts, attribution)
    if cue.fate == "returned":
        located, origins = homeward(sentence, cue.start, located, origins, demonyms)
    codes = _codes(located)
    subject, origin = _subject_and_origin(sentence, cue, subjects, demonyms, codes)
    if cue.fate == "fled" and _PRISONERS_RE.search(
        sentence, max(clause[0], cue.start - 60), cue.end
    ):
        cue = replace(cue, fate="released")  # prisoners who escape are freed, not fleeing
    if cue.fate == "relocated" and _moved_home(codes, origin, facts):
        cue = replace(cue, fate="returned")  # "Syrian families moved from a Turkish camp to Syria"
    if cue.fate == "travelled":
        origin = tuple(dict.fromkeys(origin + _codes(origins)))
        if subject == "fighters" and not set(origin) & LOCAL_CODES:
            subject = "foreign_fighters"  # who travelled to join came from abroad
    if (
        cue.fate == "insurgent"
        and count is not None
        and not counts_the_attackers(sentence, count, cue)
    ):
        count = None  # "three men were kidnapped by militants": the figure counts the victims
    share = _share_of(cue, clause, facts)
    if share is not None and count is not None and count.end <= share.start:
        count = None  # "2,500 went, and a third have returned": a share of them returned
    low, high = how_many(sentence, count, cue, clause, subjects)
    window = sentence[max(clause[0], cue.first_start - 70) : min(clause[1], cue.end + 50)]
    time_text, year = _time_of(cue, clause, facts)
    verb = sentence[attribution.start : attribution.end] if attribution else None
    claim = Claim(
        doc=ctx.doc,
        sentence=sentence,
        subject=subject,
        fate=cue.fate,
        origin=origin,
        count_low=low,
        count_high=high,
        share=share.share if share else None,
        location=tuple(dict.fromkeys(p.name for p in located)),
        location_country=codes,
        from_location=tuple(dict.fromkeys(p.name for p in origins)),
        counterpart=find_counterpart(sentence, cue.fate, cue.end),
        time_text=time_text,
        year=year,
        source=attribution.names if attribution else ("author",),
        source_type=attribution.source_type if attribution else "author",
        certainty=certainty_of(window, sentence, verb),
        polarity=polarity_of(window, cue.start - max(clause[0], cue.first_start - 70)),
    )
    return claim, count


def _time_of(cue: FateCue, clause: tuple[int, int], facts: Facts) -> tuple[str | None, int | None]:
    """The time of the cue's event: the expression in its clause nearest the cue (after it
    first: "900 had come home by 2020"), else the sentence's first."""
    if not facts.times:
        return None, None
    inside = [t for t in facts.times if clause[0] <= t[0] < clause[1]]
    if not inside:
        return facts.times[0][1], facts.times[0][2]
    _, text, year = min(
        inside, key=lambda t: t[0] - cue.end if t[0] >= cue.end else 2 * (cue.start - t[0])
    )
    return text, year


def _share_of(cue: FateCue, clause: tuple[int, int], facts: Facts) -> ShareSpan | None:
    """The share the cue's people are of a whole: the last one before the cue in its clause,
    else the first after it, with no other fate between ("a third have since returned" is
    not a share of the travel before it)."""
    before = [
        s
        for s in facts.shares
        if clause[0] <= s.start < cue.start
        and not any(s.end <= c.start < cue.first_start for c in facts.cues)
    ]
    after = [
        s
        for s in facts.shares
        if cue.end <= s.start < clause[1]
        and not any(cue.end <= c.start < clause[1] for c in facts.cues)
    ]  # "returnees who account for 10% of the fighters", not "20% were then killed"
    return before[-1] if before else (after[0] if after else None)


def _places_of(
    sentence: str,
    cue: FateCue,
    clause: tuple[int, int],
    facts: Facts,
    attribution: Attribution | None,
) -> tuple[list[PlaceMention], list[PlaceMention], list[PlaceMention]]:
    """(locations, from-locations, demonyms) of the claim, not counting an attribution
    tail (", said X, a fellow at the Y Institute in Z")."""
    stop = len(sentence)
    if attribution and attribution.start > cue.end and _tail(sentence, attribution):
        stop = attribution.start
    scope = claim_window(sentence, clause, cue.first_start, cue.end, cue.fate)
    located, _, origins = split_places(sentence, facts.places, (scope[0], min(scope[1], stop)))
    after = [p for p in located if p.start >= cue.end]
    if after and cue.fate not in MOVEMENT_FATES:
        located = after  # "arrested by police in Kosovo", not where they were said to fight
    demonyms = [p for p in facts.places if p.kind == "demonym" and clause[0] <= p.start < stop]
    if not located and not origins:
        located = _framing_places(sentence, facts, clause, cue.fate)
    return located, origins, demonyms


def _framing_places(
    sentence: str, facts: Facts, clause: tuple[int, int], fate: str
) -> list[PlaceMention]:
    """Places that frame a clause without its own: a sentence-opening "In X,", or the
    places of the clause before ("6,000 were in Sirte, but 2,000 were killed")."""
    framing = sentence_locative(sentence, facts.places)
    if framing or (fate in MOVEMENT_FATES and fate != "returned"):
        return framing
    head = head_clause(sentence, facts.bounds, clause)  # past the clauses embedded before it
    earlier = [head] if head else [b for b in facts.bounds if b[1] <= clause[0]]
    if not earlier:
        return []
    located, _, _ = split_places(sentence, facts.places, earlier[-1])
    return located


def _moved_home(codes: tuple[str, ...], origin: tuple[str, ...], facts: Facts) -> bool:
    """Whether people were moved into their own country from a place in another one."""
    if not codes or not set(codes) <= set(origin):
        return False
    return any(
        p.kind == "place" and len(p.codes) == 1 and len(p.codes[0]) == 2 and p.codes[0] not in codes
        for p in facts.places
    )


def _codes(places: list[PlaceMention]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c for p in places for c in p.codes))


def _tail(sentence: str, attribution: Attribution) -> bool:
    """Whether the attribution opens the sentence's tail (", said X, a fellow at ...")."""
    return sentence[: attribution.start].rstrip().endswith((",", "”", '"'))


def sentence_claims(sentence: str, ctx: SentenceContext, cues: list[FateCue]) -> list[Claim]:
    """Every claim a sentence's fate cues make: one per fate and clause."""
    claims: list[Claim] = []
    if sentence.rstrip().endswith("?") or not cues:
        return claims
    seen: set[tuple[str, tuple[int, int]]] = set()
    facts = sentence_facts(sentence, cues, ctx.published)
    for cue in _last_cue_per_clause(facts):
        key = (cue.fate, clause_of(facts.bounds, cue.start))
        if key in seen:
            continue
        made = claim_from_cue(sentence, cue, ctx, facts)
        if made is None:
            continue
        claim, count = made
        key = (claim.fate, key[1])  # a killing of outsiders by members is their attack
        if key in seen:
            continue
        seen.add(key)
        if count is None:
            claims.extend(contested_claims(sentence, claim, key[1], facts, ctx))
        else:
            claims.extend(enumerated_claims(sentence, claim, key[1], count, facts))
    return claims


def _names_the_subject(cue: FateCue, facts: Facts) -> bool:
    """ "returnees were released": a cue that is the subject noun of another fate's cue."""
    if not any(s.start == cue.start and s.end == cue.end for s in facts.subjects):
        return False
    clause = clause_of(facts.bounds, cue.start)
    return any(
        c.fate != cue.fate and clause_of(facts.bounds, c.start) == clause for c in facts.cues
    )


def _last_cue_per_clause(facts: Facts) -> list[FateCue]:
    """One cue per fate and clause: the last, nearest the figures and places it governs."""
    last: dict[tuple[str, tuple[int, int]], FateCue] = {}
    for cue in facts.cues:
        if _names_the_subject(cue, facts):
            continue
        key = (cue.fate, clause_of(facts.bounds, cue.start))
        first = last.get(key, cue)
        last[key] = replace(cue, first_start=first.first_start, first_end=first.first_end)
    return sorted(last.values(), key=lambda c: c.start)

"""Assembling claims from one sentence: clause, count, places, origin, source, modality."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.claims.contested import contested_claims
from extractors.claims.counterparts import find_counterpart
from extractors.claims.counts import CountSpan
from extractors.claims.enumeration import enumerated_claims
from extractors.claims.facts import LOCAL_CODES, Facts, SentenceContext, clause_of, sentence_facts
from extractors.claims.fates import (
    ANCHORED_RE,
    GENERIC_RE,
    GROUP_FATES,
    FateCue,
    SubjectMention,
    find_fate_cues,
    find_group_mentions,
    subject_for,
)
from extractors.claims.modality import certainty_of, polarity_of
from extractors.claims.places import PlaceMention
from extractors.claims.sources import Attribution
from extractors.claims.whereabouts import (
    MOVEMENT_FATES,
    claim_window,
    sentence_locative,
    split_places,
)
from extractors.types import Claim, Subject

_COUNT_AS_SUBJECT_RE = re.compile(
    r"^[\s,]*(?:(?:maybe|perhaps|possibly|or|and|more|then|also|have|had|has|were|are|been|of"
    r"|\w+\s+(?:often\s+|also\s+)?(?:said|say|says|claimed|claim|reported|estimated|believe[sd]?))"
    r"\b[\s,]*)*$",
    re.IGNORECASE,
)
_COUNT_AFTER_RE = re.compile(
    r"\b(?:be|been|is|are|was|were|numbered?|totals?|totalled|reached|at)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_OF_PEOPLE_RE = re.compile(r"^\s+(?:more\s+|other\s+|of\s+|[\w'’-]+\s+of\s+)", re.IGNORECASE)
_BLAMED_RE = re.compile(
    r"\s+(?:attributed\s+to|claimed\s+by|carried\s+out\s+by|blamed\s+on)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_GROUP_SIZE_RE = re.compile(
    r"\b(?:cells?|groups?|units?|teams?|squads?|bands?|detachments?|batches|convoys?)\s+of\s*$",
    re.IGNORECASE,
)
""""cells of five to ten members": the size of each group, not how many people in all."""
_OBJECT_GAP_RE = re.compile(r"\s+(?:(?:some|about|around|another|a\s+further|at\s+least)\s+)?")
_PEOPLE_AFTER_RE = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:suspects|people|persons|individuals|men|women|children|citizens"
    r"|nationals|foreigners|detainees|prisoners|returnees)\b",
    re.IGNORECASE,
)
_REST_RE = re.compile(
    r"\b(?:the\s+(?:rest|remainder|remaining|others)|the\s+other\s+\w+)\b[^,;]{0,40}$",
    re.IGNORECASE,
)
_SINGLE_RE = re.compile(r"\b(?:he|she)\b[^,;]{0,60}$", re.IGNORECASE)


def _count_for(
    sentence: str,
    facts: Facts,
    clause: tuple[int, int],
    cue: FateCue,
    subjects: list[SubjectMention],
) -> CountSpan | None:
    spans = [
        c
        for c in facts.counts
        if clause[0] <= c.start
        and c.end <= clause[1]
        and not _GROUP_SIZE_RE.search(sentence, max(0, c.start - 40), c.start)
    ]
    starts = {s.start for s in subjects}
    for span in spans:
        if _is_object(sentence, cue, span, starts):
            return span  # "arrested more than 200 suspects": the verb's object
    for span in reversed([c for c in spans if c.start < cue.end and c.end <= cue.end]):
        gap = sentence[span.end : max(span.end, cue.start)]
        if _REST_RE.search(gap):
            return None  # "92 were arrested and the rest were killed": the rest is uncounted
        if cue.fate != "insurgent" and _COUNT_AS_SUBJECT_RE.match(gap):
            return span  # "hundreds then left", "dozens of arrests"; not "100 bombings"
        if _names_people(sentence, span, starts) and not span.vague:
            return span  # a figure; "most of them ..." defers to a figure before it
    for span in reversed([c for c in spans if c.end <= cue.end and c.vague]):
        if _names_people(sentence, span, starts):
            return span  # "a good number of them"
    for span in (c for c in spans if c.start >= cue.end):
        before = sentence[clause[0] : span.start]
        if _names_people(sentence, span, starts) or _COUNT_AFTER_RE.search(before):
            return span
    return None


def _is_object(sentence: str, cue: FateCue, span: CountSpan, subject_starts: set[int]) -> bool:
    """A count of people right after the fate verb, in a clause about members."""
    if not subject_starts or span.start <= cue.end:
        return False
    if not _OBJECT_GAP_RE.fullmatch(sentence, cue.end, span.start):
        return False
    return _names_people(sentence, span, subject_starts) or bool(
        _PEOPLE_AFTER_RE.match(sentence, span.end)
    )


def _names_people(sentence: str, span: CountSpan, subject_starts: set[int]) -> bool:
    """A count followed within a few words by a subject noun ("500 foreign fighters")."""
    rest = sentence[span.end : span.end + 60]
    if re.match(r"\s+of\s+(?:them|those)\b", rest, re.IGNORECASE):
        return True
    cases = re.match(r"\s+(?:\w+\s+)?(?:cases|instances|incidents)\s+of\b", rest, re.I)
    if cases and any(span.end < s <= span.end + 60 for s in subject_starts):
        return True
    if _OF_PEOPLE_RE.match(rest) and any(span.end < s <= span.end + 45 for s in subject_starts):
        return True
    if re.match(r"\s+(?:people|persons|individuals)\b", rest) and subject_starts:
        return True  # "60,000 people, most of them women and children"
    ends = [m.end() for m in re.finditer(r"\S+", rest)][:3]
    limit = span.end + (ends[-1] if ends else 0)
    return any(span.end <= s <= limit for s in subject_starts)


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
    foreign = any(c not in LOCAL_CODES for c in origin)
    if cue.fate == "returned" and not set(origin) & LOCAL_CODES:
        foreign = True  # going home from Syria/Iraq: they came from elsewhere
    if subject == "fighters" and (foreign or re.search(r"\bforeign", sentence[: cue.start], re.I)):
        subject = "foreign_fighters"
    return subject, tuple(origin)


def _has_anchor(
    sentence: str, cue: FateCue, subjects: list[SubjectMention], count: CountSpan | None
) -> bool:
    """Whether the cue is about the group's people: a subject noun, a count, or the group.

    An attack needs the group or its members by name: plain "people" do not attack.
    """
    if cue.fate == "insurgent":
        return _names_attackers(sentence, cue, subjects)
    if subjects or count is not None or ANCHORED_RE.search(sentence):
        return True
    if cue.fate in GROUP_FATES and find_group_mentions(sentence):
        return True
    groups = find_group_mentions(sentence)
    if cue.fate == "insurgent" and any(
        re.fullmatch(r"\s*", sentence[end : cue.first_start]) for _, end in groups
    ):
        return True  # "ISIS sleeper cells", "Islamic State's attacks"
    blamed = _BLAMED_RE.match(sentence, cue.end)
    if blamed and any(start == blamed.end() for start, _ in groups):
        return True
    return bool(_SINGLE_RE.search(sentence[: cue.start]))


def _names_attackers(sentence: str, cue: FateCue, subjects: list[SubjectMention]) -> bool:
    """Whether an attack cue's agent is the group's members by name ("militants
    kidnapped"), the group right before it ("ISIS sleeper cells", "Islamic State's
    attacks") or after "by" ("attributed to ISIS"), or the cue's own noun ("gunmen");
    plain "people" do not attack."""
    if _INSURGENT_PEOPLE_RE.search(sentence, cue.start, cue.end):
        return True
    named = [m for m in subjects if not GENERIC_RE.fullmatch(sentence[m.start : m.end])]
    before = [m for m in named if m.end <= cue.start]
    if before and not _FATE_VERB_RE.search(sentence, before[-1].end, cue.start):
        return True  # "militants kidnapped", not "evacuate fighters before the attack"
    groups = find_group_mentions(sentence)
    if any(re.fullmatch(r"\s*(?:['’]s\s*)?", sentence[end : cue.first_start]) for _, end in groups):
        return True
    blamed = _BLAMED_RE.match(sentence, cue.end)
    return blamed is not None and any(start == blamed.end() for start, _ in groups)


_FATE_VERB_RE = re.compile(
    r"\b(?:evacuat\w+|arrest\w*|detain\w*|captur\w+|kill\w*|fled|flee\w*|return\w*|surrender\w*"
    r"|releas\w+|deport\w+|repatriat\w+|before|after)\b",
    re.IGNORECASE,
)
"""Words between a member noun and an attack cue that give the noun a verb of its own."""
_PRISONERS_RE = re.compile(r"\b(?:prisoners?|detainees?|inmates|prison|jail)\b", re.IGNORECASE)
_INSURGENT_PEOPLE_RE = re.compile(
    r"\b(?:cells?|gunmen|attackers|assailants|insurgents?|bombers)\b", re.IGNORECASE
)
""""sleeper cells", "gunmen": attack cues that name their people themselves."""


def claim_from_cue(
    sentence: str, cue: FateCue, ctx: SentenceContext, facts: Facts
) -> tuple[Claim, CountSpan | None] | None:
    """The claim a fate cue makes in its sentence and the figure it took, or None when
    the cue is not about members."""
    clause = clause_of(facts.bounds, cue.start)
    if cue.fate not in _INTENT_FATES and _UNREAL_BEFORE_RE.search(sentence, clause[0], cue.start):
        return None
    subjects = [s for s in facts.subjects if clause[0] <= s.start < clause[1]]
    if _about_outsiders(sentence, cue, clause, subjects, facts):
        return None
    count = _count_for(sentence, facts, clause, cue, subjects)
    if count is None and cue.first_start < cue.start:
        first = replace(cue, start=cue.first_start, end=cue.first_end)
        count = _count_for(sentence, facts, clause, first, subjects)
    if not _has_anchor(sentence[clause[0] : clause[1]], _shift(cue, clause[0]), subjects, count):
        return None
    attribution = _attribution_for(cue, clause, ctx)
    located, origins, demonyms = _places_of(sentence, cue, clause, facts, attribution)
    if cue.fate == "returned":
        located, origins = _homeward(located, origins, demonyms)
    codes = _codes(located)
    subject, origin = _subject_and_origin(sentence, cue, subjects, demonyms, codes)
    if cue.fate == "fled" and _PRISONERS_RE.search(
        sentence, max(clause[0], cue.start - 60), cue.end
    ):
        cue = replace(cue, fate="released")  # prisoners who escape are freed, not fleeing
    if cue.fate == "travelled":
        origin = tuple(dict.fromkeys(origin + _codes(origins)))
    low, high = (count.low, count.high) if count else (None, None)
    if count is None and _one_person(sentence, cue, clause, subjects):
        low, high = 1, 1
    shares = [s for s in facts.shares if clause[0] <= s.start < clause[1]]
    window = sentence[max(clause[0], cue.first_start - 70) : min(clause[1], cue.end + 50)]
    time_text, year = facts.time
    verb = sentence[attribution.start : attribution.end] if attribution else None
    claim = Claim(
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
        polarity=polarity_of(window, cue.start - max(clause[0], cue.first_start - 70)),
    )
    return claim, count


_UNREAL_BEFORE_RE = re.compile(
    r"\b(?:will\s+try\s+to|going\s+to|can|want(?:s|ed)?\s+to|plan(?:s|ned)?\s+to"
    r"|intend(?:s|ed)?\s+to|threaten(?:s|ed)?\s+to|reluctant\s+to|not\s+known\s+to"
    r"|should\s+be|must\s+be|would\s+have\s+to\s+be|calls?\s+for|slow\s+to|allow(?:ed)?|willing\s+to"
    r"|upon|make|makes|made)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
"""A cue in what someone will, might or tries to do is no claim about what happened
("its fighters will try to blend into the population")."""
_INTENT_FATES = frozenset({"deserted"})


def _one_person(
    sentence: str, cue: FateCue, clause: tuple[int, int], subjects: list[SubjectMention]
) -> bool:
    """Whether the claim is about one person: "he", "she", or "a (Turkish) woman" nearest
    the cue."""
    if not subjects:
        return _SINGLE_RE.search(sentence[clause[0] : cue.start]) is not None
    before = [m for m in subjects if m.end <= cue.start]
    nearest = before[-1] if before else subjects[0]
    words = sentence[nearest.start : nearest.end]
    return _SINGULAR_RE.match(words) is not None


_SINGULAR_RE = re.compile(
    r"(?i:a|an|the|one|another|his|her)\s+(?:[\w-]+\s+)?(?:(?i:man|woman|widow|wife|mother|girl"
    r"|boy|child|member|fighter|militant|jihadist|suspect|operative|returnee|recruit|father"
    r"|husband|son|brother)|[A-Z][a-z]+(?:an|ian|ese|ish|i))$"
)


def _about_outsiders(
    sentence: str,
    cue: FateCue,
    clause: tuple[int, int],
    subjects: list[SubjectMention],
    facts: Facts,
) -> bool:
    """Whether the cue is about people who are never members: the people noun nearest
    it is an outsider ("civilians were killed"), or its dead are an attack's victims."""
    if cue.fate == "killed" and _ATTACK_BEFORE_RE.search(sentence, clause[0], cue.start):
        return True
    toll = cue.fate == "killed" and _LEFT_DEAD_RE.search(sentence, clause[0], cue.start)
    if toll and not any(
        toll.start() <= m.start and not GENERIC_RE.fullmatch(sentence[m.start : m.end])
        for m in subjects
    ):
        return True  # "a battle that left tens of thousands of people dead": a toll
    outsiders = [o for o in facts.outsiders if clause[0] <= o.start < clause[1]]
    if not outsiders:
        return False
    people = sorted([*subjects, *outsiders], key=lambda m: m.start)
    before = [m for m in people if m.end <= cue.start]
    after = [m for m in people if cue.end <= m.start <= cue.end + 40]
    passive = _PASSIVE_BEFORE_RE.search(sentence, max(clause[0], cue.start - 25), cue.start)
    if after and not passive and after[0] not in outsiders:
        return False  # "residents ... have smuggled ISIS members": the object is the patient
    nearest = before[-1] if before else (after[0] if after else None)
    return nearest is not None and nearest in outsiders


_PASSIVE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
_ATTACK_BEFORE_RE = re.compile(
    r"\b(?:attack(?:s|ed)?|shooting|bombings?|blasts?|explosions?|massacres?|assaults?|sprees?"
    r"|gunmen|assailants)\b",
    re.IGNORECASE,
)
""""gunmen attacked a church, killing one": the dead of an attack are its victims."""
_LEFT_DEAD_RE = re.compile(r"\bleft\s+(?:[\w,-]+\s+){0,6}$", re.IGNORECASE)


def _shift(cue: FateCue, offset: int) -> FateCue:
    """The cue with offsets relative to a clause starting at `offset`."""
    return replace(
        cue,
        start=cue.start - offset,
        end=cue.end - offset,
        first_start=cue.first_start - offset,
        first_end=cue.first_end - offset,
    )


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
    earlier = [b for b in facts.bounds if b[1] <= clause[0]]
    if not earlier:
        return []
    located, _, _ = split_places(sentence, facts.places, earlier[-1])
    return located


def _homeward(
    located: list[PlaceMention], origins: list[PlaceMention], demonyms: list[PlaceMention]
) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """Places of a return: the war zone it names is where they came back from ("repatriated
    51 women from camps in Syria"), unless they are its own people ("Iraqi families")."""
    own = {c for d in demonyms for c in d.codes}
    zone = [p for p in located if set(p.codes) <= LOCAL_CODES and not set(p.codes) & own]
    if not zone:
        return located, origins
    return [p for p in located if p not in zone], origins + [p for p in zone if p not in origins]


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
    for cue in _last_cue_per_clause(facts):
        key = (cue.fate, clause_of(facts.bounds, cue.start))
        if key in seen:
            continue
        made = claim_from_cue(sentence, cue, ctx, facts)
        if made is None:
            continue
        seen.add(key)
        claim, count = made
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

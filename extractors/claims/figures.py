"""How many: the figure a fate cue takes from its clause.

A figure counts the cue's people when it is their subject ("hundreds then left"), the
verb's object ("arrested more than 200 suspects"), or names them ("500 foreign
fighters"); not the size of each cell, the base of a share, an attack's victims, or "the
rest". Without a figure, one named person ("a Turkish woman", "he") counts one.
"""

from __future__ import annotations

import re

from extractors.claims.counts import CountSpan
from extractors.claims.facts import Facts
from extractors.claims.fates import FateCue
from extractors.claims.grounding import ATTACKER_NOUNS_RE, SINGLE_PERSON_RE
from extractors.claims.people import GENERIC_RE, GROUP_RE, SubjectMention

_COUNT_AS_SUBJECT_RE = re.compile(
    r"^[\s,]*(?:(?:maybe|perhaps|possibly|or|and|more|then|also|have|had|has|were|are|been|of|whom"
    r"|(?:thought|believed|said|reported|estimated|known|understood)\s+to"
    r"|\w+\s+(?:often\s+|also\s+)?(?:said|say|says|claimed|claim|reported|estimated|believe[sd]?))"
    r"\b[\s,]*)*$",
    re.IGNORECASE,
)

_COUNT_AFTER_RE = re.compile(
    r"\b(?:be|been|is|are|was|were|numbered?|totals?|totalled|reached|at)\s+(?:(?!and\b)\w+\s+){0,2}$",
    re.IGNORECASE,
)

_OF_PEOPLE_RE = re.compile(r"^\s+(?:more\s+|other\s+|of\s+|[\w'’-]+\s+of\s+)", re.IGNORECASE)

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


def figure_for(
    sentence: str,
    facts: Facts,
    clause: tuple[int, int],
    cue: FateCue,
    subjects: list[SubjectMention],
) -> CountSpan | None:
    """The figure that counts the cue's people, or None."""
    whole = _whole_figure(sentence, facts, clause, cue, subjects)
    return _part_of(sentence, whole, facts) if whole is not None else None


_PART_BEFORE_RE = re.compile(
    r"\b(?P<one>one)?\s*of\s+(?:the|these|those|its|their|our)\s+$", re.IGNORECASE
)


def _part_of(sentence: str, whole: CountSpan, facts: Facts) -> CountSpan:
    """The part a figure's people are taken from: "one of the 27 minors" is one."""
    part = _PART_BEFORE_RE.search(sentence, max(0, whole.start - 30), whole.start)
    if part is None:
        return whole
    if part["one"]:
        return CountSpan(part.start(), whole.end, 1, 1, False)
    before = [c for c in facts.counts if c.end <= part.start() and part.start() - c.end <= 1]
    return before[-1] if before else whole


def _whole_figure(
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
    shared = any(clause[0] <= s.start < clause[1] for s in facts.shares)
    if shared:  # "Of 900 who went, 20 per cent were killed": 900 is the base, not the dead
        spans = [
            c
            for c in spans
            if not _BASE_BEFORE_RE.search(sentence, clause[0], c.start)
            or _RELATIVE_TO_CUE_RE.fullmatch(sentence, c.end, cue.start)
        ]  # but "of 900 who went": the base is what its own relative clause counts
    for span in spans:
        if span.start < cue.end and span.end > cue.start and not span.vague:
            return span  # "there are between 4,000 and 6,500 members": the cue holds it
    for span in spans:
        if _is_object(sentence, cue, span, starts):
            return span  # "arrested more than 200 suspects": the verb's object
    for span in reversed([c for c in spans if c.start < cue.end and c.end <= cue.end]):
        gap = sentence[span.end : max(span.end, cue.start)]
        if _REST_RE.search(gap):
            return None  # "92 were arrested and the rest were killed": the rest is uncounted
        if cue.fate != "insurgent" and _COUNT_AS_SUBJECT_RE.match(gap):
            return span  # "hundreds then left", "dozens of arrests"; not "100 bombings"
        if GROUP_RE.fullmatch(gap.strip()):
            return span  # "at least 9 ISWAP surrendered": the group's own men
        if span.high == 0 and _NONE_OF_RE.fullmatch(gap):
            return span  # "no further repatriation has happened": none
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


def counts_the_attackers(sentence: str, count: CountSpan, cue: FateCue) -> bool:
    """Whether a figure counts an attack's own people: right before the attack or its
    agents ("two gunmen attacked", "40 militants stormed"), not its victims or targets."""
    start = min(cue.start, cue.first_start)  # "500 members are still active in sleeper cells"
    return (
        count.end <= start
        and start - count.end <= 30
        and (
            ATTACKER_NOUNS_RE.search(sentence, count.end, cue.end) is not None
            or GENERIC_RE.search(sentence, count.end, start) is None
        )
    )


_NONE_OF_RE = re.compile(r"\s+(?:(?:other|further|new|more|such|recent)\s+)?", re.IGNORECASE)
_BASE_BEFORE_RE = re.compile(r"\bof\s+(?:the\s+)?$", re.IGNORECASE)
_RELATIVE_TO_CUE_RE = re.compile(r"\s+(?:[\w-]+\s+){0,3}(?:(?:who|that)\s+(?:had\s+|have\s+)?)?")


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
    ends = _word_ends_past_group_names(sentence, span.end)[:3]
    limit = ends[-1] if ends else span.end
    return any(span.end <= s <= limit for s in subject_starts)


_NATIONALITY_LIST_RE = re.compile(
    r"(?:\s+[A-Z][a-z]+,)+(?:\s+[A-Z][a-z]+)?\s+(?:and|or)(?=\s+[A-Z])"
)


def _word_ends_past_group_names(sentence: str, pos: int) -> list[int]:
    """Where the next few words after `pos` end, not counting the group's names, which
    only modify the noun ("30 foreign Islamic State (IS) recruits")."""
    window = sentence[pos : pos + 80]
    names = [m.span() for m in GROUP_RE.finditer(window)]
    ends = [
        pos + m.end()
        for m in re.finditer(r"\S+", window)
        if not any(a <= m.start() + (m.group().startswith("(")) < b for a, b in names)
    ]
    listed = _NATIONALITY_LIST_RE.match(window)  # "500 Tajik, Uzbek and Kyrgyz fighters"
    return [e for e in ends if e > pos + listed.end()] if listed else ends


def how_many(
    sentence: str,
    count: CountSpan | None,
    cue: FateCue,
    clause: tuple[int, int],
    subjects: list[SubjectMention],
) -> tuple[int | None, int | None]:
    """The interval of people a claim counts: its figure, plus the person whose relatives
    it counts ("a woman and her four children" are five); without a figure, a person and a
    relative ("he and his mother") or one person."""
    if count is not None:
        low, high = count.low, count.high
        if low is not None and _COMPANIONS_BEFORE_RE.search(
            sentence, max(clause[0], count.start - 30), count.start
        ):
            return low + 1, None if high is None else high + 1
        return low, high
    if _PAIR_RE.search(sentence, clause[0], cue.start):
        return 2, 2
    if one_person(sentence, cue, clause, subjects):
        return 1, 1
    return None, None


_COMPANIONS_BEFORE_RE = re.compile(r"\b(?:and|with)\s+(?:her|his)\s+$", re.IGNORECASE)
_PAIR_RE = re.compile(
    r"\b(?:he|she|[A-Z][\w'’-]+),?\s+and\s+(?:his|her)\s+(?:mother|father|wife|husband|son"
    r"|daughter|brother|sister|child|baby)\b"
)
_ONE_NAMED_RE = re.compile(
    r"\W*(?:(?:\d+-year-old\s+)?(?!(?:in|on|at|by|for|from|after|before|since|during|last|this|but"
    r"|and|however|meanwhile|earlier|later)\b)"
    r"(?-i:[A-Z][\w'’-]+\s+){1,3}(?-i:[A-Z][\w'’-]+),\s+(?:\d{1,2},|an?\s|the\s)"
    r"|one\s+of\s+(?:them|the\s+\w+)\b)",
    re.IGNORECASE,
)
""""Omar H., 41, the head of ...", "One of them": one person opens the clause."""


def one_person(
    sentence: str, cue: FateCue, clause: tuple[int, int], subjects: list[SubjectMention]
) -> bool:
    """Whether the claim is about one person: "he", "she", or "a (Turkish) woman" nearest
    the cue, or a named person or "one of them" opening its clause."""
    if _ONE_NAMED_RE.match(sentence, clause[0]):
        return True
    if _PRONOUN_BEFORE_RE.search(sentence, max(clause[0], cue.start - 40), cue.start):
        return True  # "he was later killed in front of their sons"
    if not subjects:
        return SINGLE_PERSON_RE.search(sentence[clause[0] : cue.start]) is not None
    before = [m for m in subjects if m.end <= cue.start]
    nearest = before[-1] if before else subjects[0]
    words = sentence[nearest.start : nearest.end]
    return _SINGULAR_RE.match(words) is not None


_PRONOUN_BEFORE_RE = re.compile(
    r"\b(?:he|she)\s+(?:\w+\s+){0,2}(?:was|is|had\s+been|has\s+been)\s+(?:\w+ly\s+)?$", re.I
)
_SINGULAR_RE = re.compile(
    r"(?i:s?he)$|(?:(?i:a|an|the|one|another|his|her)|[A-Z][\w-]+['’]s)\s+(?:[\w-]+\s+){0,2}"
    r"(?:(?i:man|woman|widow|wife|mother|girl"
    r"|boy|child|member|fighter|militant|jihadist|suspect|operative|returnee|recruit|father"
    r"|husband|son|brother)|[A-Z][a-z]+(?:an|ian|ese|ish|i))$"
)

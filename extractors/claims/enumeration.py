"""Several counted groups under one fate: one claim each.

"12 women and 27 minors were repatriated", "1,300 coming from Chad, 900 from
Turkey", "231 citizens, including 156 children": each figure that counts people of its
own (a people noun or a "from <place>" after it) is its own claim, with its own subject
and origin, sharing the fate, source and time of the claim its clause made first.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import cast

from extractors.claims.counts import CountSpan
from extractors.claims.facts import Facts
from extractors.claims.people import SubjectMention
from extractors.types import Claim, Subject

_AGE_BEFORE_RE = re.compile(r"\b(?:aged?|ages|age\s+of|between\s+the\s+ages\s+of)\s*$", re.I)
_IN_REGION_RE = re.compile(r",\s+in\s+(?:the\s+)?")
_PART_AFTER_RE = re.compile(r"\s+of\s+(?:them|whom|these|those)\b", re.I)
_FROM_AFTER_RE = re.compile(r"\s+(?:\w+\s+)?(?:coming\s+|came\s+)?from\s+(?:the\s+)?$", re.I)
_WITH_AFTER_PLACE_RE = re.compile(r"(?:\s+[a-z]+){0,2},?\s+with\s+")
_GAP_RE = re.compile(r"^[\s\w’'\[\]-]{0,25}$")


def enumerated_claims(
    sentence: str, claim: Claim, clause: tuple[int, int], chosen: CountSpan | None, facts: Facts
) -> list[Claim]:
    """The claim, then one more per other counted group listed with its figure, and one
    per earlier figure it updates."""
    listed = _listed_with(sentence, chosen, facts) if chosen is not None else []
    own = counted_group(sentence, chosen, facts) if listed and chosen is not None else None
    if own is not None and own[1]:
        claim = replace(claim, origin=own[1])  # "300 from A, 200 from B": A is the 300's alone
    out = [claim]
    earlier = [
        span
        for span in facts.counts
        if span not in listed
        and span != chosen
        and _EARLIER_FIGURE_RE.search(sentence, max(0, span.start - 60), span.start)
    ]
    for span in listed:
        if span.vague or not clause[0] <= span.start < clause[1]:
            continue
        if _AGE_BEFORE_RE.search(sentence, max(0, span.start - 25), span.start):
            continue
        if _PART_AFTER_RE.match(sentence, span.end):
            continue  # "including 156 children, 18 of them orphans": counted already
        if _nearest_fate(sentence, span, facts) != claim.fate:
            continue  # "156 were detained, 61 returned": each figure has its own verb
        group = counted_group(sentence, span, facts)
        if group is None:
            continue
        subject, origin = group
        out.append(
            replace(
                claim,
                count_low=span.low,
                count_high=span.high,
                subject=cast(Subject, subject) if subject else claim.subject,
                origin=origin or claim.origin,
            )
        )
    out.extend(replace(claim, count_low=s.low, count_high=s.high) for s in earlier)
    return out


def _listed_with(sentence: str, chosen: CountSpan, facts: Facts) -> list[CountSpan]:
    """Figures in a list with `chosen`: each within a short stretch of the one before,
    joined by a comma, "and", "including", "as well as" ("12 women, ages 19 to 41, and 27
    minors"), not a figure elsewhere in the sentence with its own verb."""
    ordered = sorted(facts.counts, key=lambda c: c.start)
    at = next((i for i, c in enumerate(ordered) if c.start == chosen.start), None)
    if at is None:
        return []  # "one of the 35": a part, listed with nothing
    chain: list[CountSpan] = []
    for step in (-1, 1):
        last = chosen
        i = at + step
        while 0 <= i < len(ordered):
            span = ordered[i]
            left, right = (span, last) if step < 0 else (last, span)
            noun = _noun_after(sentence, left.end, facts.subjects)
            gap_start = noun.end if noun is not None and noun.end < right.start else left.end
            gap = right.start - gap_start
            if not _LIST_JOIN_RE.search(sentence, gap_start, right.start) or (
                gap > _LIST_GAP
                and not (gap <= _LONG_LIST_GAP and _more_of_the_same(sentence, right))
            ):
                break
            chain.append(span)
            last = span
            i += step
    return chain


def _more_of_the_same(sentence: str, span: CountSpan) -> bool:
    """ "... and hundreds more in smaller jails", "along with nine suspected fighters": a
    figure that adds to the list however far it stands from the figure before."""
    return bool(
        _MORE_AFTER_RE.match(sentence, span.end)
        or _ALONG_WITH_BEFORE_RE.search(sentence, max(0, span.start - 25), span.start)
    )


_MORE_AFTER_RE = re.compile(r"\s+more\b", re.IGNORECASE)
_ALONG_WITH_BEFORE_RE = re.compile(r"\b(?:along|together)\s+with\s+$|\bas\s+well\s+as\s+$", re.I)
_LONG_LIST_GAP = 120
_EARLIER_FIGURE_RE = re.compile(
    r"\b(?:up|down)\s+from\s+(?:(?:an?|the)\s+)?(?:(?:earlier|previous|initial|prior)\s+)?"
    r"(?:estimates?|figures?|counts?|tally)?\s*(?:of\s+)?$",
    re.IGNORECASE,
)
""""up from earlier estimates of between 2,000 and 3,000": the figure it replaces."""
_LIST_GAP = 45
_LIST_JOIN_RE = re.compile(
    r",|\band\b|\bincluding\b|\bas well as\b|\bplus\b|\balong\s+with\b|\btogether\s+with\b|[–—]",
    re.I,
)


_OWN_VERB_GAP_RE = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:(?:have|has|had|were|was)\s+)?(?:been\s+)?"
)


def _nearest_fate(sentence: str, span: CountSpan, facts: Facts) -> str | None:
    """The fate of the cue nearest a figure: the verb it is the subject or object of."""
    if not facts.cues:
        return None
    governing = [
        c for c in facts.cues if c.end <= span.start and not sentence[c.end : span.start].strip()
    ]
    if governing:
        return governing[-1].fate  # "killed 62 militants and arrested 200": the verb's object
    own = [
        c
        for c in facts.cues
        if c.start >= span.end and _OWN_VERB_GAP_RE.fullmatch(sentence, span.end, c.start)
    ]
    if own:
        return own[0].fate  # "61 people returned": the verb right after its subject
    nearest = min(
        facts.cues,
        key=lambda c: c.start - span.end if c.start >= span.end else 2 * (span.start - c.end),
    )
    return nearest.fate


def counted_group(
    sentence: str, span: CountSpan, facts: Facts
) -> tuple[str | None, tuple[str, ...]] | None:
    """(subject, origin) of the people a figure counts, or None when it counts no one."""
    noun = _noun_after(sentence, span.end, facts.subjects)
    if noun is None and _MORE_AFTER_RE.match(sentence, span.end):
        return None, ()  # "hundreds more": more of the people just counted
    if noun is not None:
        origin = tuple(
            code
            for p in facts.places
            if p.kind == "demonym" and span.end <= p.start < noun.start
            for code in p.codes
        )
        return noun.subject, origin
    for place in facts.places:
        if place.kind != "place" or not span.end < place.start <= span.end + 30:
            continue
        if _FROM_AFTER_RE.fullmatch(sentence, span.end, place.start):
            region = [
                p for p in facts.places if _IN_REGION_RE.fullmatch(sentence, place.end, p.start)
            ]  # "800 came from Algeria, in North Africa"
            return None, tuple(dict.fromkeys(place.codes + (region[0].codes if region else ())))
    for place in facts.places:
        if (
            place.kind == "place"
            and 0 < span.start - place.end <= 30
            and _WITH_AFTER_PLACE_RE.fullmatch(sentence, place.end, span.start)
        ):
            return None, place.codes  # a ranking: "next comes Freedonia, with 900"
    return None


def _noun_after(
    sentence: str, end: int, subjects: tuple[SubjectMention, ...]
) -> SubjectMention | None:
    """The people noun heading the figure ("27 minors", "140 Tunisian women")."""
    for mention in subjects:
        if mention.start < end:
            continue
        if (
            _GAP_RE.match(sentence[end : mention.start])
            and len(sentence[end : mention.start].split()) <= 2
        ):
            return mention
        return None
    return None

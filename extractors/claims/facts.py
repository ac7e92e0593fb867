"""What a sentence holds, found once and shared by all its fate cues."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.claims.counts import CountSpan, ShareSpan, find_counts, find_shares
from extractors.claims.fates import FateCue
from extractors.claims.people import SubjectMention, find_outsiders, find_subjects
from extractors.claims.places import PlaceMention, find_places
from extractors.claims.sources import Attribution
from extractors.claims.times import find_times
from extractors.types import Subject

_CLAUSE_RE = re.compile(
    r";|,?\s+(?:but|while|whereas)\s+|,\s+(?:although|though)\s+"
    r"|,\s+(?:far|much)\s+(?:less|fewer|more)\s+than\s+"
)
_EMBEDDED_START = (
    r"(?:[\w-]+\s+){1,3}of\s+(?:whom|which)\b"
    r"|(?:the\s+)?(?:rest|remainder|others|other\s+\w+)\b"
    r"|\d[\d,]*\s+(?:\w+\s+)?(?:sent|held|taken|moved|transferred|killed|detained|released)\b"
)
_EMBEDDED_RE = re.compile(
    r",\s+(?=(?:[\w-]+\s+){1,3}of\s+(?:whom|which)\b)"
    rf"|,?\s+(?:with|and)\s+(?={_EMBEDDED_START})"
)
"""Where a clause inside a clause starts: a partitive relative ("40 men, at least 9 of
whom were detained"), an absolute "with the rest held in ...", or "and the other eight
were ..."; each has its own fate and figure.
The main clause resumes after it at a verb (", would be deported")."""
_RESUME_SPLIT_RE = re.compile(r",\s+(?=(?:would|will|were|was|are|is|had|have|has)\s)")
_EMBEDDED_START_RE = re.compile(_EMBEDDED_START, re.IGNORECASE)
_EMBEDDED_KEYS = ("whom", "which", "rest", "remainder", "other", "with")
_RESUMED_RE = re.compile(r"(?:would|will|were|was|are|is|had|have|has)\s")


def head_clause(
    sentence: str, bounds: tuple[tuple[int, int], ...], clause: tuple[int, int]
) -> tuple[int, int] | None:
    """For a main clause resumed after embedded ones (", would be deported"), the clause
    that holds its subject ("40 foreign recruits"); None for any other clause."""
    if not _RESUMED_RE.match(sentence, clause[0]) or clause not in bounds:
        return None
    before = bounds[: bounds.index(clause)]
    for skipped, (start, end) in enumerate(reversed(before)):
        if not _EMBEDDED_START_RE.match(sentence, start):
            return (start, end) if skipped else None
    return None


LOCAL_CODES = frozenset({"SY", "IQ"})
_GROUP_NAME_RE = re.compile(
    r"Islamic\s+State\s+(?:in|of)\s+Iraq\s+and\s+(?:Syria|the\s+Levant|(?:al-)?Sham)"
    r"|Islamic\s+State\s+(?:in\s+|of\s+)?(?:the\s+)?(?:[A-Z][\w-]+\s+){1,2}Province",
)
""""Islamic State of Iraq and the Levant", "Islamic State West Africa Province": the places in
the group's own names are not where its people are."""


def _in_group_name(sentence: str, place: PlaceMention) -> bool:
    return any(m.start() <= place.start < m.end() for m in _GROUP_NAME_RE.finditer(sentence))


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
    outsiders: tuple[SubjectMention, ...]
    """People who are never the subject ("civilians"), where the sentence names them."""
    bounds: tuple[tuple[int, int], ...]
    """Clauses, down to embedded ones: each has its own fate and figure."""
    contrasts: tuple[tuple[int, int], ...]
    """Clauses set against each other ("while ...", "but ..."), each maybe its own source."""
    shares: tuple[ShareSpan, ...]
    times: tuple[tuple[int, str, int | None], ...]
    """Time expressions: (where each starts, its words, its year)."""


def sentence_facts(sentence: str, cues: list[FateCue], published: date | None) -> Facts:
    """Cues, counts, places, subject nouns and clauses of a sentence."""
    places = tuple(p for p in find_places(sentence) if not _in_group_name(sentence, p))
    outsiders = find_outsiders(sentence)
    subjects = [
        s
        for s in find_subjects(sentence)
        if not any(o.start <= s.start < o.end or s.start <= o.start < s.end for o in outsiders)
    ]
    for place in places:
        if place.kind == "demonym" and place.name.endswith("s") and not place.name.endswith("ss"):
            subject: Subject = "fighters" if set(place.codes) <= LOCAL_CODES else "foreign_fighters"
            subjects.append(SubjectMention(subject, place.start, place.end))
    return Facts(
        cues=tuple(cues),
        counts=tuple(find_counts(sentence)),
        places=places,
        subjects=tuple(sorted(subjects, key=lambda s: s.start)),
        outsiders=tuple(outsiders),
        bounds=tuple(clause_bounds(sentence, embedded=True)),
        contrasts=tuple(clause_bounds(sentence)),
        shares=tuple(find_shares(sentence)),
        times=tuple(find_times(sentence, published)),
    )


def clause_bounds(sentence: str, embedded: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each clause: split at ";" and at contrast words, and with
    `embedded` also where a partitive relative or an absolute "with" clause starts."""
    bounds, start = [], 0
    inner: list[re.Match[str]] = []
    if embedded and any(key in sentence for key in _EMBEDDED_KEYS):
        inner = [*_EMBEDDED_RE.finditer(sentence), *_RESUME_SPLIT_RE.finditer(sentence)]
    splits = sorted([*_CLAUSE_RE.finditer(sentence), *inner], key=_start)
    inside = False
    for m in splits:
        resumes = m.re is _RESUME_SPLIT_RE
        if m.start() < start or (resumes and not inside):
            continue
        inside = m.re is _EMBEDDED_RE
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(sentence)))
    return bounds


def _start(match: re.Match[str]) -> int:
    return match.start()


def clause_of(bounds: tuple[tuple[int, int], ...], pos: int) -> tuple[int, int]:
    return next((b for b in bounds if b[0] <= pos < b[1]), bounds[-1])

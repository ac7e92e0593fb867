"""Who a sentence names: the group's people by kind (fighters, families, leaders, ...),
people who are never its members (civilians, troops), the group itself and its rivals;
and whether a text is about the group at all.

The vocabularies are the people sections of `lexicon/fates.toml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from extractors.claims.vocab import compile_phrases, load_toml, require
from extractors.types import Subject

_LEX = load_toml("fates.toml")
SUBJECT_PATTERNS: tuple[tuple[Subject, re.Pattern[str]], ...] = tuple(
    (cast(Subject, subject), compile_phrases(subject, nouns))
    for subject, nouns in _LEX["subjects"].items()
)
require("subjects", SUBJECT_PATTERNS)
GENERIC_RE = compile_phrases("generic.nouns", _LEX["generic"]["nouns"])
RIVALS_RE = compile_phrases("rivals.names", _LEX["rivals"]["names"], flags=0)
OUTSIDERS_RE = compile_phrases("outsiders.nouns", _LEX["outsiders"]["nouns"])
GROUP_RE = compile_phrases("group.names", _LEX["group"]["names"], flags=0)
TOPIC_RE = compile_phrases("group.topic", _LEX["group"]["topic"], flags=0, prefix=True)
JIHADISTS_RE = compile_phrases("group.jihadists", _LEX["group"]["jihadists"], flags=0)
GROUP_FATES: frozenset[str] = frozenset(_LEX["group"]["fates"])
require("group.fates", GROUP_FATES)
ANCHORED_RE = compile_phrases("anchored", _LEX["anchored"]["cues"])


@dataclass(frozen=True)
class SubjectMention:
    """A noun naming the people a claim could be about."""

    subject: Subject
    start: int
    end: int


NOT_MEMBERS_RE = re.compile(
    r"\b(?:" + "|".join(_LEX["not_members"]["before"]) + r")(?:['’]s)?\s+$", re.IGNORECASE
)
require("not_members", _LEX["not_members"]["before"])


_INCLUDED_IN_OUTSIDERS_RE = re.compile(
    rf"(?:{OUTSIDERS_RE.pattern})\s+(?:including|among\s+them|such\s+as)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


def find_subjects(sentence: str) -> list[SubjectMention]:
    """Subject nouns left to right; where two overlap, the earlier kind in the lexicon wins.

    Nouns qualified as someone else's ("guard members", "SDF fighters") are left out.
    """
    found: list[SubjectMention] = []
    for subject, pattern in SUBJECT_PATTERNS:
        for m in pattern.finditer(sentence):
            if NOT_MEMBERS_RE.search(sentence[max(0, m.start() - 30) : m.start()]):
                continue
            if _INCLUDED_IN_OUTSIDERS_RE.search(sentence[max(0, m.start() - 40) : m.start()]):
                continue  # "civilians including Iraqi nationals": they are civilians too
            if all(m.end() <= f.start or m.start() >= f.end for f in found):
                found.append(SubjectMention(subject, m.start(), m.end()))
    return sorted(found, key=lambda s: s.start)


def find_outsiders(sentence: str) -> list[SubjectMention]:
    """People who are never a claim's subject ("civilians", "troops"), as mentions of
    their own so that a cue nearest to them is about them; unless a relative clause makes
    them the group's ("residents of the EU who flocked to Syria")."""
    return [
        SubjectMention("fighters", m.start(), m.end())
        for m in OUTSIDERS_RE.finditer(sentence)
        if not _JOINED_AFTER_RE.match(sentence, m.end())
    ]


_JOINED_AFTER_RE = re.compile(
    r"[^.;]{0,40}?\bwho\s+(?:had\s+|have\s+)?(?:joined|flocked|travell?ed|went|left)\b",
    re.IGNORECASE,
)


def find_group_mentions(sentence: str) -> list[tuple[int, int]]:
    """Where the group itself is named ("ISIS", "Islamic State", "the group")."""
    return [m.span() for m in GROUP_RE.finditer(sentence)]


def is_on_topic(text: str) -> bool:
    """Whether a text is about the group: names it unambiguously, or names jihadists and
    no rival group."""
    if TOPIC_RE.search(text) is not None:
        return True
    return JIHADISTS_RE.search(text) is not None and RIVALS_RE.search(text) is None


_OF_RE = re.compile(
    r"\s+(?:of|linked\s+to|related\s+to|associated\s+with)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$"
)


def subject_for(sentence: str, mentions: list[SubjectMention], cue_end: int) -> Subject:
    """The subject heading the claim: the mention nearest before the cue, else after it.

    "fighters and their families" is about the fighters; "fighters' families" and
    "wives of fighters" about families.
    """
    before = [m for m in mentions if m.start < cue_end]
    after = (m for m in mentions if cue_end <= m.start <= cue_end + 40)
    chosen = before[-1] if before else next(after, None)
    if chosen is None:
        return "fighters"
    while len(before) >= 2 and chosen is before[-1]:
        head = before[-2]
        if not _OF_RE.fullmatch(sentence[head.end : chosen.start]):
            break
        chosen = head
        before = before[:-1]
    if chosen.subject == "families" and len(before) >= 2:
        between = sentence[before[-2].end : chosen.start].lower()
        if re.fullmatch(r"\s*(?:and|with|along with)\s+(?:their|his|its)\s*", between):
            chosen = before[-2]
    return chosen.subject

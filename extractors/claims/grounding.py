"""Whom a fate cue is about: the group's people, or someone else, or no one yet.

A cue makes no claim when it tells what people will, want or are urged to do; when its
clause is about a rival group's people, or about outsiders (civilians, troops, an
attack's victims; though members who kill outsiders carry out an attack); when nothing
in its clause names the group's people (a member noun, a figure, the group); or when it
is a bare prisoner noun without a figure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.claims.counts import CountSpan
from extractors.claims.facts import Facts
from extractors.claims.fates import FateCue
from extractors.claims.people import (
    ANCHORED_RE,
    GENERIC_RE,
    GROUP_FATES,
    RIVALS_RE,
    SubjectMention,
    find_group_mentions,
)

SINGLE_PERSON_RE = re.compile(r"\b(?:he|she)\b[^,;]{0,60}$", re.IGNORECASE)
""""he was later killed": one person, named by a pronoun before the cue."""


def is_unreal(sentence: str, cue: FateCue, clause: tuple[int, int]) -> bool:
    """Whether the cue tells what someone will, wants or is urged to do, not what happened."""
    if cue.fate != "detained" and _AWAITING_RE.search(sentence, clause[0], cue.start):
        return True  # "women held in camps are awaiting repatriation"; held, not yet home
    return cue.fate not in _INTENT_FATES and (
        _UNREAL_BEFORE_RE.search(sentence, clause[0], cue.start) is not None
    )


def is_about_members(
    sentence: str,
    cue: FateCue,
    clause: tuple[int, int],
    subjects: list[SubjectMention],
    count: CountSpan | None,
) -> bool:
    """Whether the clause names the cue's people as the group's: a member noun, a figure,
    the group itself; a bare prisoner noun needs its figure."""
    if not _has_anchor(sentence[clause[0] : clause[1]], _shift(cue, clause[0]), subjects, count):
        return False
    held_noun = _HELD_NOUN_RE.fullmatch(sentence, cue.start, cue.end)
    return not (held_noun and (count is None or count.vague))


_BLAMED_RE = re.compile(
    r"\s+(?:attributed\s+to|claimed\s+by|carried\s+out\s+by|blamed\s+on)\s+(?:the\s+)?",
    re.IGNORECASE,
)


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
    groups = find_group_mentions(sentence)
    if cue.fate in GROUP_FATES and groups:
        return True
    blamed = _BLAMED_RE.match(sentence, cue.end)
    if blamed and any(start == blamed.end() for start, _ in groups):
        return True
    return bool(SINGLE_PERSON_RE.search(sentence[: cue.start]))


def _names_attackers(sentence: str, cue: FateCue, subjects: list[SubjectMention]) -> bool:
    """Whether an attack cue's agent is the group's members by name ("militants
    kidnapped"), the group right before it ("ISIS sleeper cells", "Islamic State's
    attacks") or after "by" ("attributed to ISIS"), or the cue's own noun ("gunmen");
    plain "people" do not attack."""
    if ATTACKER_NOUNS_RE.search(sentence, min(cue.start, cue.first_start), cue.end):
        return True
    named = [m for m in subjects if not GENERIC_RE.fullmatch(sentence[m.start : m.end])]
    before = [m for m in named if m.end <= cue.start]
    if before and not _FATE_VERB_RE.search(sentence, before[-1].end, cue.start):
        return True  # "militants kidnapped", not "evacuate fighters before the attack"
    if _STATE_OF_WAR_RE.fullmatch(sentence, cue.start, cue.end):
        return False  # "an insurgency against the government": a name for the war itself
    groups = find_group_mentions(sentence)
    if any(re.fullmatch(r"\s*(?:['’]s\s*)?", sentence[end : cue.first_start]) for _, end in groups):
        return True
    if any(
        end <= cue.start and _GROUP_AS_AGENT_RE.fullmatch(sentence, end, cue.first_start)
        for _, end in groups
    ):
        return True  # "IS claimed credit for the attacks", "ISWAP had launched attacks"
    blamed = _BLAMED_RE.match(sentence, cue.end)
    if blamed is not None and any(start == blamed.end() for start, _ in groups):
        return True
    beside = _ALONGSIDE_RE.search(sentence, cue.end, cue.end + 60)
    return beside is not None and any(
        start == beside.end() for start in [s.start for s in named] + [g for g, _ in groups]
    )  # "took part in fighting against the army alongside the jihadists"


_ALONGSIDE_RE = re.compile(r"\b(?:alongside|with|for)\s+(?:the\s+)?", re.IGNORECASE)
_GROUP_AS_AGENT_RE = re.compile(
    r"\s+(?:has|have|had|is|was|also|still|again|now|continues\s+to|continued\s+to|\s)*"
    r"(?:claimed\s+(?:credit|responsibility)\s+for\s+|launched\s+|carried\s+out\s+|staged\s+"
    r"|conducted\s+|mounted\s+)?(?:several\s+|a\s+series\s+of\s+|the\s+|an?\s+|[\w-]+\s+){0,2}",
    re.IGNORECASE,
)
"""The group as the subject of an attack verb or noun a few words on."""

_FATE_VERB_RE = re.compile(
    r"\b(?:evacuat\w+|arrest\w*|detain\w*|captur\w+|kill\w*|fled|flee\w*|return\w*|surrender\w*"
    r"|releas\w+|deport\w+|repatriat\w+|before|after)\b",
    re.IGNORECASE,
)
"""Words between a member noun and an attack cue that give the noun a verb of its own."""

ATTACKER_NOUNS_RE = re.compile(
    r"\b(?:cells?|gunmen|attackers|assailants|insurgents?|bombers|masterminds?)\b", re.IGNORECASE
)
""""sleeper cells", "gunmen": attack cues that name their people themselves."""

_UNREAL_BEFORE_RE = re.compile(
    r"\b(?:will\s+try\s+to|going\s+to|can|want(?:s|ed)?\s+to|plan(?:s|ned)?\s+to"
    r"|intend(?:s|ed)?\s+to|threaten(?:s|ed)?\s+to|reluctant\s+to|not\s+known\s+to"
    r"|should\s+be|must\s+be|would\s+have\s+to\s+be|calls?\s+for|slow\s+to|allow(?:ed)?|willing\s+to"
    r"|upon|make|makes|made|wish(?:es|ed)?\s+to|a\s+wish\s+to|hop(?:e|es|ed|ing)\s+to"
    r"|(?:impossible|unable|unlikely)\s+to|(?:option|choice)\s+(?:\w+\s+){0,3}(?:is|was)\s+to)"
    r"\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
"""A cue in what someone will, might or tries to do is no claim about what happened
("its men will try to vanish among the villagers")."""

_INTENT_FATES = frozenset({"deserted"})
_AWAITING_RE = re.compile(
    r"\b(?:await(?:s|ed|ing)?|wait(?:s|ed|ing)?\s+(?:for|to\s+be))\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def about_rivals(sentence: str, cue: FateCue, clause: tuple[int, int]) -> bool:
    """Whether the cue's clause is about another armed group's people: a rival named
    before the cue ("Al-Qaeda's affiliate ... retains 2,000 fighters", "Boko Haram
    fighters surrendered") and the group not named in the clause at all."""
    rival = RIVALS_RE.search(sentence, clause[0], cue.start)
    if rival is None:
        return False
    return not any(clause[0] <= start < clause[1] for start, _ in find_group_mentions(sentence))


def members_kill_outsiders(
    sentence: str, cue: FateCue, subjects: list[SubjectMention], facts: Facts
) -> bool:
    """Whether members (named before an active killing verb) killed outsiders after it:
    an attack by the group, not deaths among its people."""
    if cue.fate not in ("killed", "executed"):
        return False
    if _PASSIVE_BEFORE_RE.search(sentence, max(0, cue.start - 25), cue.start):
        return False
    victims = any(cue.end <= o.start <= cue.end + 40 for o in facts.outsiders)
    members = [
        m
        for m in subjects
        if m.end <= cue.start and not GENERIC_RE.fullmatch(sentence[m.start : m.end])
    ]
    return victims and bool(members)


def about_outsiders(
    sentence: str,
    cue: FateCue,
    clause: tuple[int, int],
    subjects: list[SubjectMention],
    facts: Facts,
) -> bool:
    """Whether the cue is about people who are never members: the people noun nearest
    it is an outsider ("civilians were killed"), or its dead are an attack's victims."""
    if cue.fate == "insurgent":
        return False  # an attack's targets may well be civilians: still the group's attack
    if cue.fate == "killed" and _the_groups_attack_before(sentence, cue, clause, subjects):
        return True
    toll = cue.fate == "killed" and _LEFT_DEAD_RE.search(sentence, clause[0], cue.start)
    if toll and not any(
        toll.start() <= m.start and not GENERIC_RE.fullmatch(sentence[m.start : m.end])
        for m in subjects
    ):
        return True  # "a siege that left thousands of people dead": a toll
    outsiders = [o for o in facts.outsiders if clause[0] <= o.start < clause[1]]
    if not outsiders:
        return False
    people = sorted([*subjects, *outsiders], key=lambda m: m.start)
    before = [m for m in people if m.end <= cue.start]
    after = [m for m in people if cue.end <= m.start <= cue.end + 40]
    passive = not sentence[cue.start : cue.end].split()[0].endswith("ing") and (
        _PASSIVE_BEFORE_RE.search(sentence, max(clause[0], cue.start - 25), cue.start)
    )  # "was holding 500 fighters" is progressive, not passive
    if after and not passive and cue.fate in ("killed", "executed"):
        return after[0] in outsiders  # "members who killed three civilians": the patient
    if after and not passive and after[0] not in outsiders:
        return False  # "residents ... have smuggled ISIS members": the object is the patient
    nearest = before[-1] if before else (after[0] if after else None)
    if nearest is None or nearest not in outsiders:
        return False
    return not any(  # "civilians said that at least 11 militants surrendered": a closer figure
        nearest.end < c.start
        and c.end <= cue.start
        and not c.vague
        and not any(c.end <= o.start <= c.end + 25 for o in outsiders)
        for c in facts.counts
    )


def _the_groups_attack_before(
    sentence: str, cue: FateCue, clause: tuple[int, int], subjects: list[SubjectMention]
) -> bool:
    """Whether an attack by the group comes before a killing cue in its clause ("gunmen
    attacked a church, killing one"; not "the military strike that killed its leaders")."""
    attack = _ATTACK_BEFORE_RE.search(sentence, clause[0], cue.start)
    if attack is None or _COUNTER_STRIKE_RE.search(sentence, attack.end(), cue.start):
        return False  # "... the assault, after the military strike that killed its leaders"
    if ATTACKER_NOUNS_RE.fullmatch(attack.group(0)):
        return True
    members = [m.end for m in subjects if not GENERIC_RE.fullmatch(sentence[m.start : m.end])]
    groups = [end for _, end in find_group_mentions(sentence)]
    return any(clause[0] <= end <= attack.start() for end in members + groups)


_STATE_OF_WAR_RE = re.compile(r"insurgenc(?:y|ies)", re.IGNORECASE)
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)

_ATTACK_BEFORE_RE = re.compile(
    r"\b(?:attack(?:s|ed)?|shooting|bombings?|blasts?|explosions?|massacres?|assaults?|sprees?"
    r"|gunmen|assailants)\b",
    re.IGNORECASE,
)
""""gunmen attacked a church, killing one": the dead of an attack are its victims."""

_COUNTER_STRIKE_RE = re.compile(
    r"\b(?:strikes?|airstrikes?|raids?|operations?|offensives?|shelling|bombardments?)\s+"
    r"(?:that|which)\b",
    re.IGNORECASE,
)
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


_HELD_NOUN_RE = re.compile(r"(?:prisoners?|detainees?|inmates)", re.IGNORECASE)

"""The counterpart of a claim: the party that holds, received, released or dealt with them."""

from __future__ import annotations

import re

from extractors.claims.people import GROUP_RE
from extractors.claims.places import place_codes
from extractors.claims.vocab import compile_phrases, escape_all, load_toml, require

_LEX = load_toml("counterparts.toml")
for _key in ("fates", "markers", "actor_nouns", "org_descriptors"):
    require(_key, _LEX[_key])
FATES_WITH_COUNTERPART: frozenset[str] = frozenset(_LEX["fates"])
_MARKERS = "|".join(sorted((re.escape(m) for m in _LEX["markers"]), key=len, reverse=True))
_ACTORS = "|".join(_LEX["actor_nouns"])
_DESCR = "|".join(_LEX["org_descriptors"])
_CAPRUN = r"(?:(?:al|el)[\s-])?[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|the|and|al|el)\s+)?[A-Z][\w'’.-]*)*"
_ACTOR = (
    rf"(?:[A-Z][\w'’-]*\s+)?(?:[A-Z][\w-]*|\w+-backed|\w+-led|local|[A-Z]\w+['’]s)\s+(?:{_ACTORS})\b"
    rf"|[A-Z][\w'’-]*\s+(?:[\w-]+\s+)?(?:{_DESCR})\s+{_CAPRUN}"
    rf"|{_CAPRUN}"
    rf"|(?:{_ACTORS})\b"
)
AFTER_RE = re.compile(rf"\b(?P<marker>{_MARKERS})\s+(?:the\s+)?(?P<cp>{_ACTOR})")
_LOOSE_MARKERS = frozenset(["of", "from", "with"])
"""After these a capitalised name is as often a place or a person ("an emir of X",
"returned from X"); it is a counterpart only when an actor noun heads it."""
_ORGANISED_RE = re.compile(
    rf"\b(?i:{_ACTORS}|{_DESCR})\b|\b[A-Z]{{2,6}}\b|\b[A-Z]\w+\s+[A-Z]\w+\s+[A-Z]"
)
"""An actor noun, an acronym or a name of three capitalised words or more."""
_STRIKE_RE = re.compile(
    r"\b(?:in|by)\s+(?:a|an|the)?\s*(?P<cp>(?:[A-Z][\w.-]*|[a-z]+-led)(?:\s+[A-Z][\w.-]*)?"
    r"(?:\s+(?:coalition|military|army|navy|air\s+force))?\s+(?:air\s?strikes?|airstrikes?"
    r"|drone\s+strikes?|strikes?|raids?|bombardments?|shelling))\b"
)
""""killed in US air strikes", "died in a Russian airstrike": who struck them."""
_HOLDER_RE = re.compile(
    rf"\bin\s+(?:the\s+)?(?P<cp>(?:[A-Z][\w'’-]*\s+)?(?i:{_ACTORS}))(?:['’]s)?\s+custody\b"
    rf"|\bin\s+the\s+custody\s+of\s+(?:the\s+)?(?P<of>(?:[A-Z][\w-]*\s+)?(?:{_ACTORS})|{_CAPRUN})"
)
""""in police custody", "in the custody of the Iraqi army": who holds them."""
BETWEEN_RE = re.compile(
    rf"\bbetween\s+(?:the\s+)?(?P<a>{_CAPRUN})(?:\s+\([A-Z]{{2,6}}\))?"
    rf"\s+and\s+(?:the\s+)?(?P<b>{_CAPRUN})"
)
_FUNCTION_WORD = (
    r"(?!(?:after|before|in|on|at|from|to|with|by|of|and|or|the|that|which|who|when|while|as"
    r"|has|have|had|is|are|was|were|said|says|declared|announced)\b)"
)
_ACTOR_ANYWHERE_RE = re.compile(
    rf"(?:[A-Z][\w-]+['’]s|[A-Z][\w-]+)\s+(?:{_FUNCTION_WORD}(?:[a-z-]+|[A-Z][\w-]+)\s+){{0,2}}?"
    rf"(?:{_ACTORS})\b"
)
""""Iraqi security forces", "Syria's Kurdish police": an actor named by its modifiers (not
"Syria after rebels", "Baghdad declared military")."""
_PLACE_NOUN_RE = re.compile(
    r"\s+(?:camps?|prisons?|jails?|province|region|area|city|town|village|district"
    r"|governorate|border|desert|mountains?|island)\b"
)
_STATE_AS_AGENT_RE = re.compile(
    r"(?:^|[.;:]\s+|,\s+)(?:[A-Z][a-z]+\s+)?(?P<state>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
    r"(?:,\s+which|\s+(?:has|have|had|started|began|is|was|will|would|said|says)\b|\s+[a-z]+ed\b)"
)
""""Iraq, which has detained", "Uganda has killed", "Turkey started deporting": a country
as the one who acts on the people."""
_FROM_STATE_RE = re.compile(
    r"\b(?:expelled|deported|sent\s+back|extradited)\s+from\s+(?P<state>[A-Z][a-z]+)"
)


require("agent_verbs", _LEX["agent_verbs"])
require("member_nouns", _LEX["member_nouns"])
_AGENT_VERB_RE = compile_phrases("agent_verbs", escape_all(_LEX["agent_verbs"]))
_MEMBER_RE = compile_phrases("member_nouns", escape_all(_LEX["member_nouns"]))
_AUX_TAIL_RE = re.compile(
    r"(?:\s+(?:has|have|had|will|would|is|are|was|were|been|also|already|now|recently"
    r"|reportedly|so far|since|successfully|then|later|had\s+also))+\s*$",
    re.IGNORECASE,
)
_PASSIVE_TAIL_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s*$", re.IGNORECASE)
_CLAUSE_START_RE = re.compile(
    r"[,;:.“”\"()]|\b(?:that|which|who|and|while|after|when|as|but|where)\s", re.IGNORECASE
)
require("carriers", _LEX["carriers"])
_CARRIERS = "|".join(escape_all(_LEX["carriers"]))
_NP_TAIL_RE = re.compile(
    r"(?:\b(?:the|its|their)\s+)?(?:(?:[A-Z][\w'’.-]*|[a-z]+-(?:led|backed|run)|anti-[a-z]+"
    rf"|counter-[a-z]+|security|local|federal|national|state|special)\s+)*"
    rf"(?:[A-Z][\w'’.-]*|{_ACTORS}|{_CARRIERS})$"
)
""""Salim Dara told reporters its administration": the noun phrase before the verb."""
_ACTOR_NOUN_RE = re.compile(rf"\b(?:{_ACTORS}|{_CARRIERS})\b", re.IGNORECASE)
_DETERMINER_RE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _acting_subject(sentence: str, cue_end: int) -> str | None:
    """The state or force that is the subject of an active verb acting on the people
    ("Iraq has repatriated", "its administration was holding"), nearest the cue."""
    best: tuple[int, str] | None = None
    for verb in _AGENT_VERB_RE.finditer(sentence):
        head = sentence[: verb.start()]
        aux = _AUX_TAIL_RE.search(head)
        stem = head[: aux.start()] if aux else head
        if not verb.group(0).split()[0].endswith("ing") and _PASSIVE_TAIL_RE.search(head):
            continue  # "were arrested": the subject is the people, not the actor
        stem = _ADVERB_ASIDE_RE.sub("", _ACRONYM_RE.sub("", stem))
        if aux is not None and _AND_END_RE.search(stem):
            stem = stem[: _clause_end(stem)]  # ", and has detained": the sentence's subject
        subject = _subject_before(stem)
        actor = _actor(subject.group(0)) if subject else None
        distance = abs(verb.start() - cue_end)
        if actor is not None and (best is None or distance < best[0]):
            best = (distance, actor)
    return best[1] if best else None


_ACRONYM_RE = re.compile(r"\s+\([A-Z]{2,6}\)")
_AND_END_RE = re.compile(r"(?i:\band)\s*$")
_RELATIVE_END_RE = re.compile(r"\s+(?:who|which|that)$")
_ADVERB_ASIDE_RE = re.compile(
    r",\s+(?:however|meanwhile|though|too|also|moreover|in turn|for its part),\s*$", re.IGNORECASE
)
""""The army, however, announced the surrender of ...": an adverb between subject and verb."""


def _subject_before(stem: str) -> re.Match[str] | None:
    """The noun phrase right before a verb, or the one a relative pronoun stands for
    ("the drivers who spirited them out")."""
    text = _RELATIVE_END_RE.sub("", stem.rstrip())
    start = max((m.end() for m in _CLAUSE_START_RE.finditer(text)), default=0)
    return _NP_TAIL_RE.search(text[start:].strip())


def _clause_end(text: str) -> int:
    """Where the sentence's first noun phrase ends (before its first verb)."""
    verb = re.search(r"\s(?:is|are|was|were|has|have|had|will|would|[a-z]+ed)\b", text)
    return verb.start() if verb else 0


def _actor(subject: str) -> str | None:
    """The subject as a counterpart: a state, a force or authority, or an acronym."""
    words = subject.split()
    if not words or len(words) > 7 or _MEMBER_RE.search(subject) or GROUP_RE.search(subject):
        return None
    bare = _DETERMINER_RE.sub("", subject)
    if place_codes(bare) and len(bare.split()) <= 2:
        return bare  # "Turkey", "Iraq"
    if _ACTOR_NOUN_RE.search(subject) or re.fullmatch(r"[A-Z]{2,6}", bare):
        return bare if subject[:1].isupper() or bare != subject else subject
    return None


def _acceptable(name: str) -> bool:
    name = name.strip().rstrip(".,;:")
    if not name or GROUP_RE.search(name) or re.search(r"-(?:controlled|held)\b", name):
        return False  # the group itself, or "IS-controlled" areas
    return not place_codes(name)


def find_counterpart(sentence: str, fate: str, cue_end: int) -> str | None:
    """The counterpart named after the fate cue, in a "between X and Y" deal, or an actor."""
    if fate not in FATES_WITH_COUNTERPART:
        return None
    for match in BETWEEN_RE.finditer(sentence):
        for side in (match["a"], match["b"]):
            if _acceptable(side):
                return side
    acting = _acting_subject(sentence, cue_end)
    if acting is not None:
        return acting
    strike = _STRIKE_RE.search(sentence, max(0, cue_end - 4)) if fate == "killed" else None
    if strike is not None and strike.start() - cue_end < 40 and _acceptable(strike["cp"]):
        return strike["cp"]
    holder = _HOLDER_RE.search(sentence)
    if holder is not None and _acceptable(holder["cp"] or holder["of"]):
        return holder["cp"] or holder["of"]
    for match in AFTER_RE.finditer(sentence, max(0, cue_end - 4)):
        if match.start() - cue_end > 60:
            break
        loose = match["marker"] in _LOOSE_MARKERS and not _ORGANISED_RE.search(match["cp"])
        place = _PLACE_NOUN_RE.match(sentence, match.end("cp"))  # "moved to the X camp"
        if _acceptable(match["cp"]) and not loose and not place:
            return match["cp"].strip().rstrip(".,;:")
    for match in _ACTOR_ANYWHERE_RE.finditer(sentence):
        if _acceptable(match.group(0)):
            return match.group(0)
    expelled = _FROM_STATE_RE.search(sentence)
    if expelled and fate == "returned":
        return expelled["state"]
    for match in _STATE_AS_AGENT_RE.finditer(sentence):
        if place_codes(match["state"]) and not GROUP_RE.fullmatch(match["state"]):
            return match["state"]
    return None

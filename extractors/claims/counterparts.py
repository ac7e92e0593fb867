"""The counterpart of a claim: the party that holds, received, released or dealt with them."""

from __future__ import annotations

import re

from extractors.claims.fates import GROUP_RE
from extractors.claims.places import place_codes
from extractors.claims.vocab import load_toml, require

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
AFTER_RE = re.compile(rf"\b(?:{_MARKERS})\s+(?:the\s+)?(?P<cp>{_ACTOR})")
BETWEEN_RE = re.compile(
    rf"\bbetween\s+(?:the\s+)?(?P<a>{_CAPRUN})(?:\s+\([A-Z]{{2,6}}\))?"
    rf"\s+and\s+(?:the\s+)?(?P<b>{_CAPRUN})"
)
_ACTOR_ANYWHERE_RE = re.compile(
    rf"(?:[A-Z][\w-]+['’]s|[A-Z][\w-]+)\s+(?:(?:[a-z-]+|[A-Z][\w-]+)\s+){{0,2}}?(?:{_ACTORS})\b"
)
_STATE_AS_AGENT_RE = re.compile(
    r"(?:^|[.;:]\s+|,\s+)(?:[A-Z][a-z]+\s+)?(?P<state>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
    r"(?:,\s+which|\s+(?:has|have|had|started|began|is|was|will|would)\b|\s+[a-z]+ed\b)"
)
""""Iraq, which has detained", "Uganda has killed", "Turkey started deporting": a country
as the one who acts on the people."""
_FROM_STATE_RE = re.compile(
    r"\b(?:expelled|deported|sent\s+back|extradited)\s+from\s+(?P<state>[A-Z][a-z]+)"
)


def _acceptable(name: str) -> bool:
    name = name.strip().rstrip(".,;:")
    if not name or GROUP_RE.fullmatch(name) or GROUP_RE.fullmatch(name.removeprefix("the ")):
        return False
    return not place_codes(name)


def find_counterpart(sentence: str, fate: str, cue_end: int) -> str | None:
    """The counterpart named after the fate cue, in a "between X and Y" deal, or an actor."""
    if fate not in FATES_WITH_COUNTERPART:
        return None
    for match in BETWEEN_RE.finditer(sentence):
        for side in (match["a"], match["b"]):
            if _acceptable(side):
                return side
    for match in AFTER_RE.finditer(sentence, max(0, cue_end - 4)):
        if match.start() - cue_end > 60:
            break
        if _acceptable(match["cp"]):
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

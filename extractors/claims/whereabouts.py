"""Which of a sentence's places belong to a claim, and in which role.

A claim takes the places in its clause near its fate cue, not those in a temporal
clause before it ("After X took Y, ...", "Despite ...,"), a digression after it
(", where ...", ", such as ...", ", however ..."), a dateline, or a relative clause
telling where people once went ("women who travelled to Syria"); a "while fighting in X"
clause after it says where it happened. Places after "from", "out of", "left" are where
people came from ("from camps in Syria"), and so are places listed with them ("from A, B
and C"). A place that only qualifies an actor ("US officials", "Turkish forces"), another
place ("near the Turkish border"), a partner ("in coordination with X") or people ("Kosovo
Albanians", "Middle East-educated") is no whereabouts. A return's war-zone places are
where it came from, unless the return goes there or that state takes its people back.
"""

from __future__ import annotations

import re

from extractors.claims.facts import LOCAL_CODES
from extractors.claims.places import PlaceMention

_FROM_RE = re.compile(
    r"\b(?:from|out\s+of|left|leave|leaving|fled|flee|fleeing|escaped|ousted\s+from"
    r"|driven\s+out\s+of|evacuated\s+from|away\s+from)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|province|area|camp|region|countryside)\s+of\s+)?"
    r"(?:(?!(?:to|into|towards?|for|in|at)\b)[\w-]+\s+){0,2}$"
    r"|\b(?:from|out\s+of|leave|left|fled)\s+(?:(?!(?:to|into|towards?|for|and|then|but)\b)[\w'’-]+\s+){1,8}?"
    r"(?:in|of|across)\s+(?:the\s+)?(?:[a-z]+ern\s+(?:and\s+[a-z]+ern\s+)?)?$",
    re.IGNORECASE,
)
"""Before a place people left: "fled Mosul", "from camps in Syria", "left the group's
capital of Raqqa"."""
_LIST_GAP_RE = re.compile(r"^\s*(?:,?\s*(?:and\s+|or\s+|in\s+(?:the\s+)?)?|and\s+|or\s+)$")
_ACTOR_AFTER_RE = re.compile(
    r"(?:['’]s)?\s+(?:(?:interior|foreign|defen[cs]e|justice|home|security)\s+)?"
    r"(?:officials?|government|authorities|intelligence|minist\w+|media"
    r"|president|leaders?|prime|envoys?|diplomats?|spokes\w+)\b|-(?:backed|led)\b",
    re.IGNORECASE,
)
_MODIFIER_BEFORE_RE = re.compile(
    r"\b(?:(?:near|close\s+to|(?:north|south|east|west)\w*\s+of)\s+the(?:\s+\w+)?"
    r"|border\s+with|in\s+(?:coordination|cooperation|partnership)\s+with|together\s+with"
    r"|with\s+the\s+(?:help|support|backing)\s+of|of\s+its\s+kind\s+in"
    r"|any\s+other\s+\w+\s+in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Before a place that only qualifies another or names a partner: "near the Turkish
border", "close to the border with Iraq", "in coordination with the US", "the largest
case of its kind in Europe"."""
_BORDER_RE = re.compile(r"\b(?:border|frontier)\b", re.IGNORECASE)
_QUALIFIER_AFTER_RE = re.compile(
    r"-(?:educated|born|trained|funded|sponsored|allied|aligned)\b"
    r"|\s+(?:youths?|nationals|citizens|natives|recruits|jihadis|jihadists)\b"
)
"""After a place that qualifies people: "Middle East-educated", "Kosovo youths"."""
_WEAPON_AFTER_RE = re.compile(
    r"\s+(?:air\s?strikes?|airstrikes?|drones?|jets|warplanes|bombing|bombardment|raids?"
    r"|troops|forces|army|military|soldiers|special\s+forces|coalition)\b",
    re.IGNORECASE,
)
"""After a bare place name ("a US airstrike"), not a possessive ("Iraq's army")."""
_DIGRESSION_RE = re.compile(
    r",\s+(?:where|which|who|such\s+as|making|including|in\s+retaliation)\b|\s+than\s+if\b"
    r"|\s+in\s+retaliation\b|[;:]|,?\s+(?:well\s+|long\s+|shortly\s+)?(?:before|after)\s"
    r"|,?\s+(?:when|whereas|because|unless|if)\s|,\s+(?:with|following|however|but)\b",
    re.IGNORECASE,
)
_LEADING_CLAUSE_RE = re.compile(r"^\s*(?:After|Before|Since|Once|Until|Although|Despite)\b[^,]*,")
_DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Z’'.]+(?:\s+[A-Z][A-Z’'.]+)*(?:,\s*[A-Z][a-z]+)?\s*(?:[:•–—]|-\s|,)"
)
"""An upper-case dateline opening the article ("BAGHDAD:", "MOSUL, Iraq –"): where the
reporter files from, not where the claim happened."""
_JOURNEY_RE = re.compile(
    r"\b(?:who|that)\s+(?:had\s+|have\s+|has\s+)?(?:travel+(?:ed)?|went|go|journeyed|moved"
    r"|escaped?|fled|flee|returned|return|(?:sent|dispatched|smuggled)(?:\s+[\w-]+){0,3}?)"
    r"\s+(?:to|into)\b[^,;]*?(?=\s+(?:and|then|but)\s+(?-i:(?![A-Z]))|[,;.]|$)",
    re.IGNORECASE,
)
"""A relative clause of where people went ("women who travelled to Syria", "a group that
sent fighters to Syria"), up to the next step ("and then tried to ...")."""
_CIRCUMSTANCE_RE = re.compile(r"\W*(?:while|whilst|when)\s+\w+ing\b", re.IGNORECASE)
"""A clause of what they were doing when it happened ("killed while fighting in Syria")."""
_SENTENCE_LOCATIVE_RE = re.compile(r"^\s*In\s+[^,]{2,60},")
_WINDOW = 90
_RECEIVING_RE = re.compile(
    r"(?:brought|bring|take|took|taken|taking|repatriat\w*|accept\w*|receiv\w*)\b", re.I
)
"""Cues whose grammatical subject is the place receiving them ("France took back 35")."""


MOVEMENT_FATES = frozenset({"travelled", "fled", "relocated", "returned", "defected"})


def claim_window(
    sentence: str, clause: tuple[int, int], cue_start: int, cue_end: int, fate: str
) -> tuple[int, int]:
    """The stretch of the clause whose places belong to the claim (for a movement, the
    words from its cue on: where they went)."""
    receiving = _RECEIVING_RE.match(sentence, cue_start) is not None
    moving = fate in MOVEMENT_FATES and not receiving
    start = cue_start if moving else max(clause[0], cue_start - _WINDOW)
    dateline = _DATELINE_RE.match(sentence)
    if dateline:
        start = max(start, dateline.end())
    lead = _LEADING_CLAUSE_RE.match(sentence)
    if lead and lead.end() <= cue_start:
        start = max(start, lead.end())
    end = min(clause[1], cue_end + (2 * _WINDOW if fate in MOVEMENT_FATES else _WINDOW))
    search_from = cue_end
    circumstance = _CIRCUMSTANCE_RE.match(sentence, clause[1])
    if circumstance and fate not in MOVEMENT_FATES:
        end, search_from = min(len(sentence), cue_end + _WINDOW), circumstance.end()
    digression = _DIGRESSION_RE.search(sentence, search_from, end)
    end = digression.start() if digression else end
    if fate not in MOVEMENT_FATES:
        start, end = _outside_journeys(sentence, start, end, cue_start, cue_end)
    return start, end


def _outside_journeys(
    sentence: str, start: int, end: int, cue_start: int, cue_end: int
) -> tuple[int, int]:
    """The window without a relative clause telling where people went ("women who
    travelled to Syria"): those places are their journey's, not this claim's."""
    for journey in _JOURNEY_RE.finditer(sentence, start, end):
        if journey.end() <= cue_start:
            start = max(start, journey.end())
        elif journey.start() >= cue_end:
            return start, journey.start()
    return start, end


def split_places(
    sentence: str, places: tuple[PlaceMention, ...], window: tuple[int, int]
) -> tuple[list[PlaceMention], list[PlaceMention], list[PlaceMention]]:
    """(locations, demonyms, from-locations) among the places inside `window`."""
    located: list[PlaceMention] = []
    demonyms: list[PlaceMention] = []
    origins: list[PlaceMention] = []
    for place in places:
        if not (window[0] <= place.start and place.end <= window[1]):
            continue
        if place.kind == "demonym":
            demonyms.append(place)
        elif _only_qualifies(sentence, place, places) or _TRANSIT_BEFORE_RE.search(
            sentence, max(0, place.start - 12), place.start
        ):
            continue  # "reached Afghanistan through Iran": passed through, not there
        elif _is_from(sentence, place, origins, window[0]):
            origins.append(place)
        else:
            located.append(place)
    return _most_specific(located), demonyms, origins


_TRANSIT_BEFORE_RE = re.compile(r"\b(?:through|via)\s+(?:the\s+)?$", re.IGNORECASE)


def _most_specific(located: list[PlaceMention]) -> list[PlaceMention]:
    """Without a place that spans countries when another names one of them ("along the
    Euphrates in Syria")."""
    single = {p.codes[0] for p in located if len(p.codes) == 1}
    return [p for p in located if len(p.codes) == 1 or not single & set(p.codes)]


def _only_qualifies(sentence: str, place: PlaceMention, places: tuple[PlaceMention, ...]) -> bool:
    """A place that only qualifies an actor ("US officials", "a US airstrike"), another
    place, a partner or people, not where the claim's people are."""
    if _ACTOR_AFTER_RE.match(sentence, place.end):
        return True
    possessive = place.name.endswith(("'s", "’s"))
    if not possessive and _WEAPON_AFTER_RE.match(sentence, place.end):
        return True
    return _is_modifier(sentence, place) or _names_people(place, places)


def _is_modifier(sentence: str, place: PlaceMention) -> bool:
    """A place that qualifies another place, a person or a partner, not where people are."""
    if _QUALIFIER_AFTER_RE.match(sentence, place.end):
        return True
    before = sentence[max(0, place.start - 50) : place.start]
    if _BORDER_RE.search(sentence, place.start, place.end + 8) and before.endswith(" on the "):
        return True  # "a town on the Libyan border"
    return _MODIFIER_BEFORE_RE.search(before) is not None


def _names_people(place: PlaceMention, places: tuple[PlaceMention, ...]) -> bool:
    """A place right before a nationality ("Kosovo Albanians") says who, not where."""
    return any(p.kind == "demonym" and 0 < p.start - place.end <= 1 for p in places)


def _is_from(sentence: str, place: PlaceMention, origins: list[PlaceMention], start: int) -> bool:
    if _FROM_RE.search(sentence[max(start, place.start - 100) : place.start]):
        return True
    return bool(origins) and bool(_LIST_GAP_RE.match(sentence[origins[-1].end : place.start]))


def sentence_locative(sentence: str, places: tuple[PlaceMention, ...]) -> list[PlaceMention]:
    """Places in a sentence-opening "In X," that frame every claim in the sentence."""
    match = _SENTENCE_LOCATIVE_RE.match(sentence)
    if match is None:
        return []
    return [p for p in places if p.end <= match.end() and p.kind != "demonym"]


_DESTINATION_GAP_RE = re.compile(
    r"^\S+(?:\s+(?!to\b)[\w-]+){0,3}\s+(?:to|into|across|throughout)\s+(?:[\w-]+\s+){0,6}$",
    re.IGNORECASE,
)
"""From a return's cue to the place it goes to ("returned to their homes across ...")."""
_SUBJECT_GAP_RE = re.compile(r"^(?:['’]s)?\s+(?:[a-z]+\s+){0,2}$")
"""From the state taking people back to its cue ("Iraq has repatriated")."""


def homeward(
    sentence: str,
    cue_start: int,
    located: list[PlaceMention],
    origins: list[PlaceMention],
    demonyms: list[PlaceMention],
) -> tuple[list[PlaceMention], list[PlaceMention]]:
    """Places of a return: the war zone it names is where they came back from ("repatriated
    51 women from camps in Syria"), unless they are its own people ("Iraqi families"), it is
    where the return goes ("returned to homes across Iraq"), or it is the state that takes
    them back ("Iraq has repatriated 600 families")."""
    own = {c for d in demonyms for c in d.codes}
    receiving = _RECEIVING_RE.match(sentence, cue_start) is not None
    zone = [
        p
        for p in located
        if set(p.codes) <= LOCAL_CODES
        and not set(p.codes) & own
        and not (receiving and _SUBJECT_GAP_RE.match(sentence[p.end : cue_start]))
        and not (p.start > cue_start and _DESTINATION_GAP_RE.match(sentence[cue_start : p.start]))
    ]
    if not zone:
        return located, origins
    return [p for p in located if p not in zone], origins + [p for p in zone if p not in origins]

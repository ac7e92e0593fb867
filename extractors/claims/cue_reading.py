"""How a fate phrase reads where it stands: an event the sentence asserts, or not.

A phrase that matches a fate cue may only describe people ("those who joined", "the
dead fighters", "nationals fighting alongside the group were killed"), name a topic
("the question of repatriation"), a request ("urged them to bring back"), a document
("a report released on Monday"), an offence charged ("accused of joining"), or ground
the group held ("towns they had held"). Descriptions are weak cues: they count only
with a destination, a date, a figure of their own, or victims.
"""

from __future__ import annotations

import re

from extractors.claims.people import GROUP_RE, SUBJECT_PATTERNS


def no_event(sentence: str, fate: str, m: re.Match[str]) -> bool:
    """Whether a matched phrase says nothing happened to the group's people: an adjective
    ("escaped members"), a clause about others, ground held, an offence charged, or a
    suspended sentence."""
    return (
        _modifies_noun(sentence, m)
        or _about_others(sentence, m.start())
        or _holds_ground(sentence, m)
        or (fate == "travelled" and _charged_with(sentence, m.start()))
        or (fate == "detained" and _suspended(sentence, m.start()))
    )


def _suspended(sentence: str, start: int) -> bool:
    """ "a two-year suspended prison sentence": no one is held."""
    return _SUSPENDED_RE.search(sentence, max(0, start - 25), start) is not None


_SUSPENDED_RE = re.compile(r"\bsuspended\s+(?:\w+\s+)?$", re.IGNORECASE)


def _charged_with(sentence: str, start: int) -> bool:
    return _OFFENCE_RE.search(sentence, max(0, start - 60), start) is not None


def vetoed(sentence: str, lowered: str, start: int) -> bool:
    """Whether the words before a cue make it no claim: a document, a request, an agent
    blamed, an exclusion, or a topic."""
    return any(
        veto.search(sentence, max(0, start - window) if window else 0, start)
        for veto, window, keys in _VETOES
        if any(k in lowered for k in keys)
    )


def describes(sentence: str, m: re.Match[str]) -> bool:
    """Whether the phrase describes its people (a relative or reduced relative clause)
    rather than telling what happened to them."""
    return _describes(sentence, m.start()) or _reduced_relative(sentence, m)


def asserts_anyway(sentence: str, fate: str, start: int, end: int) -> bool:
    """Whether a describing phrase still asserts its event: it has a destination, victims,
    a date, or a figure of its own ("the 800 to 1,200 who left")."""
    return (
        _has_destination(sentence, start, end)
        or _kills_others(sentence, fate, end)
        or _DATED_RE.match(sentence, end) is not None
        or _COUNTED_BEFORE_RE.search(sentence, max(0, start - 30), start) is not None
    )


_WEAK_WITH_DESTINATION_RE = re.compile(
    r"(?:(?:\s+from)?\s+(?:the\s+)?(?-i:[A-Z])[\w-]+)?"
    r"\s+(?:to|into|the\s+ranks\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?-i:[A-Z])",
    re.I,
)
""""women who traveled to Syria", "a father who joined the ranks of ISIL": a relative
clause with its own destination is a claim of its own beside the main verb's."""


_COUNTED_BEFORE_RE = re.compile(r"\d[\d,]*\s+(?:[a-z-]+\s+)?(?=who\b)", re.IGNORECASE)
""""the 800 to 1,200 who left": a relative clause that counts its people asserts it."""
_DATED_RE = re.compile(
    r"\s+(?:(?:home|back)\s+)?(?:in|on|last|this|earlier|during)\s+(?:(?:the\s+)?(?:early|late)\s+)?"
    r"(?:this\s+)?(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december|\d{4}|year|month|week|spring|summer|autumn|fall|winter)\b",
    re.IGNORECASE,
)
""""the widows who came back in May": a relative clause that dates its event asserts it."""


def _kills_others(sentence: str, fate: str, end: int) -> bool:
    """ "members who had killed two farmers": what the members did, an attack."""
    return fate in _VICTIM_FATES and _VICTIMS_AFTER_RE.match(sentence, end) is not None


def _has_destination(sentence: str, start: int, end: int) -> bool:
    """Whether a cue is followed by where the people went ("flocked to Iraq")."""
    words = sentence[start:end].lower()
    if words.endswith((" to join", " to fight")):
        return True  # "a man who had slipped out of his country to join the group"
    if words.endswith((" to", " into")):
        return re.match(r"\s+(?:the\s+)?(?-i:[A-Z])", sentence[end:]) is not None
    return _WEAK_WITH_DESTINATION_RE.match(sentence, end) is not None


_DOCUMENT_RE = re.compile(
    r"\b(?:report|statement|study|survey|video|footage|recording|document|figures|data|list"
    r"|book|film|audio|message|findings)s?\s+(?:(?:that|which)\s+)?(?:(?:was|were|is|are|has"
    r"|have|had|been|being|recently|just|first|later)\s+)*$",
    re.IGNORECASE,
)
"""A document noun before a cue: "a report released on Monday" releases no one."""
_REQUEST_RE = re.compile(
    r"\b(?:call(?:ed|s|ing)?\s+(?:on|upon)|urg(?:e|es|ed|ing)|appeal(?:ed|s|ing)?\s+to|petition(?:ed|s|ing)?"
    r"|press(?:ed|es|ing)?|demand(?:ed|s|ing)?\s+that|lobb(?:y|ies|ied|ying)|encourag(?:e|es|ed|ing))"
    r"\b[^.;:,]{0,50}?\bto\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
"""A request is no claim: "urged governments to take back their citizens"."""
_AGENT_RE = re.compile(
    r"\b(?:responsible|blamed|to\s+blame|claimed\s+responsibility)\s+for\s+(?:the\s+)?$",
    re.IGNORECASE,
)
""""responsible for the death of X": the group as the agent, someone else as the victim."""
_EXCLUDED_RE = re.compile(
    r"^\s*(?:excluding|not\s+counting|apart\s+from|aside\s+from|leaving\s+aside)\b[^,;]*$",
    re.IGNORECASE,
)
""""Excluding those who returned, ...": a figure set aside is not asserted here."""
_TOPIC_RE = re.compile(
    r"\b(?:issue|question|debate|prospect|topic|matter|talks?|discussions?|policy|fears?|risk|concerns?"
    r"|threat|possibility|danger)\s+(?:of|about|over|on)\s+(?:the\s+|a\s+|any\s+)?$",
    re.IGNORECASE,
)
""""the question of repatriation", "fears of a mass escape": a topic, not an event."""
_OFFENCE_RE = re.compile(
    r"\b(?:accus\w+|convict\w+|suspect\w*|suspicion|charg\w+|guilty|sentences?|prosecut\w+"
    r"|indict\w+|tried)\s+(?:\w+\s+){0,2}?(?:of|for|with)\s+(?:\w+\s+){0,6}$",
    re.IGNORECASE,
)
""""accused of joining the group", "on suspicion of planning to reach Iraq": the
offence charged, not a journey the sentence asserts."""
_ACTIVE_HOLDER_RE = re.compile(
    r"\b(?:(?:they|it|we)\s+(?:had\s+|have\s+|has\s+)?|(?:territory|territories|towns?|areas?"
    r"|land|ground|cities|villages?|positions?)\s+(?:(?:it|they)\s+)?)"
    r"(?:once\s+|previously\s+|formerly\s+|still\s+|long\s+)?$",
    re.IGNORECASE,
)
_VICTIM_FATES = frozenset({"killed", "executed"})
_VICTIMS_AFTER_RE = re.compile(
    r"\s+(?:(?:at\s+least|more\s+than|some|about|nearly|over|dozens\s+of|hundreds\s+of"
    r"|thousands\s+of|scores\s+of)\s+)?(?:[\d,]+\s+|(?!by\b|in\b|at\b|on\b|near\b)\w+\s+)?"
    r"(?:(?!by\b|in\b|at\b|on\b|near\b)\w+\s+)?(?:civilians|villagers"
    r"|soldiers|troops|policemen|police\s+officers|hostages|residents|worshippers|journalists"
    r"|aid\s+workers|shepherds|farmers|pilgrims|tribesmen|guards)\b",
    re.IGNORECASE,
)
""""ISIS executed 25 villagers": the victims are not members (active voice, object after)."""
_VETOES: tuple[tuple[re.Pattern[str], int, tuple[str, ...]], ...] = (
    (_DOCUMENT_RE, 40, (" report", " statement", " stud", " survey", " video", " footage",
                        " record", " document", " figures", " data", " list", " book", " film",
                        " audio", " message", " findings")),
    (_REQUEST_RE, 80, ("call", " urg", " appeal", " press", " demand", " lobb", " encourag",
                       "petition")),
    (_AGENT_RE, 40, ("responsib", "blame")),
    (_EXCLUDED_RE, 0, ("excluding", "counting", "apart from", "aside")),
    (_TOPIC_RE, 40, ("issue", "question", "debate", "prospect", "topic", "matter", "talk",
                     "discussion", "policy", "fear", "risk", "threat", "possibilit", "danger",
                     "concern")),
)  # fmt: skip
"""Contexts in which a fate cue is no claim: (pattern before the cue, window, cheap keys;
a key starting with a space must begin a word)."""
_RELATIVE_RE = re.compile(
    r"\b(?:who|whom|if|whether|those)\s+(?P<between>(?:[\w-]+\s+){0,6})$", re.IGNORECASE
)
_NOT_MAIN_BEFORE = frozenset(
    [
        "and",
        "or",
        "but",
        "to",
        "not",
        "never",
        "would",
        "will",
        "may",
        "might",
        "could",
        "should",
        "must",
        "who",
        "which",
        "that",
    ]
)
_PARTITIVE_RE = re.compile(r"\bof\s+$", re.IGNORECASE)
_AUX_RE = re.compile(r"(?:have|has|had|are|were|is|was)\b", re.IGNORECASE)
_OTHERS_RE = re.compile(r"\b([\w-]+)\s+who\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_QUANTITY_WORDS = frozenset({"more", "many", "some", "those", "others", "few", "most", "all"})
_NOUN_AFTER_RE = re.compile(r"\s+(?:civilian|population|people|residents|\w+\s+civilians)", re.I)


def _reduced_relative(sentence: str, m: re.Match[str]) -> bool:
    """ "four citizens fighting alongside the group died": an -ing phrase right
    after its noun describes the people; the main verb comes later."""
    first = m.group().split()[0].lower()
    if not first.endswith("ing"):
        return False
    before = _LAST_WORD_RE.search(sentence, 0, m.start())
    if before is None or not any(p.fullmatch(before.group(1)) for _, p in SUBJECT_PATTERNS):
        return False
    return _MAIN_VERB_AFTER_RE.match(sentence, m.end()) is not None


_LAST_WORD_RE = re.compile(r"([\w-]+)\s+$")
_MAIN_VERB_AFTER_RE = re.compile(
    r"[^,;]*?\b(?:were|was|are|is|have|has|had)\s+(?:\w+\s+)?\w+(?:ed|en)\b", re.IGNORECASE
)


def _holds_ground(sentence: str, m: re.Match[str]) -> bool:
    """ "the towns they had held in Iraq", "territory captured by the militants": the
    group held or took ground; no one was held."""
    word = m.group().lower()
    if word.startswith("held") and _ACTIVE_HOLDER_RE.search(
        sentence, max(0, m.start() - 30), m.start()
    ):
        return True
    if not word.startswith(("captur", "seiz", "held", "taken")):
        return False
    agent = _BY_AGENT_RE.match(sentence, m.end())
    return agent is not None and (
        GROUP_RE.match(sentence, agent.end()) is not None
        or any(p.match(sentence, agent.end()) for _, p in SUBJECT_PATTERNS)
    )


_BY_AGENT_RE = re.compile(r"\s+by\s+(?:the\s+)?", re.IGNORECASE)


def _describes(sentence: str, start: int) -> bool:
    """A cue in a relative or conditional clause ("those who joined ISIS") describes people.

    "those who joined have returned": an auxiliary after the clause starts the main verb.
    """
    m = _RELATIVE_RE.search(sentence[max(0, start - 80) : start])
    if m is None or (
        m.group().lower().startswith("whom")
        and _PARTITIVE_RE.search(sentence, max(0, start - 80), start - len(m.group()))
    ):
        return False  # "40 men, 9 of whom were detained": a part, and what befell it
    words = m.group("between").split()
    if any(
        _AUX_RE.fullmatch(w) and words[i - 1].lower() not in _NOT_MAIN_BEFORE
        for i, w in enumerate(words)
        if i >= 2
    ):
        return False  # "citizens who had fought in Syria had been arrested": the main verb
    return not (words and _AUX_RE.match(sentence, start))


def _about_others(sentence: str, start: int) -> bool:
    """ "civilians who flee": a relative clause about people who are not members."""
    m = _OTHERS_RE.search(sentence[max(0, start - 50) : start])
    if m is None or m.group(1).lower() in _QUANTITY_WORDS:
        return False
    return not any(p.fullmatch(m.group(1)) for _, p in SUBJECT_PATTERNS)


def _modifies_noun(sentence: str, match: re.Match[str]) -> bool:
    """ "escaped members", "fleeing civilians": a participle used as an adjective."""
    word = match.group(0)
    adjective = word.lower() in ("slain", "dead")  # "their slain fathers", "the dead fighters"
    if " " in word or not (adjective or word.lower().endswith(("ed", "ing"))):
        return False
    if _AUX_BEFORE_RE.search(sentence, max(0, match.start() - 12), match.start()):
        return False  # "members who had killed two farmers": a verb
    if _STATUS_PARTICIPLE_RE.fullmatch(word):
        return _NOUN_AFTER_RE.match(sentence, match.end()) is not None
    rest = sentence[match.end() : match.end() + 40]
    if _NOUN_AFTER_RE.match(rest):
        return True
    nxt = re.match(r"\s+([\w-]+)", rest)
    if nxt is None:
        return False
    if adjective and nxt.group(1).islower() and nxt.group(1) not in _FUNCTION_WORDS:
        return True  # "their slain fathers": any noun after an attributive adjective
    words = re.findall(r"[\w-]+", rest)[:3]
    for i, after in enumerate(words):
        if after.lower() in _PERSON_NOUNS or any(p.fullmatch(after) for _, p in SUBJECT_PATTERNS):
            return True
        if i == 2 or not after[:1].isupper():
            return False  # "a captured Sudanese woman": only names and nationalities between
    return False


_PERSON_NOUNS = frozenset(
    ["man", "woman", "member", "fighter", "militant", "jihadist", "suspect", "child", "girl",
     "boy", "wife", "widow", "mother", "father", "husband", "son", "daughter", "operative"]
)  # fmt: skip
_FUNCTION_WORDS = frozenset(
    [
        "in",
        "on",
        "at",
        "by",
        "and",
        "or",
        "of",
        "to",
        "for",
        "from",
        "with",
        "after",
        "before",
        "since",
        "during",
        "were",
        "was",
        "are",
        "is",
        "had",
    ]
)
_AUX_BEFORE_RE = re.compile(r"\b(?:have|has|had|was|were|is|are|been|be)\s+$", re.IGNORECASE)
_STATUS_PARTICIPLE_RE = re.compile(
    r"(?:imprisoned|detained|jailed|arrested|repatriated|deported|surrendered|killed)",
    re.IGNORECASE,
)
""""the imprisoned women", "repatriated citizens": an adjective that states their fate."""

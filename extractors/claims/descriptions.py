"""Sources described rather than named: "the official", "the outlet", "the report".

An article names a source once in full ("a judicial official", "an Egyptian news website,
X,", "a report that the monitoring team presented") and then refers to it by a definite
description of the same kind ("the official said", "the outlet added", "said the
report"). `note_mention` records the fuller mentions as attribution resolves them;
`described_source` resolves a definite description to the last one of its kind.
"""

from __future__ import annotations

import re

from extractors.claims.places import place_codes
from extractors.claims.speakers import LEXICON, SourceBook
from extractors.claims.vocab import compile_phrases, escape_all, require
from extractors.types import SourceType

require("descriptions", LEXICON["descriptions"])
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, compile_phrases(kind, [rf"{h}s?" for h in escape_all(heads)]))
    for kind, heads in LEXICON["descriptions"].items()
)
_DEFINITE_RE = re.compile(
    r"(?i:the|this|that|its|their|his|her)\s+(?:[\w’'-]+\s+){0,2}?(?P<head>[\w-]+(?:\s[\w-]+)?)"
)
_REPORT_BY_RE = re.compile(
    r"(?i:an?|the|its|their)\s+(?:[\w-]+\s+){0,3}?(?i:report|study|assessment|survey)\s+"
    r"(?:that|which)\s+(?:the\s+)?(?P<author>[^,;]{3,60}?)\s+(?:presented|released|published"
    r"|issued|submitted|prepared|compiled|sent|delivered|wrote|produced)\b"
)
""""a report that the monitoring team presented": the report's author is the source."""


_ARTICLES = frozenset(["a", "an", "the", "one", "another"])


def kind_of(phrase: str) -> str | None:
    """The kind of described source a phrase's words name ("a judicial official" → official)."""
    for kind, pattern in _KINDS:
        if pattern.search(phrase):
            return kind
    return None


def report_author(phrase: str) -> str | None:
    """The author in "a report that X presented", when a report is named by its author."""
    match = _REPORT_BY_RE.match(phrase.strip())
    return match["author"] if match else None


def is_definite_description(phrase: str) -> bool:
    """ "the official", "the Egyptian outlet", "its new report": a definite article and a
    head noun of a described kind, with nothing named."""
    match = _DEFINITE_RE.fullmatch(phrase.strip())
    if match is None or kind_of(match["head"]) is None:
        return False
    named = [w for w in phrase.split()[1:] if w[:1].isupper() and not place_codes(w)]
    return not named  # "the Egyptian outlet" describes; "the Anadolu news agency" names


def described_source(phrase: str, book: SourceBook) -> tuple[tuple[str, ...], SourceType] | None:
    """The fuller mention a definite description stands for, when the article has one."""
    if not is_definite_description(phrase):
        return None
    return book.mentions.get(kind_of(phrase) or "")


def note_mention(phrase: str, found: tuple[tuple[str, ...], SourceType], book: SourceBook) -> None:
    """Record a source's mention under the kind its words name, unless it is a description."""
    kind = kind_of(phrase)
    if kind is None or is_definite_description(phrase):
        return
    if len([w for w in phrase.split() if w.lower() not in _ARTICLES]) >= 2 or found[0] != (phrase,):
        book.mentions[kind] = found  # "officials" alone is no fuller than "the official"


def note_role(role: str, found: tuple[tuple[str, ...], SourceType], book: SourceBook) -> None:
    """Record a named person under the kind their role names ("Jane Doe, the army
    spokesman," is who "the spokesman" later stands for)."""
    kind = kind_of(role) if role else None
    if kind is not None:
        book.mentions[kind] = found

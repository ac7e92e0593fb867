"""Source phrases resolved to names and a source type (`sources.py` finds the phrases).

A phrase is a pronoun ("he" → the last person-like source), a definite description ("the
official" → the fuller mention, `descriptions`), an organisation's anaphor ("the group"),
an acronym or organisation the document defined, a person (with a title or role, or a
surname seen before), or a noun phrase whose words say its type ("a UN panel").
"""

from __future__ import annotations

import re

from extractors.claims.descriptions import described_source, kind_of, note_mention, note_role
from extractors.claims.people import GROUP_RE
from extractors.claims.places import place_codes
from extractors.claims.speakers import (
    CAP,
    LEXICON,
    NAME_RE,
    NOT_NAMES,
    PARTICLE,
    ROLE_RE,
    TITLE,
    SourceBook,
    after_titles,
    clean_name,
    known_person,
    person_type,
    remember_person,
    titled_name_of,
    type_of,
    valid_name,
)
from extractors.claims.vocab import compile_phrases, escape_all
from extractors.types import SourceType

Resolved = tuple[tuple[str, ...], SourceType]
_LEX = LEXICON
_STRIP_LEFT = frozenset(_LEX["strip_left"])
_STRIP_RIGHT = tuple(sorted(_LEX["strip_right"], key=len, reverse=True))
_ANAPHOR_RE = compile_phrases("org_anaphors", escape_all(_LEX["org_anaphors"]))
_PRONOUN_RE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_SURNAME_RE = re.compile(rf"(?:{PARTICLE}-)?{CAP}")
_NAME_OF_ORG_RE = re.compile(
    rf"(?:{TITLE})?(?P<name>{NAME_RE.pattern})\s+(?:of|at|from)\s+(?:the\s+)?\w[^,;]*"
)
_ROLE_THEN_NAME_RE = re.compile(
    r"^(?P<role>.*?\S)(?<!\bfor)(?<!\bof)(?<!\bat)(?<!\bthe)(?<!\bwith)(?<!\bin)(?<!\bby)\s+"
    rf"(?:{TITLE})?(?P<name>{NAME_RE.pattern})$"
)
""""interior ministry spokesman Jane Doe": a role, then the person's name."""
_CLAUSE_RE = re.compile(r"\b(?:have|has|had|been|is|are|was|were|be)\b")  # not "IS"


def _strip_phrase(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower() in _STRIP_LEFT:
        words = words[1:]
    text = " ".join(words)
    changed = True
    while changed:
        changed = False
        for tail in _STRIP_RIGHT:
            if text.lower().endswith(" " + tail) or text.lower() == tail:
                text = text[: len(text) - len(tail)].rstrip()
                changed = True
    return text.strip(" '’.,;:")


def resolve_source(phrase: str, book: SourceBook) -> Resolved | None:
    """Names and type for a source phrase: pronoun, anaphor, person, acronym or noun phrase."""
    phrase = _strip_phrase(phrase)
    relative = re.match(r"(?P<head>.+?)\s+(?:who|which)\s", phrase)
    if relative is not None and type_of(relative["head"]) is not None:
        phrase = relative["head"]  # "the Syrian guard who runs the camp said"
    if not phrase or "_" in phrase or len(phrase.split()) > 10:
        return None
    if _PRONOUN_RE.fullmatch(phrase):
        return book.last_speaker
    described = described_source(phrase, book)
    if described is not None:
        return described
    if GROUP_RE.fullmatch(phrase) and re.fullmatch(r"(?!The\s)[A-Z][\w -]*", phrase):
        return (phrase,), "armed_group"  # "IS claimed the attack": the group speaks for itself
    if _ANAPHOR_RE.fullmatch(phrase) and book.last_org and _fits(phrase, book):
        return (book.last_org,), book.orgs.get(book.last_org, ("", None))[1] or "unnamed"
    found = _resolve_named(phrase, book)
    if found is not None and (
        NAME_RE.fullmatch(found[0][0]) or ROLE_RE.search(phrase) or _one_person(phrase)
    ):
        book.last_speaker = found
    if found is not None:
        note_mention(phrase, found, book)
        note_role(book.roles.get(found[0][0], ""), found, book)  # "the spokesman" later
    return found


def _one_person(phrase: str) -> bool:
    """ "a security source", "one resident": someone a later "he" or "she" can be."""
    return re.match(r"(?i:a|an|one|another)\s", phrase) is not None and kind_of(phrase) not in (
        "report",
        "statement",
        "outlet",
    )


def _fits(anaphor: str, book: SourceBook) -> bool:
    """Whether the last organisation can be "the ministry", "the watchdog": of the kind the
    anaphor names, or any kind for "it", "the group", "the organisation"."""
    kind = type_of(anaphor)
    if kind is None or book.last_org is None:
        return True
    head = anaphor.split()[-1].lower()
    org_kind = book.orgs.get(book.last_org, ("", None))[1] or type_of(book.last_org)
    generic = head in ("watchdog", "monitor", "tank")  # a kind, not a word of the name
    return head in book.last_org.lower() or (generic and org_kind == kind)


def _resolve_named(phrase: str, book: SourceBook) -> Resolved | None:
    name = clean_name(phrase)
    if name in book.orgs or (name.isupper() and len(name) >= 2):
        full, kind = book.orgs.get(name, (name, None))
        book.last_org = full
        names = (full, name) if full != name else (name,)
        return names, kind or type_of(full) or book.last_org_type or "unnamed"
    capitalised = name[:1].isupper() or re.match(rf"{PARTICLE}-[A-Z]", name) is not None
    known = known_person(book, name) if capitalised and len(name.split()) <= 4 else None
    if known is not None:
        return known, person_type(book, name)
    titled_name = titled_name_of(phrase)
    if titled_name is not None:
        person, role = titled_name
        remember_person(book, person, role, phrase)
        book.last_person = person
        return known_person(book, person) or (person,), person_type(book, person)
    if NAME_RE.fullmatch(name) and valid_name(name) and type_of(name) is None:
        remember_person(book, name, "")
        book.last_person = name
        return (name,), "research"
    if _SURNAME_RE.fullmatch(name) and name not in NOT_NAMES and type_of(name) is None:
        if place_codes(name):
            return (name,), "government"  # "Ankara says": a capital or country speaks
        book.last_person = name
        return (name,), "research"  # a surname whose introduction was not understood
    affiliated = _NAME_OF_ORG_RE.fullmatch(phrase)
    if affiliated is not None:
        person = clean_name(affiliated.group("name"))
        if valid_name(person) and type_of(person) is None and person not in book.orgs:
            role = phrase[affiliated.end("name") :]
            remember_person(book, person, role, affiliated.group("name"))
            return known_person(book, person) or (person,), person_type(book, person)
    titled = _ROLE_THEN_NAME_RE.search(phrase)
    if titled is not None and ROLE_RE.search(titled.group("role")):
        person = after_titles(titled.group("name"))
        if valid_name(person) and type_of(person) is None and person not in book.orgs:
            role = phrase[: phrase.rindex(person)].strip()
            remember_person(book, person, role, titled.group("name"))
            return known_person(book, person) or (person,), person_type(book, person)
    phrase = re.split(r"\b(?:that|which|who|whose)\s", phrase)[-1].strip()
    if not phrase or _CLAUSE_RE.search(phrase):
        return None
    org = next((w for w in re.findall(r"[A-Z][\w-]+", phrase) if w in book.orgs), None)
    org = org or next((o for o in book.orgs if " " in o and o in phrase), None)
    if org is not None:
        full, kind = book.orgs[org]
        names = (phrase, full) if full != phrase else (phrase,)
        return names, kind or type_of(full) or "unnamed"
    head = re.split(r"\s\w+ing\b", phrase)[0]
    kind = type_of(head) or type_of(phrase)
    if kind is None:
        return None
    if kind not in ("local", "unnamed"):
        book.last_org_type = kind
        if re.match(r"(?i:the)\s", phrase):
            book.last_org = re.sub(r"^(?i:the)\s+", "", phrase)
            book.orgs.setdefault(book.last_org, (book.last_org, kind))
        proper = _proper_name_in(phrase) if kind_of(phrase) else None
        if proper is not None:
            book.orgs.setdefault(proper, (proper, kind))  # "the Turkish X newspaper": X
    return (phrase,), kind


def _proper_name_in(phrase: str) -> str | None:
    """The capitalised name inside a described organisation ("the Turkish X newspaper")."""
    runs = re.findall(rf"{CAP}(?:\s+{CAP})*", " ".join(phrase.split()[1:]))
    words = " ".join(runs).split()
    names = [w for w in words if w not in NOT_NAMES and not place_codes(w) and not type_of(w)]
    return " ".join(names) if len(runs) == 1 and names else None

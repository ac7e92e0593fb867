"""The people and organisations a document introduces, for attribution (`sources.py`).

`SourceBook` remembers people introduced with a role ("Jane Doe, a spokeswoman for the
interior ministry") and organisations defined with an acronym ("the Syrian Democratic
Forces (SDF)"), each typed into the schema's source types by the lexicon's cues, so a
later "Doe said", "she said" or "the SDF said" resolves to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from extractors.claims.vocab import compile_phrases, escape_all, load_toml, require
from extractors.types import SourceType

LEXICON = load_toml("sources.toml")
"""`lexicon/sources.toml`, loaded once; `sources.py` reads its attribution cues from it."""

TYPE_CUES: tuple[tuple[SourceType, re.Pattern[str]], ...] = tuple(
    (cast(SourceType, kind), compile_phrases(kind, cues, prefix=True))
    for kind, cues in LEXICON["types"].items()
)
require("types", TYPE_CUES)
_WEAK_CUES: tuple[tuple[SourceType, re.Pattern[str]], ...] = tuple(
    (cast(SourceType, kind), compile_phrases(kind, cues, prefix=True))
    for kind, cues in LEXICON["weak_types"].items()
)
require("weak_types", _WEAK_CUES)
NOT_NAMES: frozenset[str] = frozenset(LEXICON["names"]["not_names"])
TITLES: frozenset[str] = frozenset(LEXICON["names"]["titles"])

ROLE_RE = compile_phrases("roles", escape_all(LEXICON["roles"]))

PARTICLE = r"(?:al|el|bin|ibn|abu|abdel|abdul|van|von|de|der|la|le|du|da|di)"
CAP = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:[-'’][A-Za-zÀ-ÖØ-öø-ÿ]+)*"

TITLE = r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Sgt|Capt|Maj|Brig|Sen|Gov|Rep)\.\s+)+"
"""An abbreviated title before a name ("Col. ", "Dr. ")."""

NAME_RE = re.compile(rf"(?<=\. )?{CAP}(?:\s+(?:{PARTICLE}[\s-])?{CAP}){{1,3}}")

_ACRONYM_DEF_RE = re.compile(
    r"((?:[A-Z][\w'’-]*\s+)(?:(?:[a-z]+|[A-Z][\w'’-]*)\s+){0,6}?[A-Z][\w'’-]*)"
    r"\s+\(([A-Z]{2,6})\)"
)
_ORG_RUN_RE = re.compile(
    r"(?:[A-Z][\w'’.-]*)(?:\s+(?:for|of|and|the|on|in|is|at)?\s*[A-Z][\w'’.-]*)+"
)


_ORG_BEFORE_RE = re.compile(
    r"^(?i:the)\s+[\w-]+['’]s\b|\b(?:for|of|at|in|with)\s+(?:the|this|that)\s+(?:group"
    r"|organi[sz]ation|movement|militia|alliance|agency|ministry|force|forces)\b"
)
""""the panel's coordinator", "a spokesman for the group": a role in the organisation
named before."""


@dataclass
class SourceBook:
    """People and organisations a document has introduced so far (one per document)."""

    people: dict[str, tuple[str, str, SourceType | None]] = field(default_factory=dict)
    orgs: dict[str, tuple[str, SourceType | None]] = field(default_factory=dict)
    last_person: str | None = None
    last_speaker: tuple[tuple[str, ...], SourceType] | None = None
    """The last person-like source (named, or "a commander"), for "he said"."""
    last_org: str | None = None
    last_org_type: SourceType | None = None
    roles: dict[str, str] = field(default_factory=dict)
    """Each person's role as the article gave it ("the army spokesman")."""
    mentions: dict[str, tuple[tuple[str, ...], SourceType]] = field(default_factory=dict)
    """The last fuller mention of each kind of described source ("a judicial official")."""


def type_of(text: str) -> SourceType | None:
    """The source type a phrase's words indicate, by the lexicon's ordered cues."""
    for kind, pattern in TYPE_CUES + _WEAK_CUES:
        if pattern.search(text):
            return kind
    return None


def clean_name(name: str) -> str:
    words = name.split()
    while words and (words[0].rstrip(".") in TITLES or words[0] in NOT_NAMES):
        words = words[1:]
    return " ".join(words)


def after_titles(name: str) -> str:
    """The name after any title or role words ("Interior Minister Adel Rashid" → Adel Rashid)."""
    words = name.split()
    cut = 0
    for i, word in enumerate(words):
        bare = word.rstrip(".")
        if bare in TITLES or bare in NOT_NAMES or ROLE_RE.fullmatch(bare):
            cut = i + 1
    return " ".join(words[cut:])


def valid_name(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and words[0] not in NOT_NAMES and words[-1] not in NOT_NAMES


def _org_in(text: str) -> str | None:
    """The organisation named in a role description ("fellow at the X Institute")."""
    best = None
    for match in _ORG_RUN_RE.finditer(text):
        run = re.sub(r"^(?:The|A|An)\s+", "", match.group(0).strip())
        last = run.split()[-1]
        if last in TITLES or ROLE_RE.fullmatch(last) or last in NOT_NAMES:
            continue  # "Deputy Foreign Minister": a title, not an organisation
        if len(run.split()) >= 2 or run.isupper():
            best = run if best is None or len(run) > len(best) else best
    if best is None:
        single = re.search(
            r"\b(?:for|of|at|with)\s+(?:the\s+)?([A-Z][\w'’-]+)(?=\s*(?:[,.;)]|$))", text
        )
        if single and single.group(1) not in NOT_NAMES and not ROLE_RE.fullmatch(single.group(1)):
            best = single.group(1)  # "a spokesman for Hezbollah"
    return best


def learn(sentence: str, book: SourceBook) -> None:
    """Record people introduced with a role and organisations defined with an acronym."""
    acronyms = _ACRONYM_DEF_RE.finditer(sentence) if "(" in sentence else iter(())
    for match in acronyms:
        acronym = match.group(2)
        name = _expansion(sentence[: match.end(1)], acronym) or match.group(1).strip()
        kind = type_of(name) or book.last_org_type
        book.orgs[acronym] = (name, kind)
        book.orgs[name] = (name, kind)
        book.last_org, book.last_org_type = name, kind
    names = list(NAME_RE.finditer(sentence))
    for match in names:
        if match.group(0).count(" ") < 2:
            continue  # a title and a name of two words at least
        titled = titled_name_of(match.group(0))
        if titled is not None and titled[0] not in book.people:
            remember_person(book, titled[0], titled[1], match.group(0))
    if not names or ", " not in sentence or not ROLE_RE.search(sentence):
        return
    for match in names:
        name = clean_name(match.group(0))
        if not valid_name(name):
            continue
        role = _role_after(sentence, match.end())
        if role is not None:
            remember_person(book, name, role, match.group(0))
            known = known_person(book, name)
            if known is not None and book.last_speaker is None:
                book.last_speaker = known, person_type(book, name)


def titled_name_of(phrase: str) -> tuple[str, str] | None:
    """ "President Jane Doe", "Interior Minister Jane Doe": the person and the title or role
    words in front of the name, which say what kind of source the person is."""
    words = phrase.split()
    person = after_titles(phrase)
    if person == phrase or not valid_name(person) or not NAME_RE.fullmatch(person):
        return None
    role = " ".join(words[: len(words) - len(person.split())])
    if not (ROLE_RE.search(role) or any(w.rstrip(".") in TITLES for w in role.split())):
        return None
    return person, role


def _expansion(left: str, acronym: str) -> str | None:
    """The words before "(ABC)" whose capitalised initials spell ABC."""
    words = left.split()
    for n in range(len(acronym), min(len(words), len(acronym) + 4) + 1):
        tail = words[-n:]
        initials = "".join(w[0] for w in tail if w[:1].isupper())
        if initials.upper() == acronym and tail[0][:1].isupper():
            return " ".join(tail)
    return None


def _role_after(sentence: str, end: int) -> str | None:
    rest = sentence[end:]
    m = re.match(r",\s+((?:[^,.;]|,\s+(?=(?:and|including)\b))+)", rest)
    if m is None or not ROLE_RE.search(m.group(1)[:60]):
        return None
    return m.group(1)


def remember_person(book: SourceBook, name: str, role: str, written: str = "") -> None:
    role = re.sub(r"^(?:a |an |the )?former\b.*?\band\b", "", role)
    org = _org_in(role) or next((w for w in re.findall(r"[A-Z][\w-]+", role) if w in book.orgs), "")
    org = book.orgs.get(org, (org, None))[0]
    kind = type_of(role) or (type_of(org) if org else None) or type_of(written)
    book.roles[name] = role
    if kind is None and _ORG_BEFORE_RE.search(role):
        kind = book.last_org_type  # "the panel's coordinator": the organisation named before
    book.people[name] = (name, org, kind)
    surname = name.split()[-1]
    book.people[surname] = (name, org, kind)
    book.people[_bare_surname(surname)] = (name, org, kind)


def _bare_surname(surname: str) -> str:
    """The surname without its article ("al-Amin", "Al-Amin" → "Amin")."""
    return re.sub(r"^(?:al|el|ad|ar|as|ash|az|ez)-", "", surname, flags=re.I)


def _entry(book: SourceBook, name: str) -> tuple[str, str, SourceType | None] | None:
    surname = name.split()[-1]
    return (
        book.people.get(name) or book.people.get(surname) or book.people.get(_bare_surname(surname))
    )


def known_person(book: SourceBook, name: str) -> tuple[str, ...] | None:
    entry = _entry(book, name)
    if entry is None:
        return None
    book.last_person = entry[0]
    return (entry[0], entry[1]) if entry[1] else (entry[0],)


def person_type(book: SourceBook, name: str) -> SourceType:
    entry = _entry(book, name)
    return (entry[2] if entry else None) or "research"

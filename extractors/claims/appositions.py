"""A name beside its role: "X, a spokesman for Y, said", "A ministry official, X, said",
"An Egyptian news website, X, reported", "X, who heads the unit, said".

`sources.py` finds the verb of saying; these read the appositive next to it, learn the
person's role (and so their source type) and return the name to resolve.
"""

from __future__ import annotations

import re

from extractors.claims.descriptions import kind_of, note_mention
from extractors.claims.speakers import (
    CAP,
    NAME_RE,
    ROLE_RE,
    TITLE,
    SourceBook,
    clean_name,
    remember_person,
    type_of,
    valid_name,
)

_ROLE_COMMA_NAME_RE = re.compile(
    rf"(?P<role>[^,;:“”\"()]{{3,120}}),\s+(?:{TITLE})?(?P<name>{NAME_RE.pattern}),\s*$"
)


def appositive_name(masked: str, end: int, book: SourceBook) -> str | None:
    """ "Name, a role at X, told ..." → Name, when the verb follows a role appositive (a
    surname alone when the article named the person before: "Doe, the mayor, said"; an
    organisation it defined: "The X Observatory (XO), a war monitor, said")."""
    org = re.search(
        r"(?:^|[,;:]\s*)(?:[Tt]he\s+)?([A-Z][^,;:]*?)\s*,\s+[^,“”\"]{3,160},\s*$", masked[:end]
    )
    if org is not None and org.group(1) in book.orgs:
        return org.group(1)
    m = re.search(rf"({NAME_RE.pattern}|{CAP}),\s+[^,“”\"]{{3,160}},\s*$", masked[:end])
    if m is None or not ROLE_RE.search(masked[m.end(1) : end]):
        return None
    name = clean_name(m.group(1))
    return name if " " in name or name in book.people else None


def learn_role_aside(masked: str, aside: re.Match[str], book: SourceBook) -> None:
    """ "X, who directs the ministry's department, said": the aside gives X's role."""
    person = re.search(rf"({NAME_RE.pattern})$", masked[: aside.start()])
    role = aside.group(0).strip(" ,")
    if person is None or not re.match(r"(?i:who)\s", role) or type_of(role) is None:
        return
    name = clean_name(person.group(1))
    entry = book.people.get(name)
    if valid_name(name) and (entry is None or entry[2] is None):
        remember_person(book, name, role, person.group(1))


def name_after_role(masked: str, end: int, book: SourceBook) -> str | None:
    """ "A ministry official, Jane Doe, said ..." → Jane Doe, learnt with that role."""
    m = _ROLE_COMMA_NAME_RE.search(masked[:end])
    if m is None:
        return None
    if not ROLE_RE.search(m.group("role")):
        return _name_after_description(m.group("role"), m.group("name"), book)
    name = clean_name(m.group("name"))
    if not valid_name(name):
        return None
    remember_person(book, name, m.group("role").strip(), m.group("name"))
    return name


def _name_after_description(description: str, name: str, book: SourceBook) -> str | None:
    """ "A local news website, Daily Mirror, reported": an organisation of the kind described."""
    kind = type_of(description)
    if kind is None or kind_of(description) is None or not NAME_RE.fullmatch(name):
        return None
    book.orgs[name] = (name, kind)
    note_mention(description, ((name,), kind), book)
    return name

"""Attribution: who makes a claim, typed into the schema's source types.

`SourceBook` holds what a document has introduced so far (people with their roles,
organisations with their acronyms); `find_attributions` reads one sentence against it.
Pronouns ("he said") resolve to the last person named, "the group claims" to the last
organisation named, a surname alone ("Smith said") to the full name seen before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from extractors.claims.places import place_codes
from extractors.claims.vocab import (
    GuardedPattern,
    compile_phrases,
    escape_all,
    load_toml,
    require,
)
from extractors.types import SourceType

_LEX = load_toml("sources.toml")
for _key in ("verbs", "source_after", "strip_left", "strip_right", "roles", "org_anaphors"):
    require(_key, _LEX[_key])
TYPE_CUES: tuple[tuple[SourceType, re.Pattern[str]], ...] = tuple(
    (cast(SourceType, kind), compile_phrases(kind, cues, prefix=True))
    for kind, cues in _LEX["types"].items()
)
require("types", TYPE_CUES)
NOT_NAMES: frozenset[str] = frozenset(_LEX["names"]["not_names"])
TITLES: frozenset[str] = frozenset(_LEX["names"]["titles"])
_STRIP_LEFT = frozenset(_LEX["strip_left"])
_STRIP_RIGHT = tuple(sorted(_LEX["strip_right"], key=len, reverse=True))

_VERBS = "|".join(sorted(escape_all(_LEX["verbs"]), key=len, reverse=True))
VERB_RE = GuardedPattern(
    re.compile(rf"(?<![\w-])(?:{_VERBS})(?![\w-])", re.IGNORECASE), _LEX["verbs"]
)
_VERB_WORDS = frozenset(v.lower() for v in _LEX["verbs"] if " " not in v)
AFTER_RE = GuardedPattern(
    compile_phrases("source_after", escape_all(_LEX["source_after"])), _LEX["source_after"]
)
ROLE_RE = compile_phrases("roles", escape_all(_LEX["roles"]))
require("participles", _LEX["participles"])
_PARTICIPLE_RE = re.compile(
    r",\s+(" + "|".join(escape_all(_LEX["participles"])) + r")\b", re.IGNORECASE
)
_ANAPHOR_RE = compile_phrases("org_anaphors", escape_all(_LEX["org_anaphors"]))
_PRONOUN_RE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)

_PARTICLE = r"(?:al|el|bin|ibn|abu|abdel|abdul|van|von|de|der|la|le|du|da|di)"
_CAP = r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)*"
_TITLE = r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Sgt|Capt|Maj|Sen|Gov|Rep)\.\s+)"
NAME_RE = re.compile(rf"(?<=\. )?{_CAP}(?:\s+(?:{_PARTICLE}[\s-])?{_CAP}){{1,3}}")
_SURNAME_RE = re.compile(rf"(?:{_PARTICLE}-)?{_CAP}")
_NAME_OF_ORG_RE = re.compile(
    rf"(?:{_TITLE})?(?P<name>{NAME_RE.pattern})\s+(?:of|at|from)\s+(?:the\s+)?\w[^,;]*"
)
_ROLE_THEN_NAME_RE = re.compile(
    r"^(?P<role>.*?\S)(?<!\bfor)(?<!\bof)(?<!\bat)(?<!\bthe)(?<!\bwith)(?<!\bin)(?<!\bby)\s+"
    rf"(?:{_TITLE})?(?P<name>{NAME_RE.pattern})$"
)
""""interior ministry spokesman Jane Doe": a role, then the person's name."""
_ROLE_COMMA_NAME_RE = re.compile(
    rf"(?P<role>[^,;:“”\"()]{{3,120}}),\s+(?:{_TITLE})?(?P<name>{NAME_RE.pattern}),\s*$"
)
_ACRONYM_DEF_RE = re.compile(
    r"((?:[A-Z][\w'’-]*\s+)(?:(?:[a-z]+|[A-Z][\w'’-]*)\s+){0,6}?[A-Z][\w'’-]*)"
    r"\s+\(([A-Z]{2,6})\)"
)
_ORG_RUN_RE = re.compile(
    r"(?:[A-Z][\w'’.-]*)(?:\s+(?:for|of|and|the|on|in|is|at)?\s*[A-Z][\w'’.-]*)+"
)
_NP_END_RE = re.compile(
    r"\s(?:of|in|for|to|on|at|with|about|that|who|which|whose|as|and)\s(?![A-Z])"
)
_COMMON_AFTER_RE = re.compile(
    r"\s+((?:a|an|one|the|another|two|three|several)\s+[\w-]+(?:\s+[\w-]+){0,3}?)\s*(?=[,.;]|$)"
)
_CLAUSE_RE = re.compile(r"\b(?:have|has|had|been|is|are|was|were|be)\b", re.IGNORECASE)
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "new",
        "latest",
        "recent",
        "annual",
    ]
)
_ACRONYM_PARENS_RE = re.compile(r"\s\([A-Z][A-Za-z]{1,6}\)(?=\s)")
""""the Syrian Democratic Forces (SDF) said": a defined acronym does not end the phrase."""
_NOUNISH = frozenset(["report", "reports", "claim", "claims", "estimate", "estimates"])
_SAYING_NEXT_RE = re.compile(
    r"\s+(?:said|says|say|stated|states|found|finds|showed|shows|suggested|suggests"
    r"|concluded|concludes|estimated|estimates)\b"
)
_ASIDE_KEY_RE = re.compile(r", (?:speaking|who|on condition)", re.IGNORECASE)
_ASIDE_RE = re.compile(
    r",\s+(?:speaking|who\s+(?:spoke|asked|requested|declined)|on\s+condition)\b[^,;:]{0,80},",
    re.IGNORECASE,
)
""""X, speaking on condition of anonymity, said": an aside between subject and verb."""
_BOUNDARY_RE = re.compile(r"[,;:\"“”(){}\[\]—–]|\s-\s|\.\s")


@dataclass(frozen=True)
class Attribution:
    """Who says something in a sentence, and where the cue sits (offsets in the sentence)."""

    start: int
    end: int
    names: tuple[str, ...]
    source_type: SourceType


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


def type_of(text: str) -> SourceType | None:
    """The source type a phrase's words indicate, by the lexicon's ordered cues."""
    for kind, pattern in TYPE_CUES:
        if pattern.search(text):
            return kind
    return None


_QUOTED_RE = re.compile(r"(“)([^”]*)(”?)|(\")([^\"]*)(\"?)")
_NOT_SPACE_RE = re.compile(r"\S")


def mask_quotes(sentence: str) -> str:
    """The sentence with quoted words blanked (same length), so quotes are not parsed."""

    def blank(m: re.Match[str]) -> str:
        opening, inner, closing = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        return opening + _NOT_SPACE_RE.sub("_", inner) + closing

    return _QUOTED_RE.sub(blank, sentence)


def _clean_name(name: str) -> str:
    words = name.split()
    while words and (words[0].rstrip(".") in TITLES or words[0] in NOT_NAMES):
        words = words[1:]
    return " ".join(words)


def _after_titles(name: str) -> str:
    """The name after any title or role words ("Interior Minister Adel Rashid" → Adel Rashid)."""
    words = name.split()
    cut = 0
    for i, word in enumerate(words):
        bare = word.rstrip(".")
        if bare in TITLES or bare in NOT_NAMES or ROLE_RE.fullmatch(bare):
            cut = i + 1
    return " ".join(words[cut:])


def _valid_name(name: str) -> bool:
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
    if ", " not in sentence or not ROLE_RE.search(sentence):
        return
    for match in NAME_RE.finditer(sentence):
        name = _clean_name(match.group(0))
        if not _valid_name(name):
            continue
        role = _role_after(sentence, match.end())
        if role is not None:
            _remember_person(book, name, role, match.group(0))


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


def _remember_person(book: SourceBook, name: str, role: str, written: str = "") -> None:
    role = re.sub(r"^(?:a |an |the )?former\b.*?\band\b", "", role)
    org = _org_in(role) or next((w for w in re.findall(r"[A-Z][\w-]+", role) if w in book.orgs), "")
    org = book.orgs.get(org, (org, None))[0]
    kind = type_of(role) or (type_of(org) if org else None) or type_of(written)
    if kind is None and re.match(r"(?i:the)\s+[\w-]+['’]s\b", role):
        kind = book.last_org_type  # "the panel's coordinator": the organisation named before
    book.people[name] = (name, org, kind)
    surname = name.split()[-1]
    book.people[surname] = (name, org, kind)
    book.people[re.sub(r"^(?:al|el|ad|ar|as|ash|az|ez)-", "", surname, flags=re.I)] = (
        name,
        org,
        kind,
    )


def _person(book: SourceBook, name: str) -> tuple[str, ...] | None:
    entry = book.people.get(name) or book.people.get(name.split()[-1])
    if entry is None:
        return None
    book.last_person = entry[0]
    return (entry[0], entry[1]) if entry[1] else (entry[0],)


def _person_type(book: SourceBook, name: str) -> SourceType:
    entry = book.people.get(name) or book.people.get(name.split()[-1])
    return (entry[2] if entry else None) or "research"


REPORT_NOUNS: tuple[tuple[SourceType, re.Pattern[str]], ...] = tuple(
    (cast(SourceType, kind), compile_phrases(kind, cues))
    for kind, cues in _LEX["report_nouns"].items()
)
require("report_nouns", REPORT_NOUNS)


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


def _left_segment(masked: str, end: int) -> tuple[int, str]:
    """The phrase between the last boundary before `end` and `end`."""
    start = 0
    for match in _BOUNDARY_RE.finditer(masked, 0, end):
        start = match.end()
    return start, masked[start:end]


def _resolve(phrase: str, book: SourceBook) -> tuple[tuple[str, ...], SourceType] | None:
    """Names and type for a source phrase: pronoun, anaphor, person, acronym or noun phrase."""
    phrase = _strip_phrase(phrase)
    if not phrase or "_" in phrase or len(phrase.split()) > 10:
        return None
    if _PRONOUN_RE.fullmatch(phrase):
        return book.last_speaker
    if _ANAPHOR_RE.fullmatch(phrase) and book.last_org:
        return (book.last_org,), book.orgs.get(book.last_org, ("", None))[1] or "unnamed"
    found = _resolve_named(phrase, book)
    if found is not None and (NAME_RE.fullmatch(found[0][0]) or ROLE_RE.search(phrase)):
        book.last_speaker = found
    return found


def _resolve_named(phrase: str, book: SourceBook) -> tuple[tuple[str, ...], SourceType] | None:
    name = _clean_name(phrase)
    if name in book.orgs or (name.isupper() and len(name) >= 2):
        full, kind = book.orgs.get(name, (name, None))
        book.last_org = full
        names = (full, name) if full != name else (name,)
        return names, kind or type_of(full) or book.last_org_type or "unnamed"
    known = _person(book, name) if name[:1].isupper() and len(name.split()) <= 4 else None
    if known is not None:
        return known, _person_type(book, name)
    if NAME_RE.fullmatch(name) and _valid_name(name) and type_of(name) is None:
        _remember_person(book, name, "")
        book.last_person = name
        return (name,), "research"
    if _SURNAME_RE.fullmatch(name) and name not in NOT_NAMES and type_of(name) is None:
        if place_codes(name):
            return (name,), "government"  # "Ankara says": a capital or country speaks
        book.last_person = name
        return (name,), "research"  # a surname whose introduction was not understood
    affiliated = _NAME_OF_ORG_RE.fullmatch(phrase)
    if affiliated is not None:
        person = _clean_name(affiliated.group("name"))
        if _valid_name(person) and type_of(person) is None and person not in book.orgs:
            role = phrase[affiliated.end("name") :]
            _remember_person(book, person, role, affiliated.group("name"))
            return _person(book, person) or (person,), _person_type(book, person)
    titled = _ROLE_THEN_NAME_RE.search(phrase)
    if titled is not None and ROLE_RE.search(titled.group("role")):
        person = _after_titles(titled.group("name"))
        if _valid_name(person) and type_of(person) is None and person not in book.orgs:
            role = phrase[: phrase.rindex(person)].strip()
            _remember_person(book, person, role, titled.group("name"))
            return _person(book, person) or (person,), _person_type(book, person)
    phrase = re.split(r"\b(?:that|which|who|whose)\s", phrase)[-1].strip()
    if not phrase or _CLAUSE_RE.search(phrase):
        return None
    org = next((w for w in re.findall(r"[A-Z][\w-]+", phrase) if w in book.orgs), None)
    org = org or next((o for o in book.orgs if " " in o and o in phrase), None)
    if org is not None:
        full, kind = book.orgs[org]
        return (phrase, full), kind or type_of(full) or "unnamed"
    head = re.split(r"\s\w+ing\b", phrase)[0]
    kind = type_of(head) or type_of(phrase)
    if kind is None:
        return None
    if kind not in ("local", "unnamed"):
        book.last_org_type = kind
        if re.match(r"(?i:the)\s", phrase):
            book.last_org = re.sub(r"^(?i:the)\s+", "", phrase)
            book.orgs.setdefault(book.last_org, (book.last_org, kind))
    return (phrase,), kind


def _after_verb(masked: str, sentence: str, end: int) -> str | None:
    """A name or pronoun right after a verb of saying ("said Smith", "added he")."""
    m = re.match(
        rf"\s+(?:{_TITLE})?((?:{_CAP}|{_PARTICLE}-{_CAP})(?:\s+(?:{_PARTICLE}[\s-])?{_CAP}){{0,3}}"
        rf"|he|she)\b",
        masked[end:],
    )
    if m is None or masked[end : end + m.end()] != sentence[end : end + m.end()]:
        return None
    return m.group(1)


def _appositive_name(masked: str, end: int) -> str | None:
    """ "Name, a role at X, told ..." → Name, when the verb follows a role appositive."""
    m = re.search(rf"({NAME_RE.pattern}),\s+[^,“”\"]{{3,160}},\s*$", masked[:end])
    if m is None or not ROLE_RE.search(masked[m.end(1) : end]):
        return None
    return _clean_name(m.group(1))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def find_attributions(sentence: str, book: SourceBook) -> list[Attribution]:
    """Every attribution in a sentence, left to right, updating `book` as names appear."""
    learn(sentence, book)
    masked = mask_quotes(sentence)
    if "(" in masked:
        masked = _ACRONYM_PARENS_RE.sub(_blank, masked)
    if _ASIDE_KEY_RE.search(masked):
        masked = _ASIDE_RE.sub(_blank, masked)
    out: list[Attribution] = []
    lowered = masked.lower()
    for pattern in REPORT_NOUNS:
        if "report" not in lowered:
            break
        for m in pattern[1].finditer(masked):
            out.append(Attribution(m.start(), m.end(), (m.group(0),), pattern[0]))
    afters = list(AFTER_RE.finditer(masked, lowered))
    for m in afters:
        seg = _BOUNDARY_RE.split(masked[m.end() :], maxsplit=1)[0]
        if any(m.end() < n.start() < m.end() + len(seg) for n in afters):
            continue  # "according to figures from the ministry": the inner phrase names it
        seg = _NP_END_RE.split(seg, maxsplit=1)[0]
        found = _resolve(re.sub(r"^\s*(?:the\s+)?", "", seg), book)
        if found:
            out.append(Attribution(m.start(), m.end() + len(seg), *found))
    for m in VERB_RE.finditer(masked, lowered):
        found = _attribution_at(masked, sentence, m, book)
        if found and not any(a.start <= m.start() < a.end for a in out):
            out.append(Attribution(m.start(), m.end(), *found))
    for m in _PARTICIPLE_RE.finditer(masked) if "ing" in lowered else ():
        found = _participle_subject(masked, m.start(1), book)
        if found:
            out.append(Attribution(m.start(1), m.end(1), *found))
    return sorted(out, key=lambda a: a.start)


def _attribution_at(
    masked: str, sentence: str, verb: re.Match[str], book: SourceBook
) -> tuple[tuple[str, ...], SourceType] | None:
    if verb.group(0).lower() == "according to":
        return None
    after = _after_verb(masked, sentence, verb.end())
    inverted = masked[: verb.start()].rstrip().endswith((",", "”", '"'))
    if after is not None and inverted:
        found = _resolve(after, book)
        if found:
            return found
    common = _COMMON_AFTER_RE.match(masked, verb.end())
    if common is not None and inverted:
        found = _resolve(common.group(1), book)
        if found:
            return found
    _, seg = _left_segment(masked, verb.start())
    words = seg.split()
    if words and words[-1].lower() in _DETERMINERS:
        return None  # "in a report", "the claims": a noun, not a verb of saying
    if _SAYING_NEXT_RE.match(masked, verb.end()):
        return None  # "a UN report said": the noun heads the source of the next verb
    verbs = [w.lower() in _VERB_WORDS for w in words]
    if any(
        verbs[i]
        and words[i - 1].lower() not in _DETERMINERS
        and (i < len(words) - 1 or words[i].lower() not in _NOUNISH or verbs[i - 1])
        for i in range(len(words))
        if i > 0 or len(words) == 1
    ):
        return None  # "officials denied reports", "X said in a report": the first verb's
    if seg.strip():
        return _resolve(seg, book)
    name = _appositive_name(masked, verb.start()) or _name_after_role(masked, verb.start(), book)
    return _resolve(name, book) if name else None


def _name_after_role(masked: str, end: int, book: SourceBook) -> str | None:
    """ "A ministry official, Jane Doe, said ..." → Jane Doe, learnt with that role."""
    m = _ROLE_COMMA_NAME_RE.search(masked[:end])
    if m is None or not ROLE_RE.search(m.group("role")):
        return None
    name = _clean_name(m.group("name"))
    if not _valid_name(name):
        return None
    _remember_person(book, name, m.group("role").strip(), m.group("name"))
    return name


_MAIN_VERB_RE = re.compile(
    r"\s(?:(?:has|have|had|was|were|is|are|did|does|do|would|will|could)\b"
    r"|(?!(?:armed|united|based|related|unnamed|unidentified)\b)[a-z]+ed\b)"
)
"""Where the clause's verb starts: an auxiliary or a past tense ("rejected", "has denied")."""


def _participle_subject(
    masked: str, start: int, book: SourceBook
) -> tuple[tuple[str, ...], SourceType] | None:
    """ "X rejected the figure, saying ...": the subject of the clause the participle hangs on."""
    head = masked[:start].rstrip()
    if not head.endswith(","):
        return None
    clause_start = 0
    for match in re.finditer(r"[.;:]\s|^", head):
        clause_start = match.end()
    verb = _MAIN_VERB_RE.search(head, clause_start)
    if verb is None:
        return None
    subject = head[clause_start : verb.start()]
    if "," in subject or not subject.strip():
        return None
    return _resolve(subject, book)

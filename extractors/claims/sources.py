"""Attribution: who makes a claim, typed into the schema's source types.

`SourceBook` holds what a document has introduced so far (people with their roles,
organisations with their acronyms); `find_attributions` finds the source phrases of one
sentence (around verbs of saying, after "according to", before ", saying") and
`source_phrases.resolve_source` reads each against the book: pronouns ("he said") resolve
to the last person named, "the group claims" to the last organisation named, a surname
alone ("Smith said") to the full name seen before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from extractors.claims.appositions import appositive_name, learn_role_aside, name_after_role
from extractors.claims.descriptions import (
    described_source,
    note_mention,
    report_author,
)
from extractors.claims.places import place_codes
from extractors.claims.source_phrases import Resolved, resolve_source
from extractors.claims.speakers import (
    CAP,
    LEXICON,
    PARTICLE,
    TITLE,
    SourceBook,
    learn,
    type_of,
)
from extractors.claims.vocab import (
    GuardedPattern,
    compile_phrases,
    escape_all,
    require,
)
from extractors.types import SourceType

__all__ = ["Attribution", "SourceBook", "find_attributions", "mask_quotes", "type_of"]
"""`SourceBook` and `type_of` live in `speakers`; they are named here too, where attribution's
callers have always found them."""

_LEX = LEXICON
for _key in ("verbs", "source_after", "strip_left", "strip_right", "roles", "org_anaphors"):
    require(_key, _LEX[_key])

_VERBS = "|".join(sorted(escape_all(_LEX["verbs"]), key=len, reverse=True))
VERB_RE = GuardedPattern(
    re.compile(rf"(?<![\w-])(?:{_VERBS})(?![\w-])", re.IGNORECASE), _LEX["verbs"]
)
_VERB_WORDS = frozenset(v.lower() for v in _LEX["verbs"] if " " not in v)
AFTER_RE = GuardedPattern(
    compile_phrases("source_after", escape_all(_LEX["source_after"])), _LEX["source_after"]
)
require("participles", _LEX["participles"])
_PARTICIPLE_RE = re.compile(
    r",\s+(" + "|".join(escape_all(_LEX["participles"])) + r")\b", re.IGNORECASE
)

_NP_END_RE = re.compile(
    r"\s(?:of|in|for|to|on|at|with|about|that|who|which|whose|as|and)\s(?![A-Z])"
)
_COMMON_AFTER_RE = re.compile(
    r"\s+((?:a|an|one|the|another|two|three|several)\s+[\w-]+(?:\s+[\w-]+){0,3}?)\s*(?=[,.;]|$)"
)
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
_ACRONYM_PARENS_RE = re.compile(r"\s\([A-Z][A-Za-z]{1,6}\)(?=[\s,;])")
""""the Syrian Democratic Forces (SDF) said": a defined acronym does not end the phrase."""
_NOUNISH = frozenset(["report", "reports", "claim", "claims", "estimate", "estimates"])
_SAYING_NEXT_RE = re.compile(
    r"\s+(?:said|says|say|stated|states|found|finds|showed|shows|suggested|suggests"
    r"|concluded|concludes|estimated|estimates|reveals|revealed|notes|noted|highlights)\b"
)
_ASIDE_KEY_RE = re.compile(
    r", (?:speaking|who|on condition|released|published|issued|dated|seen|obtained)",
    re.IGNORECASE,
)
_ASIDE_RE = re.compile(
    r",\s+(?:speaking|who\s+(?:spoke|asked|requested|declined)|on\s+condition)\b[^,;:]{0,80},"
    rf"|,\s+(?:released|published|issued|dated|seen|obtained)\s[^,;:“”\"]{{3,80}},(?=\s+(?:{_VERBS}))"
    rf"|,\s+who\s[^,;:“”\"]{{3,120}},(?=\s+(?:{_VERBS})(?![\w-]))",
    re.IGNORECASE,
)
""""X, speaking on condition of anonymity, said", "X, who oversaw the talks, said": an
aside between subject and verb."""
_ADVERB_ASIDE_RE = re.compile(
    r",\s+(?:however|meanwhile|though|too|also|moreover|in\s+turn|for\s+(?:its|his|her|their)"
    r"\s+part|in\s+a\s+statement),(?=\s)",
    re.IGNORECASE,
)
""""The army, however, announced": an adverb between subject and verb."""
_ABBREVIATIONS = ("Dr", "Mr", "Mrs", "Ms", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Maj", "Brig")
_BOUNDARY_RE = re.compile(
    r"[,;:\"“”(){}\[\]—–]|\s-\s|" + "".join(rf"(?<!\b{a})" for a in _ABBREVIATIONS) + r"\.\s"
)
""""Gen. Jane Doe said": a title's full stop does not end the source phrase."""


@dataclass(frozen=True)
class Attribution:
    """Who says something in a sentence, and where the cue sits (offsets in the sentence)."""

    start: int
    end: int
    names: tuple[str, ...]
    source_type: SourceType


_QUOTED_RE = re.compile(r"(“)([^”]*)(”?)|(\")([^\"]*)(\"?)")
_NOT_SPACE_RE = re.compile(r"\S")


def mask_quotes(sentence: str) -> str:
    """The sentence with quoted words blanked (same length), so quotes are not parsed."""

    def blank(m: re.Match[str]) -> str:
        opening, inner, closing = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        return opening + _NOT_SPACE_RE.sub("_", inner) + closing

    if '"' not in sentence and "”" not in sentence:
        return sentence
    closing = _CLOSING_FIRST_RE.match(sentence)
    if closing is None:
        return _QUOTED_RE.sub(blank, sentence)
    head = _NOT_SPACE_RE.sub("_", sentence[: closing.end() - 1]) + sentence[closing.end() - 1]
    return head + _QUOTED_RE.sub(blank, sentence[closing.end() :])


_CLOSING_FIRST_RE = re.compile(
    r"[^“”\"]*?[\w.,!?…](?:”|\"(?=\s|$))(?=[^\"]*(?:\"[^\"]*\"[^\"]*)*$)"
)
""" "…the leadership," the colonel said": a sentence that starts inside a quotation opened
before it; its first quote mark closes that quotation."""


REPORT_NOUNS: tuple[tuple[SourceType, re.Pattern[str]], ...] = tuple(
    (cast(SourceType, kind), compile_phrases(kind, cues))
    for kind, cues in _LEX["report_nouns"].items()
)
require("report_nouns", REPORT_NOUNS)


def _left_segment(masked: str, end: int) -> tuple[int, str]:
    """The phrase between the last boundary before `end` and `end`."""
    start = 0
    for match in _BOUNDARY_RE.finditer(masked, 0, end):
        start = match.end()
    return start, masked[start:end]


def _after_verb(masked: str, sentence: str, end: int) -> str | None:
    """A name or pronoun right after a verb of saying ("said Smith", "added he")."""
    m = re.match(
        rf"\s+(?:{TITLE})?((?:{CAP}|{PARTICLE}-{CAP})(?:\s+(?:{PARTICLE}[\s-])?{CAP}){{0,3}}"
        rf"|he|she)\b",
        masked[end:],
    )
    if m is None or masked[end : end + m.end()] != sentence[end : end + m.end()]:
        return None
    return m.group(0).strip()


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def find_attributions(sentence: str, book: SourceBook) -> list[Attribution]:
    """Every attribution in a sentence, left to right, updating `book` as names appear."""
    learn(sentence, book)
    masked = mask_quotes(sentence)
    if "(" in masked:
        masked = _ACRONYM_PARENS_RE.sub(_blank, masked)
    if _ASIDE_KEY_RE.search(masked):
        for aside in _ASIDE_RE.finditer(masked):
            learn_role_aside(masked, aside, book)
        masked = _ASIDE_RE.sub(_blank, masked)
    masked = _ADVERB_ASIDE_RE.sub(_blank, masked)
    out: list[Attribution] = []
    lowered = masked.lower()
    for pattern in REPORT_NOUNS:
        for m in pattern[1].finditer(masked):
            out.append(Attribution(m.start(), m.end(), (m.group(0),), pattern[0]))
    afters = list(AFTER_RE.finditer(masked, lowered))
    for m in afters:
        seg = _BOUNDARY_RE.split(masked[m.end() :], maxsplit=1)[0]
        if any(m.end() < n.start() < m.end() + len(seg) for n in afters):
            continue  # "according to figures from the ministry": the inner phrase names it
        author = report_author(seg)
        seg = _NP_END_RE.split(author or seg, maxsplit=1)[0]
        seg = _SAYING_NEXT_RE.split(seg, maxsplit=1)[0]  # "a report by X found that"
        found = described_source(seg, book) or resolve_source(
            re.sub(r"^\s*(?:the\s+)?", "", seg), book
        )
        if found and author:
            note_mention("report", found, book)
        perpetrator = m.group(0).lower() == "claimed by" and found and found[1] == "armed_group"
        if found and not perpetrator:  # "attacks claimed by the group": it did them
            out.append(Attribution(m.start(), m.end() + len(seg), *found))
    for m in VERB_RE.finditer(masked, lowered):
        found = _attribution_at(masked, sentence, m, book)
        found = _as_outlet(found, m.group(0), book) if found else None
        if found and m.group(0).lower() == "saw" and place_codes(found[0][0]):
            found = None  # "France saw its citizens leave": a country lives it, no one tells it
        if found and not any(a.start <= m.start() < a.end for a in out):
            out.append(Attribution(m.start(), m.end(), *found))
    for m in _PARTICIPLE_RE.finditer(masked) if "ing" in lowered else ():
        found = _participle_subject(masked, m.start(1), book)
        if found:
            out.append(Attribution(m.start(1), m.end(1), *found))
    return sorted(out, key=lambda a: a.start)


def _attribution_at(
    masked: str, sentence: str, verb: re.Match[str], book: SourceBook
) -> Resolved | None:
    if verb.group(0).lower() == "according to":
        return None
    if verb.group(0).lower() == "read" and not _reads_a_quotation(masked, verb):
        return None
    listener = verb.group(0).lower() in ("told", "tells", "tell")  # "told Reuters": heard it
    after = None if listener else _after_verb(masked, sentence, verb.end())
    inverted = masked[: verb.start()].rstrip().endswith((",", "”", '"'))
    if after is not None and inverted:
        found = resolve_source(after, book)
        if found:
            return found
    common = _COMMON_AFTER_RE.match(masked, verb.end())
    if common is not None and inverted:
        found = resolve_source(common.group(1), book)
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
    if re.search(r"(?:^|\s)(?:and|but)\s*$", seg):
        subject = _FIRST_VERB_RE.split(masked, maxsplit=1)[0]
        return resolve_source(subject, book) if subject != masked else None
    if seg.strip():
        return resolve_source(seg, book)
    name = appositive_name(masked, verb.start(), book) or name_after_role(
        masked, verb.start(), book
    )
    return resolve_source(name, book) if name else None


_FIRST_VERB_RE = re.compile(r"\s(?:is|are|was|were|has|have|had|will|would|[a-z]+ed)\b")
""""X had called his father, and claimed ...": a coordinated verb's subject is the sentence's."""


def _reads_a_quotation(masked: str, verb: re.Match[str]) -> bool:
    """ "“…,” the statement read.": "read" says who speaks only after a quotation."""
    start, _ = _left_segment(masked, verb.start())
    closes = masked[:start].rstrip().endswith((",”", "”", ',"', '"'))
    return closes and not masked[verb.end() :].strip(" .")


def _as_outlet(found: Resolved, verb: str, book: SourceBook) -> Resolved:
    """ "X reports ...": a name nothing else types, that reports, is a news outlet."""
    name = found[0][0]
    entry = book.people.get(name)
    if not verb.lower().startswith("report") or entry is None or entry[2] is not None:
        return found
    book.orgs[name] = (name, "media")
    return found[0], "media"


_MAIN_VERB_RE = re.compile(
    r"\s(?:(?:has|have|had|was|were|is|are|did|does|do|would|will|could)\b"
    r"|(?!(?:armed|united|based|related|unnamed|unidentified)\b)[a-z]+ed\b)"
)
"""Where the clause's verb starts: an auxiliary or a past tense ("rejected", "has denied")."""


def _participle_subject(masked: str, start: int, book: SourceBook) -> Resolved | None:
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
    said = VERB_RE.finditer(head[: verb.start()], head[: verb.start()].lower())
    end = next((m.start() for m in said if m.start() > clause_start), verb.start())
    subject = head[clause_start:end]  # "officials say X is paying off, claiming": officials
    if "," in subject or not subject.strip():
        return None
    return resolve_source(subject, book)

"""Why the engine made, or did not make, a claim: each sentence with the cues that fired.

`explain_claims(doc_id, text, published)` runs the same stages as `extract_claims` and
reports, per sentence, the fate cues, the people and outsiders, the figures, the places
and the speakers it found, the final claims, and, when there are none, why not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extractors.claims import read_sentences
from extractors.claims.discourse import complete_claims, read_frame
from extractors.claims.facts import sentence_facts
from extractors.claims.fates import find_fate_cues
from extractors.claims.people import is_on_topic
from extractors.claims.sentences import is_heading, split_sentences
from extractors.claims.sources import find_attributions
from extractors.claims.speakers import SourceBook
from extractors.types import Claim


@dataclass(frozen=True)
class SentenceReport:
    """What the engine saw in one sentence and what it made of it."""

    sentence: str
    fates: tuple[str, ...]
    """Each fate cue as `fate 'words'`."""
    groups: tuple[str, ...]
    """Each people noun as `subject 'words'`; outsiders as `outsider 'words'`."""
    counts: tuple[str, ...]
    places: tuple[str, ...]
    sources: tuple[str, ...]
    claims: tuple[Claim, ...]
    why_none: str | None
    """Why the sentence makes no claim, when it makes none."""


def explain_claims(doc_id: str, text: str, published: date | None = None) -> list[SentenceReport]:
    """One report per sentence of `text`, in order, with the article's final claims."""
    if not is_on_topic(text):
        why = "the article never names the group"
        return [_report(s, (), why) for s in split_sentences(text)]
    sentences = list(read_sentences(doc_id, text, published))
    final = complete_claims(
        [claim for _, found in sentences for claim in found], read_frame(text, published)
    )
    by_sentence: dict[str, list[Claim]] = {}
    for claim in final:
        by_sentence.setdefault(claim.sentence, []).append(claim)
    return [_report(s, tuple(by_sentence.pop(s, ())), None) for s, _ in sentences]


def _report(sentence: str, claims: tuple[Claim, ...], why: str | None) -> SentenceReport:
    cues = find_fate_cues(sentence)
    facts = sentence_facts(sentence, cues, None)
    attributions = find_attributions(sentence, SourceBook())
    if why is None and not claims:
        why = _why_none(sentence, bool(cues))
    return SentenceReport(
        sentence=sentence,
        fates=tuple(f"{c.fate} '{sentence[c.start : c.end]}'" for c in cues),
        groups=tuple(f"{m.subject} '{sentence[m.start : m.end]}'" for m in facts.subjects)
        + tuple(f"outsider '{sentence[m.start : m.end]}'" for m in facts.outsiders),
        counts=tuple(
            f"'{sentence[c.start : c.end]}' = {_interval(c.low, c.high)}" for c in facts.counts
        ),
        places=tuple(f"'{p.name}' {'/'.join(p.codes)} ({p.kind})" for p in facts.places),
        sources=tuple(f"{' / '.join(a.names)} ({a.source_type})" for a in attributions),
        claims=claims,
        why_none=why,
    )


def _why_none(sentence: str, cued: bool) -> str:
    if is_heading(sentence):
        return "a heading or caption, not a sentence"
    if sentence.rstrip().endswith("?"):
        return "a question asserts nothing"
    if not cued:
        return "no word says what happened to anyone (no fate cue)"
    return "the fate cues are not about the group's people (no members, figure or group)"


def _interval(low: int | None, high: int | None) -> str:
    if low == high:
        return "?" if low is None else str(low)
    return f"{'?' if low is None else low}–{'?' if high is None else high}"

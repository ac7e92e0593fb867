"""The claim engine: `extract_claims(doc_id, text, published)` → claims (docs/claim-schema.md).

Pure and deterministic. It reads an article the way an analyst does, in stages:

1. topic      `people.is_on_topic`: an article that never names the group (or names only
              a rival's jihadists) has no claims.
2. sentences  `sentences`: paragraphs and sentences, page furniture dropped.
3. speakers   `sources`, `speakers`, `source_phrases`, `descriptions`, `reporting`: who
              says so ("…, the officer said", "according to X", "the official" for the
              fuller mention); a quotation keeps its speaker across sentences, and a
              source's figures run on through its paragraph.
4. fates      `fates`, `cue_reading`: the words that say what happened to people ("were
              rounded up", "are now in Libya"), each a cue with its fate, unless they only
              describe people, name a topic, a request or an offence.
5. groups     `people`, `grounding`: who the cue is about (members, or women,
              citizens, "Moroccans" in an article about the group; never civilians,
              troops, a rival group's men or an attack's victims) and whether it happened.
6. figures    `counts`, `figures`, `places`, `whereabouts`: how many, from where, where.
7. claims     `build`, `enumeration`, `contested`: one claim per fate, clause and counted
              group, with certainty and polarity (`modality`), counterpart and time.
8. context    `discourse`: what the sentence leaves unsaid, from the article: its year,
              its people's home, where it is set.

`explain.explain_claims` shows, sentence by sentence, what each stage found. The
vocabularies are data in `lexicon/`. Bump EXTRACTOR_VERSION whenever rules change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from extractors.claims.build import sentence_claims
from extractors.claims.carried import carried_claims
from extractors.claims.discourse import complete_claims, read_frame
from extractors.claims.facts import SentenceContext
from extractors.claims.fates import find_fate_cues
from extractors.claims.people import is_on_topic
from extractors.claims.reporting import inherited_speakers
from extractors.claims.sentences import is_heading, split_paragraphs
from extractors.claims.sources import find_attributions
from extractors.claims.speakers import SourceBook
from extractors.types import Claim

EXTRACTOR_VERSION = "claims-0.5.0"

__all__ = ["EXTRACTOR_VERSION", "extract_claims"]


def extract_claims(doc_id: str, text: str, published: date | None = None) -> list[Claim]:
    """Claims about the fate, whereabouts, movement or number of ISIS members in `text`.

    `published` (the article's date) resolves relative times such as "this week".
    """
    if not is_on_topic(text):
        return []
    claims = [claim for _, found in read_sentences(doc_id, text, published) for claim in found]
    return complete_claims(claims, read_frame(text, published))


def read_sentences(
    doc_id: str, text: str, published: date | None
) -> Iterator[tuple[str, list[Claim]]]:
    """Each sentence of the article with the claims it makes on its own.

    Who says so is read for the whole article first, so that it can carry across
    sentences (`reporting.inherited_speakers`): a quotation keeps its speaker, or takes
    the one named at its close, and a source's figures run on through its paragraph.
    """
    book = SourceBook()
    paragraphs = split_paragraphs(text)
    said = [[tuple(find_attributions(s, book)) for s in paragraph] for paragraph in paragraphs]
    before: list[Claim] = []
    for paragraph, owns, inherits in zip(
        paragraphs, said, inherited_speakers(paragraphs, said), strict=True
    ):
        for sentence, attributions, inherited in zip(paragraph, owns, inherits, strict=True):
            found: list[Claim] = []
            if not is_heading(sentence):
                ctx = SentenceContext(doc_id, attributions, inherited, published)
                cues = find_fate_cues(sentence)
                found = sentence_claims(sentence, ctx, cues)
                if not cues:
                    found = carried_claims(sentence, ctx, before)
            before = found
            yield sentence, found

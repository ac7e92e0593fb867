"""The claim engine: `extract_claims(doc_id, text, published)` → claims, per claim-schema.md.

Pure and deterministic: sentences → fate cues → one claim per fate and clause, with its
count, places, origin, source, certainty, polarity, counterpart and time filled from the
vocabularies in `lexicon/`. Bump EXTRACTOR_VERSION whenever rules or vocabularies change.
"""

from __future__ import annotations

from datetime import date

from extractors.claims.build import sentence_claims
from extractors.claims.discourse import complete_claims, read_frame
from extractors.claims.facts import SentenceContext
from extractors.claims.fates import is_on_topic
from extractors.claims.sentences import is_heading, split_paragraphs
from extractors.claims.sources import Attribution, find_attributions
from extractors.claims.speakers import SourceBook
from extractors.types import Claim

EXTRACTOR_VERSION = "claims-0.3.1"

__all__ = ["EXTRACTOR_VERSION", "extract_claims"]


def extract_claims(doc_id: str, text: str, published: date | None = None) -> list[Claim]:
    """Claims about the fate, whereabouts, movement or number of ISIS members in `text`.

    `published` (the article's date) resolves relative times such as "this week".
    """
    if not is_on_topic(text):
        return []
    book = SourceBook()
    claims: list[Claim] = []
    for paragraph in split_paragraphs(text):
        claims.extend(_paragraph_claims(doc_id, paragraph, published, book))
    return complete_claims(claims, read_frame(text, published))


def _paragraph_claims(
    doc_id: str, paragraph: list[str], published: date | None, book: SourceBook
) -> list[Claim]:
    """Claims of one paragraph; a quotation carries its attribution across sentences."""
    claims: list[Claim] = []
    previous: tuple[Attribution, ...] = ()
    in_quote = False
    for sentence in paragraph:
        attributions = tuple(find_attributions(sentence, book))
        continues = in_quote or sentence.lstrip()[:1] in '"“'
        inherited = previous[-1] if continues and previous and not attributions else None
        in_quote = _quote_open_after(sentence, in_quote)
        if not is_heading(sentence):
            ctx = SentenceContext(doc_id, attributions, inherited, published)
            claims.extend(sentence_claims(sentence, ctx))
        previous = attributions or (previous if in_quote else ())
    return claims


def _quote_open_after(sentence: str, open_before: bool) -> bool:
    """Whether a quotation is still open at the end of the sentence."""
    curly = sentence.count("“") - sentence.count("”")
    if curly:
        return curly > 0
    return open_before != (sentence.count('"') % 2 == 1)

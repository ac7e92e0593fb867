"""Who says so across sentences: quotations and reported figures.

A sentence with no attribution of its own may still be someone's:

- a quotation keeps its speaker across sentences and paragraphs ("“…,” he said. “More
  are held in …”"); a quotation that names no speaker before it takes the one named
  at its close ("“… They are hiding in the hills. … we will find them,” the general
  said."); a paragraph that is a quotation and nothing else, right after a quoted
  speaker, is still that speaker's;
- a report, organisation or official named once ("According to the report, 6,000 came
  from X.") stays the source of the next sentences of the paragraph that give more
  figures ("Y follows with 2,500."). A new source, a quotation or a sentence without a
  figure (the author's own framing) ends the run; a crowd's opinion ("Many analysts
  believe …") and a witness's or an unnamed source's account start none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extractors.claims.counts import find_counts
from extractors.claims.sources import Attribution

Said = tuple[Attribution, ...]
_QUOTES = '"“'
_CROWD = frozenset(["many", "some", "most", "several", "other", "others"])


@dataclass(frozen=True)
class _Line:
    paragraph: int
    sentence: str
    own: Said
    continues: bool
    """Inside a quotation opened before it (in its paragraph, or reopened by it)."""
    open_after: bool


def inherited_speakers(
    paragraphs: Sequence[Sequence[str]], said: Sequence[Sequence[Said]]
) -> list[list[Attribution | None]]:
    """For each sentence of each paragraph, the attribution it inherits, if any."""
    lines = _lines(paragraphs, said)
    out: list[list[Attribution | None]] = [[] for _ in paragraphs]
    speaker: Attribution | None = None
    reported: Attribution | None = None
    for i, line in enumerate(lines):
        new_paragraph = i == 0 or lines[i - 1].paragraph != line.paragraph
        if new_paragraph:
            speaker = speaker if line.continues else None
            reported = reported if i > 0 and _of_figures(lines[i - 1], reported) else None
        quoted = line.continues or line.sentence.lstrip()[:1] in _QUOTES
        inherited = None
        if quoted and not line.own:
            closing = _closing_speaker(lines, i)
            # a quotation opened here is theirs who close it; one running on, its opener's
            inherited = (speaker or closing) if line.continues else (closing or speaker)
            if inherited is None and new_paragraph and i > 0:
                inherited = _quoted_speaker(lines[i - 1])
        reported, carried = _reported(line, reported, quoted)
        inherited = inherited or carried
        end = len(line.sentence)  # not in this sentence: no span of it is the attribution
        out[line.paragraph].append(replace(inherited, start=end, end=end) if inherited else None)
        speaker = line.own[-1] if line.own else (speaker if line.open_after else None)
    return out


def _lines(paragraphs: Sequence[Sequence[str]], said: Sequence[Sequence[Said]]) -> list[_Line]:
    lines: list[_Line] = []
    open_quote = False
    for p, (sentences, owns) in enumerate(zip(paragraphs, said, strict=True)):
        for k, (sentence, own) in enumerate(zip(sentences, owns, strict=True)):
            opens = sentence.lstrip()[:1] in _QUOTES
            continues = open_quote and (k > 0 or opens)
            if k == 0:
                open_quote = False  # a paragraph reopens a running quotation with its own mark
            open_quote = quote_open_after(sentence, open_quote)
            lines.append(_Line(p, sentence, own, continues, open_quote))
    return lines


def _closing_speaker(lines: list[_Line], start: int) -> Attribution | None:
    """The speaker named where the quotation that `start` is in closes."""
    for j in range(start, len(lines)):
        if j > start and not lines[j].continues:
            return None
        if lines[j].own:
            return lines[j].own[0]
        if not lines[j].open_after:
            return None
    return None


def _quoted_speaker(line: _Line) -> Attribution | None:
    """The speaker of a sentence that quotes someone."""
    quotes = line.sentence.lstrip()[:1] in _QUOTES  # not a scare-quoted word in a sentence
    return line.own[-1] if line.own and quotes else None


def _reported(
    line: _Line, reported: Attribution | None, quoted: bool
) -> tuple[Attribution | None, Attribution | None]:
    """The reporting source after the sentence, and the one its figures keep."""
    if line.own:
        first_word = line.own[-1].names[0].split()[:1]
        crowd = bool(first_word) and first_word[0].lower() in _CROWD
        witness = line.own[-1].source_type in ("local", "unnamed")
        return (None if crowd or witness else line.own[-1]), None
    if reported is None or quoted or not _has_figure(line.sentence):
        return None, None
    return reported, reported


_FIGURES_RE = re.compile(
    r"\b(?:figures|data|statistics|tally|count|estimates|report|study|survey|details)\b",
    re.IGNORECASE,
)


def _of_figures(line: _Line, reported: Attribution | None) -> bool:
    """ "According to the ministry's figures, ...", "The minister revealed the details":
    a source of figures whose run goes on into the next paragraph, when the last sentence
    of this one names them (figures, data, a report, the details) from the source on."""
    if reported is None or not line.own or line.own[-1] is not reported:
        return False
    return _FIGURES_RE.search(line.sentence, reported.start) is not None


def _has_figure(sentence: str) -> bool:
    return any(not span.vague for span in find_counts(sentence))


def quote_open_after(sentence: str, open_before: bool) -> bool:
    """Whether a quotation is still open at the end of the sentence."""
    curly = sentence.count("“") - sentence.count("”")
    if curly:
        return curly > 0
    return open_before != (sentence.count('"') % 2 == 1)

"""Reported figures: a source's figures that run on past the sentence that names it.

A report, organisation or official named once ("According to the report, 6,000 came
from X.", "The minister said 1,300 were caught.") often stays the source of the next
sentences of the paragraph that give more figures with no attribution of their own
("Y follows with 2,500.", "Of those, 692 were charged."). `ReportedFigures` follows one
paragraph: a sentence with a figure and no attribution keeps the last source; a new
source, a quotation or a sentence without a figure (the author's own framing) ends the run.
Opinions of a crowd ("Many analysts believe ...") are not reports and start no run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from extractors.claims.counts import find_counts
from extractors.claims.sources import Attribution

_CROWD = frozenset(["many", "some", "most", "several", "other", "others"])


@dataclass
class ReportedFigures:
    """The source whose figures the paragraph is still giving, if any."""

    source: Attribution | None = None

    def carry(
        self, sentence: str, attributions: tuple[Attribution, ...], in_quote: bool
    ) -> Attribution | None:
        """The source a sentence's figures keep, and the run updated past the sentence."""
        if attributions:
            last = attributions[-1]
            crowd = last.names[0].split()[0].lower() in _CROWD if last.names[0] else False
            self.source = None if crowd else last
            return None
        if self.source is None or in_quote or not _has_figure(sentence):
            self.source = None
            return None
        end = len(sentence)  # no span in this sentence: nothing in it is the attribution
        return replace(self.source, start=end, end=end)


def _has_figure(sentence: str) -> bool:
    return any(not span.vague for span in find_counts(sentence))

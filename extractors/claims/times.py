"""Time expressions: `time_text` as written and the `year` it refers to.

Relative expressions ("this week", "last year") and bare months resolve against the
article's publication date, which is a parameter, never the clock.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from extractors.claims.vocab import load_toml, require

_LEX = load_toml("times.toml")
for _key in ("months", "prepositions", "relative"):
    require(_key, _LEX[_key])
RELATIVE: Mapping[str, int] = MappingProxyType(
    {k.lower(): int(v) for k, v in _LEX["relative"].items()}
)
_MONTH = "|".join(sorted(_LEX["months"], key=len, reverse=True))
_PREP = "|".join(sorted((re.escape(p) for p in _LEX["prepositions"]), key=len, reverse=True))
_REL = "|".join(sorted((re.escape(r) for r in RELATIVE if r != "recently"), key=len, reverse=True))

_WORD_RE = re.compile(r"[a-z]+")
TIME_RE = re.compile(
    rf"\b(?:(?i:{_PREP})\s+(?:the\s+)?)?(?:"
    rf"(?P<y0>(?:19|20)\d\d)\s*(?:and|to|-|–)\s*(?:19|20)\d\d"
    rf"|(?:\d{{1,2}}\s+)?(?:{_MONTH})\.?(?:\s+\d{{1,2}},?)?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<y2>(?:19|20)\d\d)(?!\s*(?:%|percent))"
    rf"|(?P<m>(?:{_MONTH}))\b(?!\s+\d)"
    rf"|(?P<rel>(?i:{_REL}))"
    rf")\b"
)


_HINTS = frozenset([m.lower() for m in _LEX["months"]] + [r.split()[-1] for r in RELATIVE])
"""Words without which a text holds no time expression (besides a digit)."""


def find_time(text: str, published: date | None) -> tuple[str | None, int | None]:
    """The first time expression in `text` and its year (None where it cannot be told)."""
    found = find_times(text, published)
    return (found[0][1], found[0][2]) if found else (None, None)


def find_times(text: str, published: date | None) -> list[tuple[int, str, int | None]]:
    """Every time expression in `text`: (where it starts, its words, its year)."""
    if not any(c.isdigit() for c in text) and _HINTS.isdisjoint(_WORD_RE.findall(text.lower())):
        return []
    return [
        (match.start(), match.group(0), _year_of(match, published))
        for match in TIME_RE.finditer(text)
        if not match["m"] or re.match(rf"(?i:{_PREP})\s", match.group(0))
    ]  # a bare "May" is a modal verb more often than a month


def _year_of(match: re.Match[str], published: date | None) -> int | None:
    year = match["y0"] or match["y1"] or match["y2"]
    if year:
        return int(year)
    if published is None:
        return None
    if match["rel"]:
        rel = match["rel"].lower()
        if rel == "last month" and published.month == 1:
            return published.year - 1
        return published.year + RELATIVE[rel]
    month = _MONTH_NUMBERS.get(match["m"][:3].lower()) if match["m"] else None
    if month is not None and month > published.month:
        return published.year - 1  # "in July", written in March: last July
    return published.year


_MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        m: i
        for i, m in enumerate(
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
        )
    }
)

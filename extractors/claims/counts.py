"""Numbers of people as intervals: the schema's count table, applied as data.

`parse_count("no more than a few dozen")` gives `(None, 60)` (the schema's own example);
`find_counts(text)` gives every count expression in a text with its position;
`parse_share`/`find_shares` do the same for shares ("10%", "two-thirds of").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from extractors.claims.vocab import compile_phrases, escape_all, load_toml, require

Interval = tuple[int | None, int | None]

_LEX = load_toml("counts.toml")
UNITS: Mapping[str, int] = MappingProxyType(dict(_LEX["units"]))
SCALES: Mapping[str, int] = MappingProxyType(dict(_LEX["scales"]))
QUANTITIES: Mapping[str, Interval] = MappingProxyType(
    {
        k: (None if v[0] < 0 else v[0], None if v[1] < 0 else v[1])
        for k, v in _LEX["quantities"].items()
    }
)
MODIFIERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {k: tuple(v) for k, v in _LEX["modifiers"].items()}
)
SHARE_WORDS: Mapping[str, float] = MappingProxyType(
    {k: float(v) for k, v in _LEX["shares"].items()}
)
for _name, _vocab in (("units", UNITS), ("scales", SCALES), ("quantities", QUANTITIES)):
    require(_name, _vocab)
for _kind in ("approximate", "lower", "upper", "lower_suffix"):
    require(_kind, MODIFIERS.get(_kind, ()))
require("shares", SHARE_WORDS)

_WORD = "|".join(sorted(list(UNITS) + list(SCALES), key=len, reverse=True))
_SCALE = "|".join(SCALES)
_DIGITS = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s+(?:{_SCALE}))?"
_WORDS = rf"(?:a|one)\s+(?:{_SCALE})|(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
_NUMBER = rf"(?:{_DIGITS}|(?<![\w-])(?:{_WORDS}))(?!\w)(?!-(?!plus\b|\d))"
_DASH = r"\s*(?:-|–|—|to)\s*"
_QUANT = "|".join(sorted(escape_all(QUANTITIES), key=len, reverse=True))
_MODS = {
    kind: "|".join(sorted(escape_all(MODIFIERS[kind]), key=len, reverse=True))
    for kind in ("approximate", "lower", "upper")
}
_SUFFIX = "|".join(
    sorted((re.escape(s).replace(r"\ ", r"\s*") for s in MODIFIERS["lower_suffix"]), key=len)[::-1]
)

COUNT_RE = re.compile(
    rf"(?<![\w$£€-])(?:(?P<upper>{_MODS['upper']})\s+|(?P<lower>{_MODS['lower']})\s+"
    rf"|(?P<approx>{_MODS['approximate']})\s+)?"
    rf"(?:between\s+(?P<b1>{_NUMBER})\s+and\s+(?P<b2>{_NUMBER})"
    rf"|(?P<r1>{_NUMBER}){_DASH}(?P<r2>{_NUMBER})"
    rf"|(?P<quant>{_QUANT})(?![\w-])"
    rf"|(?P<num>{_NUMBER}))"
    rf"(?P<suffix>\s*(?:{_SUFFIX})(?![\w]))?",
    re.IGNORECASE,
)
_NOT_PEOPLE_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|km\b|kilomet|miles?\b|years?\b|months?\b|days?\b"
    r"|weeks?\b|hours?\b|times\b|am\b|pm\b|a\.m\.|p\.m\."
    r"|(?:\w+\s+){0,2}?(?:attacks?|operations?|raids?|locations?|provinces?|countries"
    r"|districts?|villages?|towns?|cities|bombs?|devices?|weapons?|vehicles?|cars?|trucks?"
    r"|homes|houses|buildings?|incidents?|bombings?|strikes?|airstrikes?|dollars?|euros?)\b)",
    re.IGNORECASE,
)
_NOT_PEOPLE_BEFORE = re.compile(
    r"(?:\b(?:aged?|ages|age\s+of|between\s+the\s+ages\s+of)\s+(?:between\s+)?"
    r"|\b(?:one|1)\s+in\s+|\bwhen\s+(?:he|she|they)\s+(?:was|were)\s+"
    r"|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|may"
    r"|june|july|august|september|october|november|december)\.?\s+)$",
    re.IGNORECASE,
)
"""Before a number that counts no one: an age ("aged 24", "when she was 24"), a ratio
("one in 10"), a day of the month ("November 11")."""
_AGE_AFTER_NAME = re.compile(r"\b[A-Z][\w'’.-]+,\s*$")
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_RE = re.compile(r"\s*(?:" + _MONTHS + r")\b", re.IGNORECASE)
_PARTICLE_OVER_RE = re.compile(
    r"\b(?:hand|turn|pass)(?:s|ed|ing)?\s+over$|\b(?:took|taken|taking|takes?)\s+over$", re.I
)
""""handed over 300 prisoners": the verb's particle, not "more than 300"."""
_ZERO_BLOCKERS = re.compile(
    r"\s+(?:one\b|longer\b|doubt\b|matter\b|sign\b|way\b|more\b|less\b|fewer\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CountSpan:
    """A count expression found in a text: where it is and the interval it means."""

    start: int
    end: int
    low: int | None
    high: int | None
    vague: bool
    """True for quantities without a figure ("many", "some") and for null intervals."""


def parse_number(text: str) -> int | None:
    """An integer from digits ("5,000", "1.5 million") or words ("fifty-six hundred")."""
    raw = text.strip().lower().replace(",", "")
    parts = raw.split()
    try:
        value = float(parts[0])
    except ValueError:
        return _parse_number_words(raw)
    for word in parts[1:]:
        if word not in SCALES:
            return None
        value *= SCALES[word]
    return round(value)


def _parse_number_words(raw: str) -> int | None:
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", raw):
        if word in ("and", ""):
            continue
        if word in ("a", "one") and not seen:
            current, seen = 1, True
        elif word in UNITS:
            current += UNITS[word]
            seen = True
        elif word == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current, seen = 0, True
        else:
            return None
    return total + current if seen else None


def _base_interval(match: re.Match[str]) -> Interval | None:
    if match["b1"] or match["r1"]:
        low = parse_number(match["b1"] or match["r1"])
        high = parse_number(match["b2"] or match["r2"])
        if low is None or high is None or low > high:
            return None
        return low, high
    if match["quant"]:
        return QUANTITIES[re.sub(r"\s+", " ", match["quant"].lower())]
    number = parse_number(match["num"])
    return None if number is None else (number, number)


def _apply_modifiers(match: re.Match[str], base: Interval, before: str) -> Interval:
    low, high = base
    if match["upper"]:
        return None, high if high is not None else low
    if match["lower"] and not _PARTICLE_OVER_RE.search(before + match["lower"]):
        return (low if low is not None else high), None
    if match["suffix"]:
        return low, None
    return low, high


def _is_year(match: re.Match[str]) -> bool:
    num = match["num"]
    return bool(num) and num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2100


def _interval_from(text: str, match: re.Match[str]) -> CountSpan | None:
    base = _base_interval(match)
    if base is None or _is_year(match) or (match["num"] or "").lower() == "one":
        return None
    rest = text[match.end() :]
    if _NOT_PEOPLE_AFTER.match(rest) or (match["num"] and _MONTH_RE.match(rest)):
        return None
    if _NOT_PEOPLE_BEFORE.search(text, max(0, match.start() - 40), match.start()):
        return None
    after_name = _AGE_AFTER_NAME.search(text, max(0, match.start() - 30), match.start())
    if match["num"] and after_name and rest[:1] == ",":
        return None  # "Leila Harb, 30, has been held": an age
    if base == (0, 0) and _ZERO_BLOCKERS.match(rest):
        return None
    if match["num"] and text[max(0, match.start() - 1) : match.start()] in ("$", "£", "€"):
        return None
    low, high = _apply_modifiers(match, base, text[max(0, match.start() - 20) : match.start()])
    vague = bool(match["quant"]) and low is None and high is None
    return CountSpan(match.start(), match.end(), low, high, vague)


def find_counts(text: str) -> list[CountSpan]:
    """Every count expression in `text`, left to right (years, dates, %, units skipped)."""
    spans = []
    for match in COUNT_RE.finditer(text):
        span = _interval_from(text, match)
        if span is not None:
            spans.append(span)
    return spans


def parse_count(phrase: str) -> Interval | None:
    """The interval a whole phrase means ("a few dozen" → (24, 60)); None if not a count."""
    text = " ".join(phrase.replace("\u00a0", " ").split())
    match = COUNT_RE.fullmatch(text)
    if match is None:
        match = COUNT_RE.fullmatch(text.rstrip(".,;"))
    if match is None:
        return None
    span = _interval_from(text, match)
    return None if span is None else (span.low, span.high)


@dataclass(frozen=True)
class ShareSpan:
    """A share (0–100) found in a text."""

    start: int
    end: int
    share: float


_SHARE_WORDS_RE = compile_phrases("shares", escape_all(SHARE_WORDS))
SHARE_RE = re.compile(
    rf"(?P<n>\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)"
    rf"|(?P<w>{_SHARE_WORDS_RE.pattern})(?=\s+(?:of|are|were|is|was|have|has|had|remain|remained)\b)",
    re.IGNORECASE,
)


def find_shares(text: str) -> list[ShareSpan]:
    """Every share in `text`: "10%", "12 percent", "a third of", "two-thirds of"."""
    out = []
    for match in SHARE_RE.finditer(text):
        if match["n"]:
            value = float(match["n"])
        else:
            value = SHARE_WORDS[re.sub(r"\s+", " ", match["w"].lower())]
        if 0 <= value <= 100:
            out.append(ShareSpan(match.start(), match.end(), value))
    return out


def parse_share(phrase: str) -> float | None:
    """The share a phrase states ("10 percent" → 10.0, "half" → 50.0); None if none."""
    text = " ".join(phrase.split()).lower().rstrip(".,;")
    if text in SHARE_WORDS:
        return SHARE_WORDS[text]
    found = find_shares(text)
    return found[0].share if found else None

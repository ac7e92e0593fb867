"""The last stage: what a sentence leaves unsaid, read from the article around it.

A reader fills gaps from context, and so does this stage, claim by claim in article order:
- the year: the sentence's own, else the article's (its publication date);
- the people's home: a claim without an origin takes the article's *home population*
  when one nationality dominates the article ("Moroccan jihadists ... 270 have returned");
- where: a claim without a place takes, by its fate, the people's home (returned), the
  country of the forces holding or fighting them ("Turkish security forces captured 40"),
  or the place the article is set in (the place of the claim before it, or its dateline);
- by whom: people held without a named holder are held by the last one the article named
  ("Iraqi forces swept up hundreds ... Another 2,800 prisoners are being held ...").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from extractors.claims.places import demonym_codes, place_codes, place_country_codes
from extractors.types import Claim

LOCAL_CODES = frozenset({"SY", "IQ"})
"""Where the caliphate was: its people are the locals, everyone else came from abroad."""
_REGIONS = frozenset(
    {"EUROPE", "NORTH_AFRICA", "CENTRAL_ASIA", "MIDDLE_EAST", "CAUCASUS", "SOUTHEAST_ASIA", "SAHEL"}
)
_DOMINANT_MIN_MENTIONS = 2
_DATELINE_RE = re.compile(
    r"^\s*([A-Z][A-Za-z’'-]+(?:[ ,]+[A-Z][A-Za-z’'-]+){0,2})\s*(?:[:•–—(]|-\s)"
)
_SETTLED_FATES = frozenset(
    {"detained", "at_large", "insurgent", "killed", "executed", "surrendered", "released"}
)
"""Fates that happen somewhere: a claim without a place inherits the article's setting."""
_HELD_FATES = frozenset({"detained", "released"})
_THEN_RE = re.compile(r"\s*(?:since then|by then|at the time|at that time|that year|then)\b", re.I)
"""A sentence that opens on the time just told."""
_ACTOR_RE = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:security\s+)?(?:forces|authorities|police|army|troops|military"
    r"|government|court|officials|prosecutors)\b"
)


@dataclass(frozen=True)
class ArticleFrame:
    """What the whole article is about, read once before its claims are completed."""

    home: tuple[str, ...]
    """The nationality most of the article's people have, when one dominates."""
    dateline: tuple[str, ...]
    """The country of the article's dateline ("BAGHDAD: ..."), if any."""
    country: tuple[str, ...]
    """The country the article's places lie in, when one dominates."""
    year: int | None


def read_frame(text: str, published: date | None) -> ArticleFrame:
    """The article's home population, dateline, country and year."""
    nationalities = Counter(
        code
        for codes in demonym_codes(text)
        for code in codes
        if code not in LOCAL_CODES and code not in _REGIONS
    )
    single = (codes[0] for codes in place_country_codes(text) if len(codes) == 1)
    countries = Counter(code for code in single if code not in _REGIONS)
    year = published.year if published else None
    return ArticleFrame(_dominant(nationalities), _dateline(text), _dominant(countries), year)


def _dominant(mentions: Counter[str]) -> tuple[str, ...]:
    """The code named most, when it is named often and at least twice as often as any other."""
    ranked = mentions.most_common(2)
    if not ranked or ranked[0][1] < _DOMINANT_MIN_MENTIONS:
        return ()
    if len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]:
        return ()
    return (ranked[0][0],)


def _dateline(text: str) -> tuple[str, ...]:
    match = _DATELINE_RE.match(text)
    if match is None:
        return ()
    for part in re.split(r"[ ,]+", match.group(1)):
        codes = place_codes(part.title()) or place_codes(part)
        if codes:
            return codes
    return ()


def complete_claims(claims: list[Claim], frame: ArticleFrame) -> list[Claim]:
    """The claims with year, origin and place filled from the article where unsaid."""
    setting = frame.dateline or frame.country
    holder: str | None = None
    dated: int | None = None
    out: list[Claim] = []
    for claim in claims:
        explicit = claim.location_country
        if claim.time_text is None and dated and _THEN_RE.match(claim.sentence):
            claim = replace(claim, year=dated)  # "Since then, ...": the year just told
        dated = claim.year if claim.time_text else dated
        claim = _with_year(claim, frame)
        claim = _with_origin(claim, frame)
        claim = _with_place(claim, setting)
        if claim.fate in _HELD_FATES:
            if claim.counterpart is None and holder is not None:
                claim = replace(claim, counterpart=holder)
            holder = claim.counterpart or holder
        if explicit and claim.fate in _SETTLED_FATES:
            setting = explicit
        out.append(claim)
    return out


def _with_year(claim: Claim, frame: ArticleFrame) -> Claim:
    if claim.year is not None or frame.year is None:
        return claim
    return replace(claim, year=frame.year)


def _with_origin(claim: Claim, frame: ArticleFrame) -> Claim:
    if claim.origin or not frame.home or claim.subject == "fighters":
        return claim
    return replace(claim, origin=frame.home)


def _with_place(claim: Claim, setting: tuple[str, ...]) -> Claim:
    if claim.location_country:
        return claim
    if claim.fate == "returned":
        home = (
            tuple(c for c in claim.origin if c not in LOCAL_CODES)
            or _actor_country(claim.sentence)
            or (place_codes(claim.counterpart) if claim.counterpart else ())
        )
        return replace(claim, location_country=home) if home else claim
    if claim.fate not in _SETTLED_FATES:
        return claim
    actor = _actor_country(claim.sentence)
    codes = actor or setting
    return replace(claim, location_country=codes) if codes else claim


def _actor_country(sentence: str) -> tuple[str, ...]:
    """The country of the forces or authorities a sentence names ("Turkish forces")."""
    for match in _ACTOR_RE.finditer(sentence):
        codes = place_codes(match.group(1))
        if codes:
            return codes
    return ()

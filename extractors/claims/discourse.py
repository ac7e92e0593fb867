"""The last stage: what a sentence leaves unsaid, read from the article around it.

A reader fills gaps from context, and so does this stage, claim by claim in article order:
- the year: the sentence's own, else the article's (its publication date);
- the people's home: a claim without an origin takes the article's *home population*
  when one nationality dominates the article and its people are abroad ("Moroccan
  jihadists ... 270 have returned"), never for people called foreign;
- where: a claim without a place takes, by its fate, the people's home (returned, and
  what is held or reintegrated after a return), the country of the court or police that
  tries them ("A Belgian court sentenced ..."), the country of the forces holding or
  fighting them ("Turkish security forces captured 40"), or the place the article is set
  in (the place of the claim before it, else its country or dateline) — but not when it
  happened abroad; a region the article's country lies in is that country;
- by whom: people held without a named holder are held by the last one the article named
  ("Iraqi forces swept up hundreds ... Another 2,800 prisoners are being held ...").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from extractors.claims.places import (
    REGION_MEMBERS,
    demonym_codes,
    place_codes,
    place_country_codes,
)
from extractors.claims.whereabouts import MOVEMENT_FATES
from extractors.types import Claim

LOCAL_CODES = frozenset({"SY", "IQ"})
"""Where the caliphate was: its people are the locals, everyone else came from abroad."""
_REGIONS = frozenset(
    {"EUROPE", "NORTH_AFRICA", "CENTRAL_ASIA", "MIDDLE_EAST", "CAUCASUS", "SOUTHEAST_ASIA", "SAHEL"}
)
_DOMINANT_MIN_MENTIONS = 2
_DATELINE_RE = re.compile(
    r"^\s*([A-Z][A-Za-z’'-]+(?:[ ,]+[A-Z][A-Za-z’'-]+){0,2})\s*(?:[:•–—(]|-\s"
    r"|,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
)
"""A dateline: "BAGHDAD: ...", "MANILA - ...", "Male, Mar 11 (Agency) ..."."""
_SETTLED_FATES = frozenset(
    {"detained", "at_large", "insurgent", "killed", "executed", "surrendered", "released"}
)
"""Fates that happen somewhere: a claim without a place inherits the article's setting."""
_HELD_FATES = frozenset({"detained", "released"})
_THEN_RE = re.compile(r"\s*(?:since then|by then|at the time|at that time|that year|then)\b", re.I)
"""A sentence that opens on the time just told."""
_AT_HOME_FATES = frozenset({"detained", "surrendered", "released", "reintegrated"})
"""Fates that, told after a return, happen at home ("now in a rehabilitation centre")."""
_AWAITING_RE = re.compile(r"\b(?:to\s+(?:repatriate|return|bring)|await\w*)\b", re.I)
"""Held people still awaiting a return ("urged them to repatriate those held") are not home."""
_BORN_RE = re.compile(r"\b(?:originat\w*|originally|hail\w*|natives?)\s+(?:from|of)\b", re.I)
"""Words that make a from-place where people were born, not where they last were."""
_ABROAD_RE = re.compile(r"\b(?:abroad|overseas)\b", re.IGNORECASE)
_SENDING_RE = re.compile(r"\b(?:deport|expel|extradit)\w*", re.IGNORECASE)
_FOREIGN_RE = re.compile(r"\bforeign(?:ers?)?\b", re.IGNORECASE)
_JUDICIAL_RE = re.compile(
    r"\b(?:courts?|trials?|tried|sentenc\w*|convict\w*|prosecut\w*|charged|charges|indict\w*"
    r"|jail\s+terms?|police\s+custody)\b",
    re.IGNORECASE,
)
"""Words of a justice system: who is tried or sentenced is where the court sits."""
_COURT_RE = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:[a-z]+\s+)?(?:courts?|judges?|prosecutors|police)\b"
    r"|\bcourts?\s+(?:in|of)\s+(?:the\s+)?(?:[a-z]+\s+){0,4}?([A-Z][a-z]+)"
)
"""The court or police of a country: "a Belgian court", "Iraqi criminal court",
"a court in the port city of X"."""
_ACTOR_RE = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:security\s+)?(?:forces|authorities|police|army|troops|military"
    r"|courts?|judges?|prosecutors)\b"
    r"(?!,?\s+(?:said|says|told|announced|stated|added|noted|is\s+investigating|has\s+said))"
)
"""Forces or authorities that act on people; not those that only speak ("the Iraqi
government said")."""


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
    people: tuple[str, ...] = ()
    """The nationality that dominates even over the locals (Syrians, Iraqis): the article
    is about that people, fighters included."""


def read_frame(text: str, published: date | None) -> ArticleFrame:
    """The article's home population, dateline, country and year."""
    named = Counter(code for codes in demonym_codes(text) for code in codes if code not in _REGIONS)
    nationalities = Counter({c: n for c, n in named.items() if c not in LOCAL_CODES})
    single = (codes[0] for codes in place_country_codes(text) if len(codes) == 1)
    countries = Counter(code for code in single if code not in _REGIONS)
    year = published.year if published else None
    home = _dominant(nationalities)
    people = home if home and home == _dominant(named) else ()
    return ArticleFrame(home, _dateline(text), _dominant(countries), year, people)


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


@dataclass
class _Scene:
    """Where the article's people are, as a reader follows it claim by claim."""

    setting: tuple[str, ...]
    """Where the last placed event happened (at first the article's country or dateline)."""
    back_home: tuple[str, ...] = ()
    """Where the last return went, until an event elsewhere."""
    court: tuple[str, ...] = ()
    """The country of the last court or police that tried or charged people."""
    went_to: tuple[str, ...] = ()
    """Where the last travelled group went."""
    holder: str | None = None
    """The last named holder of prisoners."""


def complete_claims(claims: list[Claim], frame: ArticleFrame) -> list[Claim]:
    """The claims with year, origin and place filled from the article where unsaid."""
    scene = _Scene(frame.country or frame.dateline)
    dated: int | None = None
    abroad = any(c.fate in ("travelled", "returned") for c in claims)
    out: list[Claim] = []
    for claim in claims:
        claim = _narrowed(claim, frame)
        explicit = claim.location_country
        if claim.time_text is None and dated and _THEN_RE.match(claim.sentence):
            claim = replace(claim, year=dated)  # "Since then, ...": the year just told
        dated = claim.year if claim.time_text else dated
        claim = _with_origin(_with_year(claim, frame), frame, abroad)
        claim = _held_by(_placed(claim, scene, frame), scene)
        _remember(scene, claim, explicit)
        out.append(_as_foreign(claim, abroad))
    return out


def _as_foreign(claim: Claim, abroad: bool) -> Claim:
    """Fighters of a nationality from outside Syria and Iraq are foreign fighters (the
    schema's `foreign_fighters`), also once home again; in an article about a local branch
    (no one travels or returns), members at home in their own country stay fighters."""
    if claim.subject != "fighters" or not claim.origin or set(claim.origin) & LOCAL_CODES:
        return claim
    at_home = bool(claim.location_country) and set(claim.location_country) <= set(claim.origin)
    if at_home and not abroad:
        return claim
    return replace(claim, subject="foreign_fighters")


def _placed(claim: Claim, scene: _Scene, frame: ArticleFrame) -> Claim:
    """The claim with a place from the scene: a court's country for people tried, home
    after a return, where the rest went for a breakdown by origin, else the setting."""
    if _is_judicial(claim):
        claim = _with_court(claim, scene.court or scene.back_home or frame.home or scene.setting)
    elif claim.fate in _AT_HOME_FATES and not _AWAITING_RE.search(claim.sentence):
        claim = _with_codes(claim, scene.back_home)
    elif claim.fate == "travelled" and claim.from_location:
        claim = _with_codes(claim, scene.went_to)  # "2,400 came from Russia": with the rest
    return _with_place(claim, scene.setting, frame)


def _held_by(claim: Claim, scene: _Scene) -> Claim:
    if claim.fate not in _HELD_FATES:
        return claim
    if claim.counterpart is None and scene.holder is not None:
        claim = replace(claim, counterpart=scene.holder)
    scene.holder = claim.counterpart or scene.holder
    return claim


def _remember(scene: _Scene, claim: Claim, explicit: tuple[str, ...]) -> None:
    """What the claim tells the reader about where the story now is."""
    if claim.fate == "travelled":
        scene.went_to = claim.location_country or scene.went_to
    if _is_judicial(claim):
        scene.court = claim.location_country or scene.court
    if explicit and claim.fate in _SETTLED_FATES:
        scene.setting, scene.back_home = explicit, ()
    elif claim.fate == "returned" and claim.location_country and not _is_region(claim):
        scene.back_home = claim.location_country  # what follows a return happens at home


def _is_judicial(claim: Claim) -> bool:
    return claim.fate in _HELD_FATES and _JUDICIAL_RE.search(claim.sentence) is not None


def _narrowed(claim: Claim, frame: ArticleFrame) -> Claim:
    """A region the article's own country lies in is that country ("the emir in Southeast
    Asia" in a story set in Manila)."""
    if len(claim.location_country) != 1 or claim.fate in MOVEMENT_FATES:
        return claim
    members = REGION_MEMBERS.get(claim.location_country[0], frozenset())
    country = _actor_country(claim.sentence) or frame.dateline or frame.country
    if len(country) == 1 and country[0] in members:
        return replace(claim, location_country=country)
    return claim


def _with_court(claim: Claim, fallback: tuple[str, ...]) -> Claim:
    """People tried, sentenced or charged are where the court is: the country of the
    court or police the sentence names, else the article's last court or home. A country
    the claim names itself stays, unless it is the war zone or a region."""
    own = set(claim.location_country)
    if own and not own <= LOCAL_CODES and not _is_region(claim):
        return claim
    for match in _COURT_RE.finditer(claim.sentence):
        codes = place_codes(match.group(1) or match.group(2))
        if codes:
            return replace(claim, location_country=codes)
    return _with_codes(claim, fallback)


def _with_codes(claim: Claim, codes: tuple[str, ...]) -> Claim:
    if claim.location_country or not codes:
        return claim
    return replace(claim, location_country=codes)


def _is_region(claim: Claim) -> bool:
    return any(code in _REGIONS for code in claim.location_country)


def _with_year(claim: Claim, frame: ArticleFrame) -> Claim:
    if claim.year is not None or frame.year is None:
        return claim
    return replace(claim, year=frame.year)


def _with_origin(claim: Claim, frame: ArticleFrame, abroad: bool) -> Claim:
    """The article's home population, when its people went abroad or are foreign where
    the article is set (Moroccans in Syria's camps, not Nigerians fighting in Nigeria)."""
    if claim.origin:
        return claim
    if claim.from_location and _BORN_RE.search(claim.sentence):
        stated = tuple(dict.fromkeys(c for name in claim.from_location for c in place_codes(name)))
        return replace(claim, origin=stated)  # "identified as originating from X and Y"
    if claim.subject == "fighters" and not frame.people:
        return claim
    if not abroad and frame.home == (frame.country or frame.dateline):
        return claim
    home = _home_of(claim, frame)
    return replace(claim, origin=home) if home else claim


def _receiver(counterpart: str, sentence: str) -> tuple[str, ...]:
    """The country of who took the returnees, unless it sent them away ("Turkey deported")."""
    return () if _SENDING_RE.search(sentence) else place_codes(counterpart)


def _home_of(claim: Claim, frame: ArticleFrame) -> tuple[str, ...]:
    """The article's home population, unless the sentence calls its people foreign
    ("Turkey deported foreign members")."""
    return () if _FOREIGN_RE.search(claim.sentence) else frame.home


def _with_place(claim: Claim, setting: tuple[str, ...], frame: ArticleFrame) -> Claim:
    if claim.location_country:
        return claim
    if claim.fate == "returned":
        home = (
            tuple(c for c in claim.origin if c not in LOCAL_CODES)
            or _actor_country(claim.sentence)
            or (_receiver(claim.counterpart, claim.sentence) if claim.counterpart else ())
            or _home_of(claim, frame)
        )
        return replace(claim, location_country=home) if home else claim
    if claim.fate not in _SETTLED_FATES or _ABROAD_RE.search(claim.sentence):
        return claim  # "died in combat abroad": somewhere, but not where the article is
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

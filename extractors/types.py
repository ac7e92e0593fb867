"""The values that cross the extractors' boundary: claims, feeds and page texts.

Every record is a frozen dataclass. `Claim`'s field names are exactly those of
`claim-schema.md`; the vocabularies are `Literal` types so a typo fails type checks.
List-valued schema fields are tuples here (hashable, immutable) and lists in JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal, get_args

Subject = Literal["fighters", "foreign_fighters", "supporters", "leaders", "families"]
Fate = Literal[
    "travelled",
    "killed",
    "executed",
    "detained",
    "surrendered",
    "released",
    "returned",
    "fled",
    "relocated",
    "at_large",
    "insurgent",
    "defected",
    "deserted",
    "reintegrated",
    "unknown",
]
SourceType = Literal[
    "government",
    "military",
    "armed_group",
    "monitor",
    "research",
    "media",
    "local",
    "unnamed",
    "author",
]
Certainty = Literal["hedged", "asserted"]
Polarity = Literal["affirms", "denies"]

SUBJECTS: tuple[str, ...] = get_args(Subject)
FATES: tuple[str, ...] = get_args(Fate)
SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)
CERTAINTIES: tuple[str, ...] = get_args(Certainty)
POLARITIES: tuple[str, ...] = get_args(Polarity)


SCHEMA_FIELDS: tuple[str, ...] = (
    "doc",
    "sentence",
    "subject",
    "origin",
    "fate",
    "count_low",
    "count_high",
    "share",
    "location",
    "location_country",
    "from_location",
    "counterpart",
    "time_text",
    "year",
    "source",
    "source_type",
    "certainty",
    "polarity",
)
"""The schema's field names, in the order of claim-schema.md."""


@dataclass(frozen=True)
class Claim:
    """One assertion about the fate, whereabouts, movement or number of ISIS members."""

    doc: str
    sentence: str
    subject: Subject
    fate: Fate
    origin: tuple[str, ...] = ()
    count_low: int | None = None
    count_high: int | None = None
    share: float | None = None
    location: tuple[str, ...] = ()
    location_country: tuple[str, ...] = ()
    from_location: tuple[str, ...] = ()
    counterpart: str | None = None
    time_text: str | None = None
    year: int | None = None
    source: tuple[str, ...] = ("author",)
    source_type: SourceType = "author"
    certainty: Certainty = "asserted"
    polarity: Polarity = "affirms"

    def to_json(self) -> dict[str, Any]:
        """The claim as the schema's JSON object (lists, not tuples), fields in schema order."""
        raw = asdict(self)
        return {k: list(raw[k]) if isinstance(raw[k], tuple) else raw[k] for k in SCHEMA_FIELDS}


def claim_problems(claim: Claim) -> list[str]:
    """What makes a claim invalid against the schema; an empty list means it is valid."""
    problems = []
    if claim.subject not in SUBJECTS:
        problems.append(f"subject {claim.subject!r} not in the schema")
    if claim.fate not in FATES:
        problems.append(f"fate {claim.fate!r} not in the schema")
    if claim.source_type not in SOURCE_TYPES:
        problems.append(f"source_type {claim.source_type!r} not in the schema")
    if claim.certainty not in CERTAINTIES:
        problems.append(f"certainty {claim.certainty!r} not in the schema")
    if claim.polarity not in POLARITIES:
        problems.append(f"polarity {claim.polarity!r} not in the schema")
    low, high = claim.count_low, claim.count_high
    if low is not None and high is not None and low > high:
        problems.append(f"count_low {low} > count_high {high}")
    if any(n is not None and n < 0 for n in (low, high)):
        problems.append("negative count")
    if claim.share is not None and not 0 <= claim.share <= 100:
        problems.append(f"share {claim.share} outside 0-100")
    if not claim.sentence.strip():
        problems.append("empty sentence")
    if not claim.source:
        problems.append("empty source (use ('author',) for unattributed claims)")
    return problems


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, as the feed describes it (the article itself is fetched later)."""

    url: str
    title: str = ""
    summary: str = ""
    published: datetime | None = None
    guid: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed. `problem` says why it is unusable (None when it is fine)."""

    url: str
    title: str = ""
    entries: tuple[FeedEntry, ...] = ()
    problem: str | None = None


@dataclass(frozen=True)
class PageText:
    """The main text of a page and its metadata, as extracted from HTML."""

    url: str
    text: str
    normalized_url: str = ""
    """The URL without tracking parameters, fragment, default port or trailing slash."""
    title: str | None = None
    author: str | None = None
    published: date | None = None
    site: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    fingerprint: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)

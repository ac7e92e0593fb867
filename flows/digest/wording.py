"""What a digest says, independent of its format: figures, places, sources, changes,
the grouping by fate and place, headline figures and disputes. Pure; `render.py` lays
these out as plain text, HTML and an `EmailMessage`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pycountry

from warehouse.digests import DigestRow, Figure

HEADLINES = 8
"""Largest new figures shown at the top."""

FATE_HEADINGS = {
    "travelled": "Travelled to join ISIS",
    "killed": "Killed",
    "executed": "Executed",
    "detained": "Detained",
    "surrendered": "Surrendered",
    "released": "Released",
    "returned": "Returned home",
    "fled": "Fled",
    "relocated": "Relocated",
    "at_large": "At large",
    "insurgent": "Active in the insurgency",
    "defected": "Defected to another group",
    "deserted": "Deserted",
    "reintegrated": "Back in civilian life",
    "unknown": "Whereabouts unknown",
}
FATE_VERBS = {
    "travelled": "travelled to join",
    "killed": "killed",
    "executed": "executed",
    "detained": "detained",
    "surrendered": "surrendered",
    "released": "released",
    "returned": "returned",
    "fled": "fled",
    "relocated": "relocated",
    "at_large": "at large",
    "insurgent": "in the insurgency",
    "defected": "defected",
    "deserted": "deserted",
    "reintegrated": "reintegrated",
    "unknown": "whereabouts unknown",
}
SUBJECTS = {
    "fighters": "fighters",
    "foreign_fighters": "foreign fighters",
    "supporters": "supporters",
    "leaders": "leaders",
    "families": "family members",
}
REGIONS = {
    "EUROPE": "Europe",
    "NORTH_AFRICA": "North Africa",
    "CENTRAL_ASIA": "Central Asia",
    "MIDDLE_EAST": "Middle East",
    "CAUCASUS": "the Caucasus",
    "SOUTHEAST_ASIA": "Southeast Asia",
    "SAHEL": "the Sahel",
}
COUNTRY_NAMES = {"RU": "Russia", "TR": "Turkey", "IR": "Iran", "XK": "Kosovo", "KR": "South Korea"}


@dataclass(frozen=True)
class DigestContent:
    """What one digest says: the claims, and the period they cover."""

    rows: tuple[DigestRow, ...]
    now: datetime
    since: datetime | None
    """When the previous digest was sent (None: this is the first)."""
    digest_id: str | None = None
    left_out: int = 0
    """Older claims the digest carries but does not list (it lists the newest only)."""

    @property
    def contested(self) -> list[DigestRow]:
        return [r for r in self.rows if r.contested]


# --- small formatters -----------------------------------------------------------------


def figure_text(low: int | None, high: int | None, share: float | None = None) -> str:
    """A count interval as a reader says it: 800, 200–999, at least 5,000, up to 60, 10%."""
    if low is not None and high is not None:
        count = f"{low:,}" if low == high else f"{low:,}–{high:,}"
        count = "none" if high == 0 else count
    elif low is not None:
        count = f"at least {low:,}"
    elif high is not None:
        count = f"up to {high:,}"
    else:
        count = ""
    pct = "" if share is None else f"{share:g}%"
    if count and pct:
        return f"{count} ({pct})"
    return count or pct or "no figure"


def _midpoint(low: int | None, high: int | None) -> float | None:
    if low is not None and high is not None:
        return (low + high) / 2
    return float(low) if low is not None else (float(high) if high is not None else None)


def change_text(row: DigestRow) -> str | None:
    """How the figure compares with the previous one for the same subject, fate and places."""
    prev = row.previous
    if prev is None or not row.has_figure:
        return None
    before = figure_text(prev.count_low, prev.count_high, prev.share)
    now = _midpoint(row.count_low, row.count_high)
    then = _midpoint(prev.count_low, prev.count_high)
    if now is None or then is None:
        now, then = row.share, prev.share
    if now is None or then is None:
        arrow = "previously"
    elif now == then:
        arrow = "same as"
    elif not before[0].isdigit():  # "up to 100", "at least 5,000": no "up from up to 100"
        arrow = "higher than the earlier" if now > then else "lower than the earlier"
    else:
        arrow = "up from" if now > then else "down from"
    return f"{arrow} {before} ({figure_source(prev)})"


def lineage_text(row: DigestRow) -> str | None:
    """Whether the claim's figure is new or a repeat, and for a repeat who gave it first:
    `repeats a 2018 figure first given by Centre for Conflict Studies (ccs.example)`."""
    note = row.figure
    if note is None:
        return None
    kind = "denial" if row.polarity == "denies" else "figure"
    if note.is_first:
        later = note.appearances - 1
        if not later:
            return f"new {kind}"
        return f"first appearance of a {kind} repeated {later} time{'s' * (later != 1)} since"
    site = note.first_site or "an unnamed site"
    names = ", ".join(s.strip().rstrip(".,;:") for s in note.first_sources)
    who = f"{names} ({site})" if names else f"{site}, citing no source"
    verb = "made" if kind == "denial" else "given"
    return f"repeats a {note.first_date.year} {kind} first {verb} by {who}"


def place_name(code: str) -> str:
    if code in REGIONS:
        return REGIONS[code]
    if code in COUNTRY_NAMES:
        return COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def places_label(codes: Sequence[str]) -> str:
    return " and ".join(place_name(c) for c in sorted(codes)) if codes else "Place not stated"


def source_text(source: Sequence[str], source_type: str) -> str:
    names = ", ".join(s.strip().rstrip(".,;:") for s in source if s != "author")
    if not names:
        return "the article itself (no source named)"
    return f"{names} ({source_type.replace('_', ' ')})" if source_type != "unnamed" else names


def figure_source(fig: Figure) -> str:
    when = f", {day(fig.published)}" if fig.published else ""
    return source_text(fig.source, fig.source_type).split(" (")[0] + when


def day(value: date | datetime) -> str:
    return f"{value.day} {value:%b %Y}"


COUNTERPART_WORDS = {
    "detained": "held by",
    "killed": "killed by",
    "executed": "executed by",
    "released": "released by",
    "surrendered": "to",
    "defected": "to",
    "relocated": "under a deal with",
    "fled": "helped by",
}
PLACE_WORDS = {"travelled": "to", "returned": "to", "fled": "to", "relocated": "to"}


def claim_line(row: DigestRow) -> str:
    """The claim in words, e.g. `1,500 foreign fighters from Tunisia returned home`."""
    who = SUBJECTS.get(row.subject, row.subject.replace("_", " "))
    origin = f" from {places_label(row.origin)}" if row.origin else ""
    verb = FATE_VERBS.get(row.fate, row.fate)
    where = ""
    if row.fate == "returned" and row.origin and set(row.location_country) <= set(row.origin):
        verb = "returned home"
    elif row.location:
        where = f" {PLACE_WORDS.get(row.fate, 'in')} {', '.join(row.location)}"
    counterpart = ""
    if row.counterpart:
        counterpart = f", {COUNTERPART_WORDS.get(row.fate, 'with')} {row.counterpart}"
    figure = figure_text(row.count_low, row.count_high, row.share) if row.has_figure else ""
    head = f"{figure} {who}" if figure else who.capitalize()
    return f"{head}{origin} {verb}{where}{counterpart}"


def tags(row: DigestRow) -> list[str]:
    out = []
    if row.polarity == "denies":
        out.append("denial")
    if row.certainty == "hedged":
        out.append("hedged")
    if row.contested:
        out.append("contested")
    if row.was_pending:
        out.append("resent")
    return out


def quoted(sentence: str) -> str:
    """The sentence in quotation marks, unless it already opens with one."""
    text = sentence.strip()
    return text if text[:1] in {'"', "“", "'", "‘"} else f"“{text}”"


def safe_url(url: str) -> str | None:
    return url if url.lower().startswith(("https://", "http://")) else None


def groups(rows: Iterable[DigestRow]) -> list[tuple[str, list[tuple[str, list[DigestRow]]]]]:
    """Rows by fate, then by places; biggest groups first, ties in schema order."""
    by_fate: dict[str, dict[tuple[str, ...], list[DigestRow]]] = {}
    for row in rows:
        key = tuple(sorted(row.location_country))
        by_fate.setdefault(row.fate, {}).setdefault(key, []).append(row)
    order = list(FATE_HEADINGS)
    fates = sorted(
        by_fate,
        key=lambda f: (-sum(map(len, by_fate[f].values())), order.index(f) if f in order else 99),
    )
    return [
        (
            fate,
            [
                (places_label(k), v)
                for k, v in sorted(by_fate[fate].items(), key=lambda kv: (not kv[0], -len(kv[1])))
            ],
        )
        for fate in fates
    ]


def headlines(rows: Iterable[DigestRow]) -> list[DigestRow]:
    with_counts = [r for r in rows if r.has_figure and r.polarity == "affirms"]
    ranked = sorted(
        with_counts,
        key=lambda r: (-(_midpoint(r.count_low, r.count_high) or 0), -(r.share or 0), r.seq),
    )
    return ranked[:HEADLINES]


@dataclass(frozen=True)
class Dispute:
    """Disagreeing figures for one subject, fate and places: new ones and earlier ones."""

    title: str
    new: list[DigestRow]
    earlier: list[Figure]


def dispute_title(row: DigestRow) -> str:
    who = SUBJECTS.get(row.subject, row.subject)
    verb = FATE_VERBS.get(row.fate, row.fate)
    return f"{who.capitalize()} {verb}: {places_label(row.location_country)}"


def contested_groups(rows: Iterable[DigestRow]) -> list[Dispute]:
    """One entry per subject/fate/places where a new figure disagrees with another."""
    found: dict[tuple[str, str, tuple[str, ...]], tuple[list[DigestRow], list[Figure]]] = {}
    for row in rows:
        if row.contested:
            key = (row.subject, row.fate, tuple(sorted(row.location_country)))
            new, earlier = found.setdefault(key, ([], []))
            new.append(row)
            earlier.extend(f for f in row.rivals if f not in earlier)
    disputes = []
    for new, earlier in found.values():
        mine = {(r.url, r.count_low, r.count_high, r.share, r.source) for r in new}
        others = [
            f for f in earlier if (f.url, f.count_low, f.count_high, f.share, f.source) not in mine
        ]
        disputes.append(Dispute(dispute_title(new[0]), new, others))
    return disputes


def period_text(content: DigestContent) -> str:
    if content.since is None:
        return "since claimwatch started (first digest)"
    return f"since the last digest on {day(content.since)}, {content.since:%H:%M} UTC"


def summary_text(content: DigestContent) -> str:
    rows = content.rows
    articles = len({r.article_id for r in rows})
    n = len(rows)
    parts = [
        f"{n} new claim{'s' * (n != 1)} from {articles} article{'s' * (articles != 1)}",
        period_text(content),
    ]
    text = " ".join(parts) + "."
    contested = len(contested_groups(rows))
    if contested:
        text += f" {contested} figure{'s' * (contested != 1)} contested."
    if content.left_out:
        text += (
            f" This digest lists the {n:,} newest of {n + content.left_out:,} new claims;"
            f" {content.left_out:,} older ones are not listed"
            " (`claimwatch query digest_unlisted` lists them once this digest is sent)."
        )
    return text


def subject_line(content: DigestContent) -> str:
    n = len(content.rows) + content.left_out
    contested = len(contested_groups(content.rows))
    extra = f", {contested} contested" if contested else ""
    return f"claimwatch digest {day(content.now)}: {n} new claim{'s' * (n != 1)}{extra}"

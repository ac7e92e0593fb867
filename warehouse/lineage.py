"""Reads about figures (warehouse/figures.py): what the digest says of a claim's figure,
and the figures `claimwatch figures` lists with their appearances per year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from warehouse.db import Connection
from warehouse.sql import load_sql


@dataclass(frozen=True)
class FigureNote:
    """A claim's figure as the digest mentions it."""

    figure_id: str
    is_first: bool
    """This claim's article is the figure's first appearance: a new figure."""
    first_date: date
    first_site: str | None
    first_sources: tuple[str, ...]
    """The sources the first appearance named; empty when it named none."""
    appearances: int
    """Articles that state the figure, this one included."""


@dataclass(frozen=True)
class Rival:
    """A competing figure: same subject, fate and places, another count or a denial."""

    count_low: int | None
    count_high: int | None
    polarity: str
    first_date: date
    first_site: str | None
    first_source: tuple[str, ...]
    appearances: int


@dataclass(frozen=True)
class FigureSummary:
    """One row of figures_current, with its competitors and appearances per year."""

    figure_id: str
    subject: str
    fate: str
    polarity: str
    places: tuple[str, ...]
    count_low: int | None
    count_high: int | None
    first_date: date
    first_site: str | None
    first_title: str | None
    first_url: str
    first_source: tuple[str, ...]
    first_source_type: str
    first_sentence: str
    appearances: int
    repeats: int
    outlets: int
    attributed_repeats: int
    unattributed_repeats: int
    syndicated_copies: int
    last_date: date
    age_years: float
    competitors: int
    rivals: tuple[Rival, ...]
    per_year: dict[int, int]
    """Appearances by year of their claim_date."""
    named_per_year: dict[int, int]
    """Of those, the appearances that name a source."""


def figure_notes(con: Connection, claim_ids: Sequence[str]) -> dict[str, FigureNote]:
    """The figure of each of `claim_ids` that has one, by claim id."""
    if not claim_ids:
        return {}
    cursor = con.execute(load_sql("statements", "figure_notes"), {"claim_ids": list(claim_ids)})
    return {
        str(claim_id): FigureNote(
            figure_id=str(figure_id),
            is_first=bool(is_first),
            first_date=first_date,
            first_site=first_site,
            first_sources=tuple(first_sources or ()),
            appearances=int(appearances),
        )
        for claim_id, figure_id, is_first, first_date, first_site, first_sources, appearances in (
            cursor.fetchall()
        )
    }


def list_figures(
    con: Connection, fate: str | None = None, country: str | None = None, limit: int = 20
) -> list[FigureSummary]:
    """The most stated figures (of `fate`, about `country`), with rivals and years."""
    cursor = con.execute(
        load_sql("statements", "figures_list"),
        {"fate": fate, "country": country.upper() if country else None, "limit": limit},
    )
    names = [d[0] for d in cursor.description or ()]
    found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    years: dict[str, dict[int, int]] = {}
    named: dict[str, dict[int, int]] = {}
    if found:
        rows = con.execute(
            load_sql("statements", "figure_years"), {"figure_ids": [f["figure_id"] for f in found]}
        ).fetchall()
        for figure_id, year, appearances, with_source in rows:
            years.setdefault(str(figure_id), {})[int(year)] = int(appearances)
            named.setdefault(str(figure_id), {})[int(year)] = int(with_source)
    return [
        _summary(raw, years.get(str(raw["figure_id"]), {}), named.get(str(raw["figure_id"]), {}))
        for raw in found
    ]


def _summary(
    raw: dict[str, Any], per_year: dict[int, int], named_per_year: dict[int, int]
) -> FigureSummary:
    raw["places"] = tuple(raw["places"] or ())
    raw["first_source"] = tuple(raw["first_source"] or ())
    raw["rivals"] = tuple(
        Rival(**{**r, "first_source": tuple(r["first_source"] or ())}) for r in raw["rivals"]
    )
    return FigureSummary(**raw, per_year=per_year, named_per_year=named_per_year)

"""What `claimwatch figures` prints: each figure, who gave it first, how often it was
repeated and a sparkline of its appearances per year. Pure; shared with the HTML page."""

from __future__ import annotations

from collections.abc import Sequence

from flows.digest.wording import FATE_VERBS, SUBJECTS, day, figure_text, places_label
from warehouse.lineage import FigureSummary, Rival

BARS = "▁▂▃▄▅▆▇█"
NONE = "·"
"""A year without an appearance."""
VERBS = {"travelled": "travelled", "insurgent": "active in the insurgency"}
"""Where a title says it better than the digest's FATE_VERBS."""


def year_span(figures: Sequence[FigureSummary]) -> range:
    """Every year from the earliest to the latest appearance among `figures`."""
    years = [y for f in figures for y in f.per_year]
    return range(min(years), max(years) + 1) if years else range(0)


def sparkline(per_year: dict[int, int], years: range) -> str:
    """One character per year: `·` for none, else ▁..█ scaled to the busiest year."""
    peak = max(per_year.values(), default=0)
    marks = []
    for year in years:
        n = per_year.get(year, 0)
        marks.append(NONE if n == 0 else BARS[min(len(BARS) - 1, (n * len(BARS) - 1) // peak)])
    return "".join(marks)


def title(fig: FigureSummary) -> str:
    """`41,490 foreign fighters travelled · Iraq and Syria`; a denial starts `Denied:`."""
    who = SUBJECTS.get(fig.subject, fig.subject.replace("_", " "))
    verb = VERBS.get(fig.fate) or FATE_VERBS.get(fig.fate, fig.fate.replace("_", " "))
    count = figure_text(fig.count_low, fig.count_high)
    said = f"{who} {verb}" if count == "no figure" else f"{count} {who} {verb}"
    if fig.polarity == "denies":
        said = f"Denied: {said}"
    return f"{said[:1].upper()}{said[1:]} · {places_label(fig.places)}"


def first_given(fig: FigureSummary) -> str:
    """`first given by Centre for Conflict Studies (ccs.example), 23 Jul 2018` (a denial:
    `first made by`)."""
    site = fig.first_site or "an unnamed site"
    who = f"{', '.join(fig.first_source)} ({site})" if fig.first_source else f"{site}, no source"
    verb = "made" if fig.polarity == "denies" else "given"
    return f"first {verb} by {who}, {day(fig.first_date)}"


def repeats_text(fig: FigureSummary) -> str:
    """`3 repeats (1 named a source, 2 none) in 4 outlets; 1 syndicated copy`."""
    if not fig.repeats:
        text = "not repeated"
    else:
        text = (
            f"{fig.repeats} repeat{'s' * (fig.repeats != 1)} ({fig.attributed_repeats} named a"
            f" source, {fig.unattributed_repeats} none) in {fig.outlets} outlets; last"
            f" {day(fig.last_date)}, {fig.age_years:g} years after the first"
        )
    if fig.syndicated_copies:
        n = fig.syndicated_copies
        text += f"; {n} syndicated cop{'ies' if n != 1 else 'y'} not counted"
    return text


def rival_text(rival: Rival) -> str:
    """`53,000 (Soufan Center, 2020)` or `denied (the ministry, 2022)`."""
    count = figure_text(rival.count_low, rival.count_high)
    if rival.polarity == "denies":
        count = "denied" if count == "no figure" else f"{count} denied"
    who = ", ".join(rival.first_source) or rival.first_site or "no source"
    return f"{count} ({who}, {rival.first_date.year})"


def competing_text(fig: FigureSummary) -> str | None:
    if not fig.competitors:
        return None
    shown = "; ".join(rival_text(r) for r in fig.rivals)
    more = fig.competitors - len(fig.rivals)
    return f"competing: {shown}" + (f" and {more} more" if more > 0 else "")


def render_figures_text(figures: Sequence[FigureSummary]) -> str:
    """The listing `claimwatch figures` prints (empty string for no figures)."""
    if not figures:
        return ""
    years = year_span(figures)
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}"
    lines = [f"Articles per year, {span} (· none, ▁ to █ the figure's busiest year)", ""]
    for fig in figures:
        lines.append(title(fig))
        n = fig.appearances
        lines.append(f"  {sparkline(fig.per_year, years)}  {n} appearance{'s' * (n != 1)}")
        lines.append(f"  {first_given(fig)}")
        lines.append(f"  {repeats_text(fig)}")
        competing = competing_text(fig)
        if competing:
            lines.append(f"  {competing}")
        lines.append("")
    return "\n".join(lines)

"""A figure's timeline as PNG bytes (matplotlib, Agg, no display): its appearances per
year, split into those that name a source and those that name none, with the first
appearance marked. Imported only when a page is drawn (matplotlib is slow to load)."""

from __future__ import annotations

import io
from datetime import date

import matplotlib

matplotlib.use("Agg")  # before pyplot: never look for a display

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from warehouse.lineage import FigureSummary

NAMED = "#0072b2"
UNNAMED = "#e69f00"
FIRST = "#b2182b"


def _fraction(day: date) -> float:
    """The date as a fractional year (2018-07-01 -> about 2018.5)."""
    return day.year + (day.timetuple().tm_yday - 1) / 366


def timeline_png(fig: FigureSummary, years: range, dpi: int = 100) -> bytes:
    """Bars per year over `years` (stacked: names a source / names none), the first
    appearance as a labelled line."""
    xs = list(years)
    named = [fig.named_per_year.get(y, 0) for y in xs]
    unnamed = [fig.per_year.get(y, 0) - n for y, n in zip(xs, named, strict=True)]
    chart = Figure(figsize=(6.4, 1.8), dpi=dpi)
    ax = chart.add_subplot()
    centres = [y + 0.5 for y in xs]
    ax.bar(centres, named, width=0.8, color=NAMED, label="names a source")
    ax.bar(centres, unnamed, width=0.8, bottom=named, color=UNNAMED, label="names none")
    first = _fraction(fig.first_date)
    ax.axvline(first, color=FIRST, linewidth=1.2, linestyle="--")
    who = ", ".join(fig.first_source) or f"{fig.first_site or 'an unnamed site'}, no source"
    verb = "made" if fig.polarity == "denies" else "given"
    ax.set_title(
        f"- - first {verb} {fig.first_date:%b %Y} by {who}", fontsize=8, loc="left", color=FIRST
    )
    top = max([a + b for a, b in zip(named, unnamed, strict=True)] + [1])
    ax.set_xlim(xs[0], xs[-1] + 1)
    ax.set_ylim(0, top * 1.05)
    ax.set_xticks(centres)
    ax.set_xticklabels([str(y) for y in xs], fontsize=7)
    ax.tick_params(axis="y", labelsize=7)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("articles", fontsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, frameon=False, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2)
    chart.tight_layout()
    buffer = io.BytesIO()
    chart.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()

"""The digest's chart: claims per week by fate, as PNG bytes (matplotlib, Agg, no display)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")  # before pyplot: never look for a display

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from warehouse.digests import WeekCount

# One colour per fate family, so related fates read together (colour-blind-safe base).
FATE_COLOURS = {
    "killed": "#4d4d4d",
    "executed": "#7f7f7f",
    "detained": "#0072b2",
    "surrendered": "#56b4e9",
    "released": "#cc79a7",
    "returned": "#d55e00",
    "fled": "#e69f00",
    "relocated": "#f0e442",
    "at_large": "#a6761d",
    "insurgent": "#b2182b",
    "travelled": "#009e73",
    "defected": "#66a61e",
    "deserted": "#8da0cb",
    "reintegrated": "#1b9e77",
    "unknown": "#bdbdbd",
}
MAX_FATES = 6
"""Fates shown by name; the rest are summed as "other"."""


def weekly_fates_png(
    counts: Sequence[WeekCount], end: date, weeks: int = 12, dpi: int = 110
) -> bytes:
    """A stacked bar chart of claims per week by fate over the `weeks` weeks ending at `end`.

    Weeks without claims show as gaps; an empty history still gives a (labelled) chart.
    """
    last_monday = end - timedelta(days=end.weekday())
    mondays = [last_monday - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    totals: dict[str, int] = {}
    for c in counts:
        totals[c.fate] = totals.get(c.fate, 0) + c.claims
    named = [f for f, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))][:MAX_FATES]
    series: dict[str, list[int]] = {f: [0] * weeks for f in [*named, "other"]}
    index = {monday: i for i, monday in enumerate(mondays)}
    for c in counts:
        i = index.get(c.week)
        if i is not None:
            series[c.fate if c.fate in named else "other"][i] += c.claims
    if not any(series["other"]):
        del series["other"]

    fig = Figure(figsize=(6.4, 2.6), dpi=dpi)
    ax = fig.add_subplot()
    bottom = [0] * weeks
    positions = list(range(weeks))
    for fate, values in series.items():
        ax.bar(
            positions,
            values,
            bottom=bottom,
            width=0.75,
            label=fate.replace("_", " "),
            color=FATE_COLOURS.get(fate, "#999999"),
            edgecolor="white",
            linewidth=0.5,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_xticks(positions)
    ax.set_xticklabels(
        [m.strftime("%d %b") if (weeks - 1 - i) % 2 == 0 else "" for i, m in enumerate(mondays)],
        fontsize=7,
    )
    ax.set_xlim(-0.6, weeks - 0.4)
    ax.set_ylabel("claims", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title(
        f"Claims by fate, week of publication (last {weeks} weeks)", fontsize=9, loc="left"
    )
    if series and max(bottom) > 0:
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    else:
        ax.text(
            0.5,
            0.5,
            "no claims in these weeks",
            ha="center",
            va="center",
            transform=ax.transAxes,
            fontsize=8,
            color="#666666",
        )
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()

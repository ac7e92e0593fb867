"""Articles written to test figure lineage (fictional; not the seeds, not the extractor).

One quantity, foreign fighters who travelled to Syria and Iraq, told over five years:
an original report (2018, a research centre), a repeat that credits it (2019, stating
the figure twice), a repeat without attribution (2021) with a syndicated copy on a wire
site, a late repeat without attribution (2023), a competing figure (2020, a monitor) and
a denial of the original figure (2022). Plus one unrelated figure (Tunisian returnees).
The claims are written by hand in the claim engine's output shape.
"""

from __future__ import annotations

from datetime import date

from warehouse_samples import page

from extractors.types import Claim, PageText, Polarity, SourceType

CENTRE = "Centre for Conflict Studies"
ORIGINAL = (
    f"The {CENTRE} said 41,490 foreign fighters travelled to Syria and Iraq to join the group."
)
CREDITED = f"Some 41,490 foreign fighters travelled to Syria and Iraq, the {CENTRE} found."
CREDITED_AGAIN = "That is 41,490 foreign fighters who travelled to Syria and Iraq."
UNCREDITED = "More than 41,000 foreign fighters travelled to Syria and Iraq to join ISIS."
LATE = "In all, 41,490 foreign fighters travelled to Syria and Iraq during the war."
COMPETING = "The Soufan Center put the number of foreign fighters in Syria and Iraq at 53,000."
DENIAL = "The ministry denied that 41,490 foreign fighters had travelled to Syria and Iraq."
TUNISIA = "About 800 Tunisian fighters have returned home, officials said."

ORIGINAL_DATE = date(2018, 7, 23)
LATE_DATE = date(2023, 9, 14)


def travelled(
    doc: str,
    sentence: str,
    low: int | None,
    high: int | None,
    source: tuple[str, ...] = ("author",),
    source_type: SourceType = "author",
    polarity: Polarity = "affirms",
) -> Claim:
    return Claim(
        doc,
        sentence,
        "foreign_fighters",
        "travelled",
        (),
        low,
        high,
        location=("Syria", "Iraq"),
        location_country=("SY", "IQ"),
        source=source,
        source_type=source_type,
        polarity=polarity,
    )


ARTICLES: list[tuple[PageText, list[Claim]]] = [
    (
        page("ccs-report", ORIGINAL, ORIGINAL_DATE, "ccs.example"),
        [travelled("ccs-report", ORIGINAL, 41490, 41490, (CENTRE,), "research")],
    ),
    (
        page("daily-feature", f"{CREDITED} {CREDITED_AGAIN}", date(2019, 5, 10), "daily.example"),
        [
            travelled("daily-feature", CREDITED, 41490, 41490, (CENTRE,), "research"),
            travelled("daily-feature", CREDITED_AGAIN, 41490, 41490),
        ],
    ),
    (
        page("soufan-count", COMPETING, date(2020, 1, 15), "monitor.example"),
        [travelled("soufan-count", COMPETING, 53000, 53000, ("Soufan Center",), "monitor")],
    ),
    (
        page("weekly-explainer", UNCREDITED, date(2021, 3, 2), "weekly.example"),
        [travelled("weekly-explainer", UNCREDITED, 41000, None)],
    ),
    (  # syndicated: same text fingerprint on another URL, so stored without claims
        page(
            "wire-explainer",
            UNCREDITED,
            date(2021, 3, 3),
            "wire.example",
            fingerprint="fp-weekly-explainer",
        ),
        [travelled("wire-explainer", UNCREDITED, 41000, None)],
    ),
    (
        page("ministry-denial", DENIAL, date(2022, 6, 1), "gov.example"),
        [
            travelled(
                "ministry-denial", DENIAL, 41490, 41490, ("the ministry",), "government", "denies"
            )
        ],
    ),
    (
        page("herald-retrospective", LATE, LATE_DATE, "herald.example"),
        [travelled("herald-retrospective", LATE, 41490, 41490)],
    ),
    (
        page("tunisia-returns", TUNISIA, date(2022, 2, 2), "tunis.example"),
        [
            Claim(
                "tunisia-returns",
                TUNISIA,
                "fighters",
                "returned",
                ("TN",),
                800,
                800,
                location_country=("TN",),
                source=("officials",),
                source_type="unnamed",
            )
        ],
    ),
]

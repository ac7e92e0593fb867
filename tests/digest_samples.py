"""Sample articles and claims for the digest tests, written for claimwatch (not the seeds).

`FIRST_BATCH` and `SECOND_BATCH` are (PageText, claims) pairs; `build_warehouse` stores
them through the warehouse API the way a monitoring run does. `make_row` builds a
`DigestRow` directly for the pure rendering tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from email.message import Message
from pathlib import Path
from typing import Any

from extractors.types import Claim, PageText
from warehouse.db import connect
from warehouse.digests import DigestRow, Figure
from warehouse.migrate import migrate
from warehouse.write import finish_run, save_article, start_run

TODAY = date.today()


def _page(slug: str, title: str, site: str, days_ago: int, text: str) -> PageText:
    url = f"https://{site}/news/{slug}"
    return PageText(
        url=url,
        normalized_url=url,
        text=text,
        title=title,
        site=site,
        published=TODAY - timedelta(days=days_ago),
        language="en",
        fingerprint=f"fp-{slug}",
    )


RETURNEES_TEXT = (
    "Tunisia's interior ministry said on Monday that 800 Tunisian fighters have returned "
    "home from Syria and Iraq since 2011. Most are being monitored, the ministry said."
)
RETURNEES = _page(
    "tunisia-returnees",
    "Tunisia says 800 fighters have come home",
    "maghreb-observer.example",
    20,
    RETURNEES_TEXT,
)
RETURNEES_CLAIMS = [
    Claim(
        doc="tunisia-returnees",
        sentence=RETURNEES_TEXT.split(". ")[0] + ".",
        subject="foreign_fighters",
        origin=("TN",),
        fate="returned",
        count_low=800,
        count_high=800,
        location=("Tunisia",),
        location_country=("TN",),
        from_location=("Syria", "Iraq"),
        time_text="since 2011",
        source=("Tunisian Interior Ministry",),
        source_type="government",
    )
]

MONITOR_TEXT = (
    "A UN monitoring team estimates that about 1,500 Tunisian fighters have returned to "
    "Tunisia, nearly twice the government's figure. Hundreds more are believed to be held "
    "by the SDF in northeast Syria."
)
MONITOR = _page(
    "un-monitor-tunisia",
    "UN monitors put Tunisian returnees at 1,500",
    "wire-report.example",
    12,
    MONITOR_TEXT,
)
MONITOR_CLAIMS = [
    Claim(
        doc="un-monitor-tunisia",
        sentence=MONITOR_TEXT.split(". ")[0] + ".",
        subject="foreign_fighters",
        origin=("TN",),
        fate="returned",
        count_low=1500,
        count_high=1500,
        location=("Tunisia",),
        location_country=("TN",),
        source=("UN Monitoring Team",),
        source_type="monitor",
    ),
    Claim(
        doc="un-monitor-tunisia",
        sentence=MONITOR_TEXT.split(". ")[1],
        subject="foreign_fighters",
        origin=("TN",),
        fate="detained",
        count_low=200,
        count_high=999,
        location=("northeast Syria",),
        location_country=("SY",),
        counterpart="SDF",
        source=("UN Monitoring Team",),
        source_type="monitor",
        certainty="hedged",
    ),
]

CAMPS_TEXT = (
    "The Syrian Democratic Forces say they hold some 2,000 foreign fighters in prisons in "
    "Hasakah. Dozens of fighters fled to Turkey in the chaos, according to local activists."
)
CAMPS = _page(
    "sdf-prisons",
    'SDF: "2,000 foreign fighters" in Hasakah prisons <update>',
    "levant-desk.example",
    5,
    CAMPS_TEXT,
)
CAMPS_CLAIMS = [
    Claim(
        doc="sdf-prisons",
        sentence=CAMPS_TEXT.split(". ")[0] + ".",
        subject="foreign_fighters",
        fate="detained",
        count_low=2000,
        count_high=2000,
        location=("Hasakah",),
        location_country=("SY",),
        counterpart="SDF",
        source=("Syrian Democratic Forces",),
        source_type="armed_group",
    ),
    Claim(
        doc="sdf-prisons",
        sentence=CAMPS_TEXT.split(". ")[1],
        subject="fighters",
        fate="fled",
        count_low=24,
        count_high=99,
        location=("Turkey",),
        location_country=("TR",),
        source=("local activists",),
        source_type="local",
    ),
]

REVISED_TEXT = (
    "Tunisian officials now say 950 fighters have returned, up from the 800 announced "
    "earlier this month, the interior ministry spokesman told reporters."
)
REVISED = _page(
    "tunisia-revised",
    "Tunisia revises returnee count to 950",
    "maghreb-observer.example",
    1,
    REVISED_TEXT,
)
REVISED_CLAIMS = [
    Claim(
        doc="tunisia-revised",
        sentence=REVISED_TEXT,
        subject="foreign_fighters",
        origin=("TN",),
        fate="returned",
        count_low=950,
        count_high=950,
        location=("Tunisia",),
        location_country=("TN",),
        source=("Tunisian Interior Ministry",),
        source_type="government",
    )
]

FIRST_BATCH: list[tuple[PageText, list[Claim]]] = [
    (RETURNEES, RETURNEES_CLAIMS),
    (MONITOR, MONITOR_CLAIMS),
    (CAMPS, CAMPS_CLAIMS),
]
SECOND_BATCH: list[tuple[PageText, list[Claim]]] = [(REVISED, REVISED_CLAIMS)]


def store(db_path: Path, batch: Sequence[tuple[PageText, Sequence[Claim]]]) -> int:
    """Save a batch as one monitoring run would; return the number of new claims."""
    added = 0
    with connect(db_path) as con:
        migrate(con)
        run_id = start_run(con, "monitor_feeds", "test")
        for page, claims in batch:
            result = save_article(
                con,
                run_id,
                "test",
                "https://feeds.example/rss",
                page,
                datetime.now(),
                claims,
            )
            added += result.claims_new
        finish_run(con, run_id, "completed", {"claims_new": added})
    return added


def build_warehouse(db_path: Path) -> Path:
    store(db_path, FIRST_BATCH)
    return db_path


def make_row(**overrides: Any) -> DigestRow:
    """A DigestRow for rendering tests; keyword arguments replace fields."""
    base = DigestRow(
        claim_id="c1",
        seq=1,
        created_at=datetime(2026, 11, 20, 8, 0),
        doc="d1",
        sentence="Officials said 800 fighters have returned to Tunisia.",
        subject="foreign_fighters",
        fate="returned",
        origin=("TN",),
        count_low=800,
        count_high=800,
        share=None,
        location=("Tunisia",),
        location_country=("TN",),
        from_location=(),
        counterpart=None,
        time_text=None,
        year=None,
        source=("Tunisian Interior Ministry",),
        source_type="government",
        certainty="asserted",
        polarity="affirms",
        article_id="a1",
        url="https://maghreb-observer.example/news/1",
        title="Tunisia says 800 fighters have come home",
        site="maghreb-observer.example",
        published=date(2026, 11, 19),
        previous=None,
        rivals=(),
        was_pending=False,
    )
    return replace(base, **overrides)


def make_figure(**overrides: Any) -> Figure:
    base = Figure(
        count_low=600,
        count_high=600,
        share=None,
        source=("Tunisian Interior Ministry",),
        source_type="government",
        polarity="affirms",
        published=date(2026, 10, 1),
        url="https://maghreb-observer.example/news/0",
        title="Earlier report",
        site="maghreb-observer.example",
    )
    return replace(base, **overrides)


def parts(message: Message) -> tuple[str, str, bytes, Message]:
    """(plain text, html, png bytes, the png part) after checking the MIME structure."""
    assert message.get_content_type() == "multipart/alternative"
    plain, related = message.get_payload()  # type: ignore[misc]
    assert plain.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html, image = related.get_payload()
    assert html.get_content_type() == "text/html"
    assert image.get_content_type() == "image/png"

    def decoded(part: Message) -> str:
        return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")

    return decoded(plain), decoded(html), image.get_payload(decode=True), image

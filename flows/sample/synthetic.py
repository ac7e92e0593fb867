"""Generated articles for tests and benchmarks: many distinct, realistic-looking pages.

Each article number gives a different combination of country, place, official and
figures, so texts (and their fingerprints) differ. Every text was written for
claimwatch from templates; none comes from real reporting.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

COUNTRIES = (
    "Tunisia", "Morocco", "Kazakhstan", "Uzbekistan", "Tajikistan", "Germany", "France",
    "Belgium", "Indonesia", "Russia", "Egypt", "Jordan", "Kosovo", "Bosnia", "Sweden",
)  # fmt: skip
PLACES = ("al-Hol camp", "Roj camp", "Hasakah prison", "Raqqa", "Deir ez-Zor", "Idlib")
OFFICIALS = (
    ("interior ministry spokesman", "Adel Karimi"),
    ("security committee spokeswoman", "Lina Varga"),
    ("justice ministry official", "Omar Haddad"),
    ("researcher at the Centre for Returnee Studies", "Dr. Sara Lind"),
    ("director of the Detention Monitor", "Youssef Nasri"),
)
FATES = (
    ("returned home from {place}", "were repatriated"),
    ("were detained in {place}", "remain in detention"),
    ("fled across the border into Turkey from {place}", "are still at large"),
    ("were transferred from {place} to prisons in Iraq", "await trial"),
)


def article_text(n: int) -> tuple[str, list[str]]:
    """Title and paragraphs of article `n` (deterministic)."""
    country = COUNTRIES[n % len(COUNTRIES)]
    place = PLACES[(n // 3) % len(PLACES)]
    role, name = OFFICIALS[(n // 7) % len(OFFICIALS)]
    done, later = FATES[(n // 2) % len(FATES)]
    count = 12 + (n * 37) % 480
    women = 5 + (n * 13) % 90
    year = 2019 + n % 7
    title = f"{count} ISIS members from {country} {done.format(place=place)} (report {n})"
    paras = [
        f"Some {count} men suspected of fighting for the Islamic State {done.format(place=place)}"
        f" this year, officials in {country} said on Monday in statement number {n}.",
        f"The {role}, {name}, said that {women} women and their children {later} and that the"
        f" authorities had opened {n % 40 + 3} new investigations since {year}.",
        f'"We estimate that between {count + 20} and {count + 90} of our citizens are still in'
        f' Syria," {name} told reporters, adding that at least {n % 25 + 2} had been killed.',
        f"Independent researchers said the figure for {country} was probably higher, putting the"
        f" number of former fighters in {place} at around {count * 2 + n % 11}.",
        f"The government of {country} said it would continue to review each of the {n + 100}"
        " pending cases individually and would not comment on security operations.",
    ]
    return title, paras


def article_html(n: int) -> str:
    """Article `n` as a news page with navigation, metadata and footer boilerplate."""
    title, paras = article_text(n)
    published = date(2026, 1, 1) + timedelta(days=n % 300)
    body = "\n".join(f"      <p>{html.escape(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="author" content="Staff reporter">
<meta property="article:published_time" content="{published.isoformat()}T08:00:00Z">
<meta property="og:site_name" content="Synthetic Observer"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/about">About</a></nav>
<main><article><h1>{html.escape(title)}</h1>
{body}
</article></main><footer><p>Generated for claimwatch tests and benchmarks.</p></footer>
</body></html>
"""


def feed_xml(base: str, paths: list[str], titles: list[str] | None = None) -> str:
    """An RSS 2.0 feed linking `base + path` for each path (titles default to ISIS news)."""
    items = []
    for i, path in enumerate(paths):
        title = titles[i] if titles else f"ISIS returnees: report {i}"
        items.append(
            f"<item><title>{html.escape(title)}</title><link>{html.escape(base + path)}</link>"
            f"<guid>{html.escape(base + path)}</guid>"
            f"<description>Islamic State members, report {i}.</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        "<title>Synthetic feed</title><link>" + html.escape(base) + "/</link>"
        "<description>Generated</description>" + "".join(items) + "</channel></rss>\n"
    )

"""Hand-made articles and claims for warehouse tests (not the seeds, not the extractor).

Varied fates, origins and counts, with a contested pair (500 vs 350 British returnees),
a figure and its denial (Tunisian returnees), a figure repeated three years after it
first appeared (al-Hol) and one syndicated copy.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from extractors.types import Claim, PageText
from warehouse.db import connect
from warehouse.migrate import migrate
from warehouse.publish import publish_read_copy
from warehouse.write import SaveResult, finish_run, save_article, start_run

VERSION = "test-1"
FEED = "http://feeds.example/rss"
FETCHED = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def page(slug: str, text: str, published: date, site: str = "news.example", **kw: str) -> PageText:
    url = f"https://{site}/{slug}"
    return PageText(
        url=url + "?utm_source=rss",
        text=text,
        normalized_url=url,
        title=kw.get("title", slug.replace("-", " ").title()),
        published=published,
        site=site,
        language=kw.get("language", "en"),
        fingerprint=kw.get("fingerprint", f"fp-{slug}"),
    )


UK_RETURNEES = "Officials said 500 British fighters had returned to the UK in 2023."
UK_TRAVELLED = "About 850 Britons travelled to Syria to join the group."
UK_MONITOR = "A monitor put the number of British returnees at 350."
TN_DENIAL = "The ministry denied that any Tunisian fighters had returned."
TN_RESEARCH = "Some 800 Tunisians have returned home, a researcher said."
RAQQA_FLED = "Hundreds of fighters fled from Raqqa to Idlib."
HOL_DETAINED = "Several thousand fighters are believed held in the al-Hol camp by the SDF."
HOL_EARLIER = "Several thousand fighters are held in al-Hol, Kurdish officials said."
FR_KILLED = "At least 300 French jihadists were killed in Syria."
FR_RELOCATED = "Up to 60 French fighters moved from Syria to the Sahel."

SAMPLES: list[tuple[PageText, list[Claim]]] = [
    (
        page("uk-returnees", f"{UK_RETURNEES} {UK_TRAVELLED}", date(2024, 3, 5), "a.example"),
        [
            Claim(
                "uk-returnees",
                UK_RETURNEES,
                "foreign_fighters",
                "returned",
                ("GB",),
                500,
                500,
                location=("UK",),
                location_country=("GB",),
                time_text="in 2023",
                year=2023,
                source=("Home Office",),
                source_type="government",
            ),
            Claim(
                "uk-returnees",
                UK_TRAVELLED,
                "foreign_fighters",
                "travelled",
                ("GB",),
                850,
                850,
                location=("Syria",),
                location_country=("SY",),
            ),
        ],
    ),
    (
        page("uk-monitor", UK_MONITOR, date(2024, 4, 10), "b.example"),
        [
            Claim(
                "uk-monitor",
                UK_MONITOR,
                "foreign_fighters",
                "returned",
                ("GB",),
                350,
                350,
                location=("UK",),
                location_country=("GB",),
                source=("Soufan Center",),
                source_type="monitor",
            ),
        ],
    ),
    (
        page("tn-denial", f"{TN_DENIAL} {TN_RESEARCH}", date(2024, 5, 2), "c.example"),
        [
            Claim(
                "tn-denial",
                TN_DENIAL,
                "foreign_fighters",
                "returned",
                ("TN",),
                source=("Interior Ministry",),
                source_type="government",
                polarity="denies",
            ),
            Claim(
                "tn-denial",
                TN_RESEARCH,
                "foreign_fighters",
                "returned",
                ("TN",),
                800,
                800,
                source=("a researcher",),
                source_type="research",
            ),
        ],
    ),
    (
        page(
            "syria-moves",
            f"{RAQQA_FLED} {HOL_DETAINED}",
            date(2024, 5, 20),
            "d.example",
            language="en",
        ),
        [
            Claim(
                "syria-moves",
                RAQQA_FLED,
                "fighters",
                "fled",
                (),
                200,
                999,
                location=("Idlib",),
                location_country=("SY",),
                from_location=("Raqqa",),
            ),
            Claim(
                "syria-moves",
                HOL_DETAINED,
                "fighters",
                "detained",
                (),
                3000,
                9000,
                location=("al-Hol",),
                location_country=("SY",),
                counterpart="SDF",
                source=("Syrian Democratic Forces",),
                source_type="armed_group",
                certainty="hedged",
            ),
        ],
    ),
    (
        page(
            "france", f"{FR_KILLED} {FR_RELOCATED}", date(2024, 5, 28), "e.example", language="fr"
        ),
        [
            Claim(
                "france",
                FR_KILLED,
                "foreign_fighters",
                "killed",
                ("FR",),
                300,
                None,
                location=("Syria",),
                location_country=("SY",),
                source=("Le Monde",),
                source_type="media",
            ),
            Claim(
                "france",
                FR_RELOCATED,
                "foreign_fighters",
                "relocated",
                ("FR",),
                None,
                60,
                location=("Sahel",),
                location_country=("SAHEL",),
                from_location=("Syria",),
                source=("Le Monde",),
                source_type="media",
            ),
        ],
    ),
    # The al-Hol figure three years earlier: the 2024 article repeats it (a stale figure).
    (
        page("hol-2021", HOL_EARLIER, date(2021, 2, 10), "f.example"),
        [
            Claim(
                "hol-2021",
                HOL_EARLIER,
                "fighters",
                "detained",
                (),
                3000,
                9000,
                location=("al-Hol",),
                location_country=("SY",),
                counterpart="SDF",
                source=("Kurdish officials",),
                source_type="local",
            ),
        ],
    ),
    # A syndicated copy of the first article: same text fingerprint, another URL.
    (
        page(
            "uk-returnees-copy",
            f"{UK_RETURNEES} {UK_TRAVELLED}",
            date(2024, 3, 6),
            "wire.example",
            fingerprint="fp-uk-returnees",
        ),
        [
            Claim(
                "uk-returnees-copy",
                UK_RETURNEES,
                "foreign_fighters",
                "returned",
                ("GB",),
                500,
                500,
                source=("Home Office",),
                source_type="government",
            ),
        ],
    ),
]

CLAIMS_STORED = sum(len(claims) for _, claims in SAMPLES[:-1])
ARTICLES_STORED = len(SAMPLES)


def save_samples(db_path: Path) -> list[SaveResult]:
    """Migrate `db_path`, save every sample in one run, publish the read copy."""
    with connect(db_path) as con:
        migrate(con)
        run_id = start_run(con, "test_samples", VERSION)
        results = [
            save_article(con, run_id, VERSION, FEED, pg, FETCHED, claims) for pg, claims in SAMPLES
        ]
        finish_run(con, run_id, "completed", {"articles": len(results)})
        publish_read_copy(db_path, con)
    return results


# --- bulk writers and readers for tests/test_read_while_write.py -------------------------

BULK_TITLE = "bulk {i} claims {k}"
BULK_CHECK_SQL = """
SELECT a.article_id, a.title, a.claims, count(c.claim_id) AS in_view
FROM articles_current AS a
LEFT JOIN claims_current AS c ON c.article_id = a.article_id
GROUP BY ALL
"""


def bulk_claims(i: int) -> list[Claim]:
    """Article i carries i % 4 claims, so a partial article shows as a wrong count."""
    return [
        Claim(
            f"bulk-{i}",
            f"{(j + 1) * 100} fighters from bulk town {i} returned home.",
            "fighters",
            "returned",
            (("GB", "FR", "TN")[j % 3],),
            (j + 1) * 100,
            (j + 1) * 100,
            source=(f"Source {j}",),
            source_type="government",
        )
        for j in range(i % 4)
    ]


def bulk_page(i: int) -> PageText:
    return page(
        f"bulk-{i}",
        f"Bulk article {i}.",
        date(2024, 1 + i % 12, 1),
        "bulk.example",
        title=BULK_TITLE.format(i=i, k=i % 4),
    )


def bulk_writer(db: str, articles: str, batch: str, publish: str = "yes") -> None:
    """Write `articles` bulk articles, `batch` per short connection, publishing after each
    batch unless `publish` is "no" (the flow's pattern); print progress and a JSON summary."""
    import json

    n, size, publishing = int(articles), int(batch), publish == "yes"
    saved = claims = 0
    with connect(db) as con:
        run_id = start_run(con, "bulk_writer", VERSION)
    for start in range(0, n, size):
        with connect(db) as con:
            for i in range(start, min(start + size, n)):
                result = save_article(
                    con, run_id, VERSION, FEED, bulk_page(i), FETCHED, bulk_claims(i)
                )
                saved += result.status == "new"
                claims += result.claims_new
            if publishing:
                publish_read_copy(db, con)
        print(f"batch {start // size} saved {saved}", flush=True)  # noqa: T201
    with connect(db) as con:
        finish_run(con, run_id, "completed", {"articles": saved, "claims": claims})
        if publishing:
            publish_read_copy(db, con)
    print(json.dumps({"articles": saved, "claims": claims}), flush=True)  # noqa: T201


def bulk_reader(db: str, stop_file: str) -> None:
    """Run `claimwatch sql`/`query` in a loop until `stop_file` exists (then once more);
    record each article's claim count as seen; print a JSON report."""
    import csv
    import io
    import json
    import time

    from click.testing import CliRunner

    from flows.cli import cli

    runner = CliRunner()
    queries = errors = 0
    seen: dict[str, set[int]] = {}
    inconsistent: list[str] = []  # articles_current.claims disagreeing with claims_current
    messages: list[str] = []
    seen_max = 0
    sizes: set[int] = set()  # how many articles each query saw: distinct snapshots
    started = time.monotonic()
    while True:
        stopping = Path(stop_file).exists()
        args = ["sql", BULK_CHECK_SQL, "--csv"]
        if queries % 3 == 2:
            args = ["query", "returnees_by_origin", "--csv"]
        result = runner.invoke(cli, ["--db", db, *args])
        queries += 1
        if result.exit_code != 0:
            errors += 1
            messages.append(result.output[-300:])
        elif args[0] == "sql":
            rows = list(csv.DictReader(io.StringIO(result.stdout)))
            seen_max = max(seen_max, len(rows))
            sizes.add(len(rows))
            for row in rows:
                seen.setdefault(row["article_id"], set()).add(int(row["in_view"]))
                if row["claims"] != row["in_view"]:
                    inconsistent.append(str(row))
        if queries == 1:
            print("ready", flush=True)  # noqa: T201
        if stopping:
            break
        time.sleep(0.01)  # an eager analyst, not a busy loop starving the writer of CPU
    report = {
        "queries": queries,
        "errors": errors,
        "messages": messages[:3],
        "inconsistent": inconsistent[:5],
        "seen": {k: sorted(v) for k, v in seen.items()},
        "articles_seen_max": seen_max,
        "snapshots": sorted(sizes),
        "seconds": round(time.monotonic() - started, 2),
    }
    print(json.dumps(report), flush=True)  # noqa: T201


def analyst_session(db: str, stop_file: str) -> None:
    """An analyst's long-open session on the read copy, querying now and then."""
    import json
    import time

    from warehouse.publish import read_copy_path

    queries = 0
    with connect(read_copy_path(db), read_only=True) as con:
        print("open", flush=True)  # noqa: T201
        while not Path(stop_file).exists():
            con.execute("SELECT count(*) FROM claims_current").fetchall()
            queries += 1
            time.sleep(0.05)
    print(json.dumps({"queries": queries}), flush=True)  # noqa: T201

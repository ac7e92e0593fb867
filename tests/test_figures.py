"""Figure lineage on a warehouse built from articles written for the purpose
(tests/figure_samples.py): first source, repeats, syndicated copies, staleness,
competitors, kept current as articles arrive in any order, and re-derived alike."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from figure_samples import ARTICLES, CENTRE, LATE_DATE, ORIGINAL_DATE

from extractors.types import Claim, PageText
from warehouse.db import Connection, connect
from warehouse.digests import pending_claims
from warehouse.figures import rederive_figures
from warehouse.migrate import migrate
from warehouse.read import run_query
from warehouse.write import replace_claims, save_article, start_run

FETCHED = datetime(2024, 1, 1, tzinfo=UTC)
KEY = ("foreign_fighters", "travelled", ["IQ", "SY"])


def build(db: Path, articles: list[tuple[PageText, list[Claim]]]) -> None:
    with connect(db) as con:
        migrate(con)
        run_id = start_run(con, "test_figures", "test-1")
        for pg, claims in articles:
            save_article(con, run_id, "test-1", None, pg, FETCHED, claims)


def rows(con: Connection, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or {})
    names = [d[0] for d in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def figures(con: Connection) -> dict[tuple[str | None, str], dict[str, Any]]:
    """figures_current by (count_range, polarity)."""
    found = rows(con, "SELECT * FROM figures_current")
    return {(r["count_range"], r["polarity"]): r for r in found}


def query(con: Connection, name: str, **params: str) -> list[dict[str, Any]]:
    result = run_query(con, name, params)
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


@pytest.fixture
def lineage_db(db_path: Path) -> Path:
    build(db_path, ARTICLES)
    return db_path


def test_first_appearance_repeats_copies_and_age(lineage_db: Path) -> None:
    with connect(lineage_db) as con:
        fig = figures(con)["41490", "affirms"]
        appearances = rows(
            con,
            "SELECT * FROM figure_appearances WHERE figure_id = $id ORDER BY appearance",
            {"id": fig["figure_id"]},
        )
    assert (fig["first_date"], fig["first_site"]) == (ORIGINAL_DATE, "ccs.example")
    assert (fig["first_source"], fig["first_source_type"]) == ([CENTRE], "research")
    # the 2019 article states it twice: one appearance; the wire copy is no repeat
    assert [a["site"] for a in appearances] == [
        "ccs.example",
        "daily.example",
        "weekly.example",
        "herald.example",
    ]
    assert (fig["appearances"], fig["repeats"], fig["outlets"]) == (4, 3, 4)
    assert (fig["syndicated_copies"], appearances[2]["copy_sites"]) == (1, ["wire.example"])
    assert [a["sources_named"] for a in appearances] == [[CENTRE], [CENTRE], [], []]
    assert (fig["attributed_repeats"], fig["unattributed_repeats"]) == (1, 2)
    assert fig["repeats_crediting_first"] == 1
    assert appearances[2]["count_range"] == ">=41000"  # "more than 41,000" repeats it
    assert fig["last_date"] == LATE_DATE
    assert fig["age_days"] == (LATE_DATE - ORIGINAL_DATE).days
    assert fig["age_years"] == 5.1


def test_competitors_are_other_counts_and_denials_of_the_same_quantity(lineage_db: Path) -> None:
    with connect(lineage_db) as con:
        fig = figures(con)
        competing = query(con, "competing_figures", country="sy")
    assert fig["41490", "affirms"]["competitors"] == 2
    assert fig["53000", "affirms"]["first_source"] == ["Soufan Center"]
    assert fig["41490", "denies"]["first_source"] == ["the ministry"]
    assert fig["800", "affirms"]["competitors"] == 0
    assert [(r["figure"], r["polarity"], r["first_site"]) for r in competing] == [
        ("41490", "affirms", "ccs.example"),
        ("53000", "affirms", "monitor.example"),
        ("41490", "denies", "gov.example"),
    ]


def test_stale_figures_and_lineage_queries(lineage_db: Path) -> None:
    with connect(lineage_db) as con:
        late_claim = rows(con, "SELECT claim_id FROM claims WHERE doc = 'herald-retrospective'")
        stale = query(con, "stale_figures", years="5")
        lineage = query(con, "figure_lineage", claim_id=late_claim[0]["claim_id"])
        by_count = query(con, "figure_lineage", count="41490", fate="travelled")
        most = query(con, "figure_lineage")
        assert query(con, "stale_figures", years="5.2") == []
        assert query(con, "figure_lineage", count="41490", fate="killed") == []
        assert query(con, "figure_lineage", count="41490", country="tn") == []
        assert query(con, "figure_lineage", count="800", country="tn")[0]["site"] == "tunis.example"
    assert [(r["figure"], r["first_site"], r["repeats"]) for r in stale] == [
        ("41490", "ccs.example", 3)
    ]
    assert [(r["appearance"], r["site"], r["years_after_first"]) for r in lineage] == [
        (1, "ccs.example", 0.0),
        (2, "daily.example", 0.8),
        (3, "weekly.example", 2.6),
        (4, "herald.example", 5.1),
    ]
    assert [r["credits_first_source"] for r in lineage] == [False, True, False, False]
    assert [r["syndicated_copies"] for r in lineage] == [0, 0, 1, 0]
    assert by_count == most == lineage  # the figure of that count stated most often


def facts(db: Path) -> list[tuple[Any, ...]]:
    with connect(db) as con:
        return sorted(
            (r["count_range"], r["polarity"], r["first_site"], r["appearances"], r["competitors"])
            for r in rows(con, "SELECT * FROM figures_current")
        )


def test_arrival_order_does_not_change_the_lineage(tmp_path: Path, lineage_db: Path) -> None:
    shuffled = ARTICLES[:]
    random.Random(11).shuffle(shuffled)
    shuffled.sort(key=lambda item: item[0].url.startswith("https://wire."))  # copy after original
    build(tmp_path / "shuffled.duckdb", shuffled)
    assert facts(tmp_path / "shuffled.duckdb") == facts(lineage_db)


def test_every_figure_claim_is_placed_once_and_saving_again_adds_nothing(lineage_db: Path) -> None:
    count_sql = "SELECT (SELECT count(*) FROM figures), (SELECT count(*) FROM figure_claims)"
    with connect(lineage_db) as con:
        before = con.execute(count_sql).fetchone()
        unplaced = con.execute(
            "SELECT count(*) FROM claims WHERE (count_low IS NOT NULL OR count_high IS NOT NULL"
            " OR polarity = 'denies') AND claim_id NOT IN (SELECT claim_id FROM figure_claims)"
        ).fetchone()
    build(lineage_db, ARTICLES)
    with connect(lineage_db) as con:
        assert con.execute(count_sql).fetchone() == before == (4, 8)
    assert unplaced == (0,)


def test_rederive_gives_the_same_figures_and_reprocess_keeps_them_current(
    lineage_db: Path,
) -> None:
    before = facts(lineage_db)
    with connect(lineage_db) as con:
        saved = rederive_figures(con, "rederive", batch_size=3)  # several batches
        assert (saved.claims, saved.founded) == (8, 4)
    assert facts(lineage_db) == before
    with connect(lineage_db) as con:  # the late article now says 53,000: it changes sides
        article_id = rows(con, "SELECT article_id FROM articles WHERE site = 'herald.example'")
        page_claims = ARTICLES[6][1]
        changed = [Claim(**{**page_claims[0].__dict__, "count_low": 53000, "count_high": 53000})]
        replace_claims(con, "reprocess", "test-2", article_id[0]["article_id"], changed)
        fig = figures(con)
    assert (fig["41490", "affirms"]["repeats"], fig["53000", "affirms"]["repeats"]) == (2, 1)
    assert fig["41490", "affirms"]["last_date"] == datetime(2021, 3, 2).date()


def test_the_digest_says_whether_a_figure_is_new_or_a_repeat(lineage_db: Path) -> None:
    from flows.digest.render import render_html, render_text
    from flows.digest.wording import DigestContent, lineage_text

    with connect(lineage_db) as con:
        rows = pending_claims(con)
    by_doc = {row.doc: lineage_text(row) for row in rows}
    content = DigestContent(rows=tuple(rows), now=datetime(2024, 1, 2), since=None)
    text, page = render_text(content), render_html(content, None)
    repeat = f"repeats a 2018 figure first given by {CENTRE} (ccs.example)"
    assert by_doc["herald-retrospective"] == by_doc["weekly-explainer"] == repeat
    assert by_doc["ccs-report"] == "first appearance of a figure repeated 3 times since"
    assert by_doc["soufan-count"] == "new figure"
    assert by_doc["ministry-denial"] == "new denial"
    assert "wire-explainer" not in by_doc  # the syndicated copy carries no claims
    assert f"    Repeats a 2018 figure first given by {CENTRE} (ccs.example)" in text
    assert f"{repeat}</span>" in page

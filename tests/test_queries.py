"""Every named query has its header, binds its parameters, and runs on empty and sample data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warehouse.read import QueryError, QueryResult, get_query, list_queries, run_query
from warehouse.reader import open_reader
from warehouse.sql import list_sql, load_sql

QUERIES = list_sql("queries")


def run(db: Path, name: str, **params: str) -> list[dict[str, object]]:
    with open_reader(db) as con:
        result: QueryResult = run_query(con, name, params)
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def test_the_issue_s_queries_exist() -> None:
    assert set(QUERIES) >= {
        "fates_over_time",
        "returnees_by_origin",
        "where_they_went",
        "contested_figures",
        "top_sources",
        "new_claims_since",
    }


@pytest.mark.parametrize("name", QUERIES)
def test_header_and_bound_params(name: str) -> None:
    text = load_sql("queries", name)
    lines = text.splitlines()
    assert lines[0] == f"-- name: {name}"
    assert lines[1].startswith("-- ")
    assert len(lines[1]) > 10
    assert lines[2].startswith("-- params:")
    info = get_query(name)
    body = "\n".join(lines[3:])
    used = set(re.findall(r"\$(\w+)", body))
    assert used == {p.name for p in info.params}, "declared params must be the ones used"
    assert all(p.default for p in info.params), "every param needs a default"
    assert "{" not in body, "values are bound, never formatted in"
    assert "%s" not in body, "values are bound, never formatted in"


@pytest.mark.parametrize("name", QUERIES)
def test_runs_on_an_empty_warehouse(empty_db: Path, name: str) -> None:
    assert run(empty_db, name) == []


@pytest.mark.parametrize("name", sorted(set(QUERIES) - {"digest_unlisted"}))  # no digest there
def test_runs_on_the_sample_warehouse(sample_db: Path, name: str) -> None:
    assert run(sample_db, name), f"{name} returned no rows on the sample"


def test_returnees_by_origin_latest_and_highest(sample_db: Path) -> None:
    rows = {(r["origin"], r["fate"]): r for r in run(sample_db, "returnees_by_origin")}
    gb = rows["GB", "returned"]
    assert (gb["claims"], gb["latest_figure"], gb["highest_figure"]) == (2, "350", "500")
    assert gb["latest_source"] == "Soufan Center (b.example)"
    assert gb["highest_source"] == "Home Office (a.example)"
    assert rows["TN", "returned"]["denials"] == 1
    assert rows["GB", "travelled"]["latest_figure"] == "850"
    assert run(sample_db, "returnees_by_origin", since="2024-05-01")[0]["origin"] == "TN"


def test_contested_figures_one_row_per_subject_fate_and_place(sample_db: Path) -> None:
    rows = run(sample_db, "contested_figures")
    found = {(r["fate"], r["place"], r["conflict"]) for r in rows}
    assert found == {("returned", "GB", "counts disagree"), ("returned", "TN", "denied")}
    gb = next(r for r in rows if r["place"] == "GB")
    assert (gb["figure_range"], gb["claims"], gb["figures"]) == ("350-500", 2, 2)
    assert gb["sources"] == ["Home Office", "Soufan Center"]
    assert run(sample_db, "contested_figures", since="2024-05-01")[0]["place"] == "TN"
    assert len(run(sample_db, "contested_figures", limit="1")) == 1


def test_fates_over_time_by_week_and_month(sample_db: Path) -> None:
    monthly = run(sample_db, "fates_over_time")
    assert {str(r["period_start"]) for r in monthly} == {
        "2021-02-01",
        "2024-03-01",
        "2024-04-01",
        "2024-05-01",
    }
    weekly = run(sample_db, "fates_over_time", period="week")
    assert {str(r["period_start"]) for r in weekly} >= {"2024-03-04", "2024-05-27"}
    assert sum(int(r["claims"]) for r in weekly) == sum(int(r["claims"]) for r in monthly)  # type: ignore[call-overload]


def test_where_they_went_and_top_sources_and_new_claims(sample_db: Path) -> None:
    fled = run(sample_db, "where_they_went", fate="fled")
    assert [(r["from_place"], r["to_country"], r["to_places"]) for r in fled] == [
        ("Raqqa", "SY", ["Idlib"])
    ]
    assert len(run(sample_db, "top_sources", limit="2")) == 2
    # a date inside a month: that month's days come from the day-grain rows
    assert len(run(sample_db, "where_they_went", fate="fled", since="2024-05-20")) == 1
    assert run(sample_db, "where_they_went", fate="fled", since="2024-05-21") == []
    late = run(sample_db, "top_sources", since="2024-05-21")
    assert [(r["source"], r["claims"], str(r["first_seen"])) for r in late] == [
        ("Le Monde", 2, "2024-05-28")
    ]
    assert run(sample_db, "new_claims_since", since="2999-01-01") == []
    assert len(run(sample_db, "new_claims_since", since="2000-01-01")) == 10


def test_bad_params_are_named(sample_db: Path) -> None:
    with pytest.raises(QueryError, match=r"parameter limit .* must be an int"):
        run(sample_db, "top_sources", limit="many")
    with pytest.raises(QueryError, match="no parameter nope; its parameters: since, limit"):
        run(sample_db, "top_sources", nope="1")
    with pytest.raises(QueryError, match="no query named 'x'; known: competing_figures, contested"):
        run(sample_db, "x")


def test_list_queries_has_descriptions() -> None:
    assert [q.name for q in list_queries()] == QUERIES
    assert all(q.description for q in list_queries())

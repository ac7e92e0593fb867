"""Reads: the analysts' named queries, ad-hoc SQL and Parquet export.

A named query is `queries/<name>.sql`, one SELECT opening with a header:

    -- name: returnees_by_origin
    -- Returnees and travellers by origin country ...
    -- params: $since (date) = 1900-01-01, $limit (int) = 20

Every parameter has a default (`null` binds NULL, which the query replaces), and
values are bound, never formatted into the SQL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from warehouse.db import READ_STATEMENTS, Connection, statement_kinds
from warehouse.sql import list_sql, load_sql

_PARAM = re.compile(r"\$(?P<name>\w+)\s*\((?P<type>\w+)\)\s*=\s*(?P<default>[^,]*)")
_TYPES = ("text", "int", "float", "date")
_ARTICLE = {"text": "text", "int": "an int", "float": "a number", "date": "a date"}


class QueryError(ValueError):
    """A named query that does not exist, or a parameter that cannot be used."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str


@dataclass(frozen=True)
class QueryInfo:
    """A named query's header: its name, one-line description and parameters."""

    name: str
    description: str
    params: tuple[Param, ...]
    sql: str


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def parse_header(name: str, sql: str) -> QueryInfo:
    """Read the `-- name:` / description / `-- params:` header of a query file."""
    lines = [line.strip() for line in sql.splitlines()[:3]]
    if len(lines) < 3 or lines[0] != f"-- name: {name}" or not lines[2].startswith("-- params:"):
        raise QueryError(
            f"queries/{name}.sql must open with '-- name: {name}', '-- <description>' "
            "and '-- params: ...'"
        )
    description = lines[1].removeprefix("--").strip()
    declared = lines[2].removeprefix("-- params:").strip()
    params = tuple(
        Param(m["name"], m["type"], m["default"].strip()) for m in _PARAM.finditer(declared)
    )
    if not description or any(p.type not in _TYPES for p in params):
        raise QueryError(f"queries/{name}.sql: empty description or a type not in {_TYPES}")
    return QueryInfo(name, description, params, sql)


def list_queries() -> list[QueryInfo]:
    """Every named query, by name."""
    return [get_query(name) for name in list_sql("queries")]


def get_query(name: str) -> QueryInfo:
    known = list_sql("queries")
    if name not in known:
        raise QueryError(f"no query named {name!r}; known: {', '.join(known)}")
    return parse_header(name, load_sql("queries", name))


def bind_params(info: QueryInfo, given: Mapping[str, str]) -> dict[str, object]:
    """Typed values for every declared parameter: given ones converted, others defaulted."""
    declared = {p.name: p for p in info.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise QueryError(
            f"query {info.name} has no parameter {', '.join(unknown)}; "
            f"its parameters: {', '.join(declared) or 'none'}"
        )
    return {p.name: _convert(info.name, p, given.get(p.name, p.default)) for p in info.params}


def _convert(query: str, param: Param, raw: str) -> object:
    if raw.lower() == "null":
        return None
    try:
        if param.type == "int":
            return int(raw)
        if param.type == "float":
            return float(raw)
        if param.type == "date":
            return date.fromisoformat(raw)
    except ValueError:
        raise QueryError(
            f"parameter {param.name} of query {query} must be {_ARTICLE[param.type]}"
            f"{' (YYYY-MM-DD)' if param.type == 'date' else ''}, not {raw!r}"
        ) from None
    return raw


def run_query(con: Connection, name: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run the named query with `params` (strings, converted by the declared types)."""
    info = get_query(name)
    return _result(con.execute(info.sql, bind_params(info, params or {})))


def run_sql(con: Connection, sql: str, params: Sequence[object] = ()) -> QueryResult:
    """Run an analyst's ad-hoc SQL: reads only (SELECT, EXPLAIN; a write is refused with
    QueryError); DuckDB's errors pass through."""
    refused = sorted(set(statement_kinds(sql)) - READ_STATEMENTS)
    if refused:
        raise QueryError(
            f"claimwatch sql is read-only: {', '.join(refused)} statements are refused "
            "(use SELECT; the warehouse is written by runs only)"
        )
    return _result(con.execute(sql, list(params)))


def _result(cursor: Connection) -> QueryResult:
    description = cursor.description or []
    columns = [str(col[0]) for col in description]
    rows = cursor.fetchall() if description else []
    return QueryResult(columns, rows)


def export_parquet(con: Connection, folder: Path) -> list[Path]:
    """Write every table and view as `<folder>/<name>.parquet`; return the files."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, _kind in con.execute(load_sql("statements", "relations")).fetchall():
        target = folder / f"{name}.parquet"
        con.table(str(name)).write_parquet(str(target))
        written.append(target)
    return written

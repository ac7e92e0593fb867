"""docs/data-dictionary.md documents every view and column, with the live types."""

from __future__ import annotations

import re
from pathlib import Path

from warehouse.db import connect
from warehouse.sql import list_sql, load_sql

DICTIONARY = Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"


def documented() -> dict[str, list[tuple[str, str]]]:
    """{view: [(column, type), ...]} from the `## view` sections' tables."""
    views: dict[str, list[tuple[str, str]]] = {}
    current: str | None = None
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = re.fullmatch(r"## (\w+)", line)
            current = heading[1] if heading else None
            if current:
                views[current] = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if current and line.startswith("|") and len(cells) >= 3:
            if cells[0] in {"column", ""} or set(cells[0]) <= {"-"}:
                continue
            assert cells[2], f"{current}.{cells[0]} has no meaning"
            views[current].append((cells[0], cells[1]))
    return views


def live(empty_db: Path) -> dict[str, list[tuple[str, str]]]:
    views: dict[str, list[tuple[str, str]]] = {}
    with connect(empty_db, read_only=True) as con:
        for view, column, kind in con.execute(load_sql("statements", "view_columns")).fetchall():
            views.setdefault(view, []).append((column, kind))
    return views


def test_dictionary_matches_the_live_schema(empty_db: Path) -> None:
    schema = live(empty_db)
    docs = documented()
    assert sorted(docs) == sorted(schema), "every view has a section, and only views"
    for view, columns in schema.items():
        assert docs[view] == columns, f"{view}: document its columns in order, with types"


def test_every_view_file_and_query_is_documented() -> None:
    text = DICTIONARY.read_text(encoding="utf-8")
    for view in list_sql("views"):
        assert f"## {view}\n" in text
    for query in list_sql("queries"):
        assert f"| {query} |" in text

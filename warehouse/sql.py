"""SQL files shipped with the package, loaded through importlib.resources.

Kinds: `migrations` (numbered DDL), `views` (one CREATE OR REPLACE VIEW each),
`queries` (analysts' named queries), `statements` (the SQL Python runs) and
`aggregates` (one SELECT over `claim_facts` each: the read copy's `agg_*` tables).
Python never formats values into SQL: it binds parameters. The one exception is a file
path in ATTACH, which DuckDB 1.5 cannot bind: `with_path_literal` quotes it as a string
literal into the statement's `{path}` slot (and `warehouse.lake` does the same for a
lake's ATTACH). A kind's `ducklake/` folder holds the DuckLake variants of the few files
that need another form there (`load_sql(..., dialect)`).
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

KINDS = ("migrations", "views", "queries", "statements", "aggregates")


def _folder(kind: str) -> Traversable:
    if kind not in KINDS:
        raise ValueError(f"unknown SQL kind {kind!r}; known: {', '.join(KINDS)}")
    return files("warehouse").joinpath(kind)


def list_sql(kind: str) -> list[str]:
    """The names (file names without `.sql`) of one kind, sorted."""
    return sorted(
        entry.name.removesuffix(".sql")
        for entry in _folder(kind).iterdir()
        if entry.name.endswith(".sql")
    )


def load_sql(kind: str, name: str, dialect: str | None = None) -> str:
    """The text of `<kind>/<name>.sql`; FileNotFoundError names the file when missing.

    With a `dialect` (`ducklake`), `<kind>/<dialect>/<name>.sql` when that variant exists:
    the few statements that need another form there (no keys, sequences or RETURNING).
    """
    if dialect:
        variant = _folder(kind).joinpath(dialect, f"{name}.sql")
        if variant.is_file():
            return variant.read_text(encoding="utf-8")
    entry = _folder(kind).joinpath(f"{name}.sql")
    if not entry.is_file():
        raise FileNotFoundError(f"no SQL file warehouse/{kind}/{name}.sql")
    return entry.read_text(encoding="utf-8")


def with_path_literal(sql: str, path: str) -> str:
    """`sql` with its `{path}` slot filled by `path` as a quoted SQL string literal.

    For ATTACH, whose target DuckDB 1.5 cannot take as a bound parameter. Quotes in the
    path are doubled, so the literal cannot end early; a NUL byte is refused.
    """
    if "\x00" in path:
        raise ValueError(f"a database path cannot contain a NUL byte: {path!r}")
    return sql.replace("{path}", "'" + path.replace("'", "''") + "'")

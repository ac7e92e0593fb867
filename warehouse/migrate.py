"""Numbered, forward-only migrations recorded with checksums, then the views.

`migrations/NNNN_slug.sql` are applied in order, each in one transaction with its row
in `schema_migrations`; an applied migration whose text changed is refused. Every
`views/*.sql` (one CREATE OR REPLACE VIEW each) is re-applied after, on every call.

On a lake, a migration whose DuckDB form carries what DuckLake lacks (PRIMARY KEY,
UNIQUE, sequences) is applied in its variant `migrations/ducklake/NNNN_slug.sql`; the
checksum is that of the text applied. Two workers migrating a fresh lake at once
conflict (see `warehouse.lake`), and the loser starts again and finds the work done.
"""

from __future__ import annotations

import hashlib
import logging

from warehouse.db import Connection, is_lake, retry_conflicts, statement, transaction, utcnow
from warehouse.lake import is_conflict
from warehouse.sql import list_sql, load_sql

log = logging.getLogger(__name__)


class MigrationError(RuntimeError):
    """The database's recorded migrations do not agree with the files shipped."""


def migrate(con: Connection) -> list[str]:
    """Apply pending migrations, then re-apply every view; return the names applied."""
    done: list[str] = []
    _migrate(con, done)
    return done


@retry_conflicts
def _migrate(con: Connection, done: list[str]) -> None:
    """The work of `migrate`, repeated from the start when it loses a lake conflict;
    `done` keeps the names applied by earlier attempts."""
    dialect = "ducklake" if is_lake(con) else None
    con.execute(statement(con, "migrations_table"))
    applied = _applied(con)
    for filename in list_sql("migrations"):
        version, name = _parse_name(filename)
        text = load_sql("migrations", filename, dialect)
        checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if version in applied:
            if applied[version][1] != checksum:
                raise MigrationError(
                    f"migration {filename}.sql was edited after it was applied (checksum "
                    "differs): restore it and put the change in a new numbered migration"
                )
            continue
        with transaction(con):
            if version in _applied(con):  # another worker applied it meanwhile (a lake)
                continue
            _apply(con, filename, text)
            con.execute(
                statement(con, "migration_record"),
                {"version": version, "name": name, "checksum": checksum, "applied_at": utcnow()},
            )
        log.info("applied migration %s", filename)
        done.append(filename)
    known = {_parse_name(f)[0] for f in list_sql("migrations")}
    unknown = sorted(set(applied) - known)
    if unknown:
        raise MigrationError(
            f"the warehouse has migrations {unknown} that this code does not ship: "
            "upgrade claimwatch before using this warehouse"
        )
    apply_views(con)


def _applied(con: Connection) -> dict[int, tuple[str, str]]:
    """Version -> (name, checksum) of the migrations recorded as applied."""
    rows = con.execute(statement(con, "migrations_applied")).fetchall()
    return {int(version): (name, checksum) for version, name, checksum in rows}


def _apply(con: Connection, filename: str, text: str) -> None:
    try:
        con.execute(text)
    except Exception as err:
        if not is_lake(con) or is_conflict(err):
            raise
        raise MigrationError(
            f"migration {filename}.sql does not run on DuckLake ({err}); add its variant "
            f"warehouse/migrations/ducklake/{filename}.sql without keys or sequences"
        ) from None


def apply_views(con: Connection) -> list[str]:
    """Re-create every view from `views/*.sql` in one transaction; return their names."""
    names = list_sql("views")
    with transaction(con):
        for name in names:
            con.execute(load_sql("views", name))
    return names


def _parse_name(filename: str) -> tuple[int, str]:
    number, _, slug = filename.partition("_")
    if not number.isdigit() or len(number) != 4 or not slug:
        raise MigrationError(f"migration file {filename}.sql is not named NNNN_slug.sql")
    return int(number), slug

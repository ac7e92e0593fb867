"""Numbered, forward-only migrations recorded with checksums, then the views.

`migrations/NNNN_slug.sql` are applied in order, each in one transaction with its row
in `schema_migrations`; an applied migration whose text changed is refused. Every
`views/*.sql` (one CREATE OR REPLACE VIEW each) is re-applied after, on every call.
"""

from __future__ import annotations

import hashlib
import logging

from warehouse.db import Connection, transaction, utcnow
from warehouse.sql import list_sql, load_sql

log = logging.getLogger(__name__)


class MigrationError(RuntimeError):
    """The database's recorded migrations do not agree with the files shipped."""


def migrate(con: Connection) -> list[str]:
    """Apply pending migrations, then re-apply every view; return the names applied."""
    con.execute(load_sql("statements", "migrations_table"))
    applied = {
        int(version): (name, checksum)
        for version, name, checksum in con.execute(
            load_sql("statements", "migrations_applied")
        ).fetchall()
    }
    done: list[str] = []
    for filename in list_sql("migrations"):
        version, name = _parse_name(filename)
        text = load_sql("migrations", filename)
        checksum = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if version in applied:
            if applied[version][1] != checksum:
                raise MigrationError(
                    f"migration {filename}.sql was edited after it was applied (checksum "
                    "differs): restore it and put the change in a new numbered migration"
                )
            continue
        with transaction(con):
            con.execute(text)
            con.execute(
                load_sql("statements", "migration_record"),
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
    return done


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

"""migrate(): fresh file -> all migrations and views; again -> nothing; edits refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from warehouse.db import DatabaseError, connect
from warehouse.migrate import MigrationError, migrate
from warehouse.sql import list_sql, load_sql


def test_fresh_then_again_is_a_no_op(db_path: Path) -> None:
    with connect(db_path) as con:
        applied = migrate(con)
        assert applied == list_sql("migrations")
        assert applied[0] == "0001_init"
        rows = con.execute("SELECT version, name FROM schema_migrations ORDER BY 1").fetchall()
        assert [f"{v:04d}_{n}" for v, n in rows] == applied
    with connect(db_path) as con:
        assert migrate(con) == []
        assert migrate(con) == []
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (len(applied),)


def test_views_present(db_path: Path) -> None:
    with connect(db_path) as con:
        migrate(con)
        views = {
            row[0]
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_type = 'VIEW'"
            ).fetchall()
        }
        assert set(list_sql("views")) <= views
        for name in list_sql("views"):
            con.execute(f"SELECT * FROM {name}").fetchall()


def test_each_view_file_holds_one_create_or_replace_view() -> None:
    for name in list_sql("views"):
        text = load_sql("views", name)
        assert text.count("CREATE OR REPLACE VIEW") == 1, name
        assert f"CREATE OR REPLACE VIEW {name} AS" in text, name


def test_edited_migration_is_refused(db_path: Path) -> None:
    with connect(db_path) as con:
        migrate(con)
        con.execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1")
        with pytest.raises(MigrationError, match=r"0001_init\.sql was edited"):
            migrate(con)


def test_unknown_applied_migration_is_refused(db_path: Path) -> None:
    with connect(db_path) as con:
        migrate(con)
        con.execute("INSERT INTO schema_migrations VALUES (9999, 'future', 'x', current_timestamp)")
        with pytest.raises(MigrationError, match="9999"):
            migrate(con)


def test_failed_migration_leaves_no_trace(db_path: Path) -> None:
    """Each migration runs in one transaction with its ledger row: a failure adds neither."""
    with connect(db_path) as con:
        con.execute("CREATE TABLE fetch_failures (x INTEGER)")  # 0001 fails at its end
        with pytest.raises(DatabaseError, match="fetch_failures"):
            migrate(con)
        assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (0,)
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert tables == {"fetch_failures", "schema_migrations"}

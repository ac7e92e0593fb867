"""`claimwatch migrate`, `query`, `sql` and `export`: the analysts' side of the warehouse.

Readers open the published read copy (warehouse/reader.py: base + parts, read-only), so
an analyst's session never blocks a scheduled run; without one they open the warehouse
read-only, waiting while a run holds it. Each reading command has its own memory limit
and temporary folder (removed afterwards), and Ctrl-C stops its query at once. On a
DuckLake they attach its latest committed snapshot (or, with --at, an older one).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from flows.cli import cli
from flows.cli.output import output_options, write_rows
from flows.settings import Settings
from warehouse.db import Connection, DatabaseError, WarehouseBusy, WarehouseMissing, connect
from warehouse.migrate import MigrationError, migrate
from warehouse.publish import publish_read_copy
from warehouse.read import QueryError, export_parquet, list_queries, run_query, run_sql
from warehouse.reader import open_reader
from warehouse.target import LakeError, Snapshot, parse_snapshot

READ_WAIT_SECONDS = 30.0
T = TypeVar("T")


AT_HELP = (
    "DuckLake only: read the warehouse as it was at this snapshot id or time "
    "(e.g. 42 or 2026-12-01T10:00, UTC); see `claimwatch lake snapshots`."
)


def _snapshot(ctx: click.Context, param: click.Parameter, value: str | None) -> Snapshot | None:
    try:
        return None if value is None else parse_snapshot(value)
    except LakeError as err:
        raise click.BadParameter(str(err)) from None


@contextmanager
def reading(settings: Settings, at: Snapshot | None = None) -> Iterator[Connection]:
    """A read-only connection to the read copy (else the warehouse), or to a lake's
    snapshot; errors made clear."""
    try:
        with open_reader(settings.db, wait_seconds=READ_WAIT_SECONDS, at=at) as con:
            yield con
    except WarehouseMissing:
        raise click.ClickException(
            f"no warehouse at {settings.db}: run `claimwatch run` first "
            "(or `claimwatch migrate` for an empty one)"
        ) from None
    except (WarehouseBusy, LakeError) as err:
        raise click.ClickException(str(err)) from None
    except DatabaseError as err:
        raise click.ClickException(f"DuckDB: {err}") from None


def interruptible(con: Connection, work: Callable[[], T]) -> T:
    """Run `work` (a query on `con`) so that Ctrl-C stops it at once: the query runs in a
    thread; on KeyboardInterrupt it is interrupted and the command exits with status 130."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as err:  # handed to the main thread
            outcome["error"] = err

    thread = threading.Thread(target=target, name="claimwatch-query", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.1)
    except KeyboardInterrupt:
        con.interrupt()
        thread.join(5)
        click.echo("Interrupted (Ctrl-C): the query was stopped; nothing was changed.", err=True)
        sys.exit(130)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


@cli.command("migrate")
@click.pass_obj
def migrate_cmd(settings: Settings) -> None:
    """Create or upgrade the warehouse schema and views (safe to repeat).

    \b
    Example:  claimwatch migrate
    """
    try:
        with connect(settings.db) as con:
            applied = migrate(con)
            copy = publish_read_copy(settings.db, con)
    except (MigrationError, WarehouseBusy, LakeError) as err:
        raise click.ClickException(str(err)) from None
    if applied:
        click.echo(f"{settings.db}: applied {', '.join(applied)}", err=True)
    else:
        click.echo(f"{settings.db}: schema up to date", err=True)
    if copy is not None:
        click.echo(f"read copy: {copy}", err=True)


@cli.command("query")
@click.argument("name", required=False)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter, e.g. --param since=2024-01-01 (repeatable).",
)
@click.option("--at", metavar="SNAPSHOT_OR_TIME", callback=_snapshot, help=AT_HELP)
@output_options
@click.pass_obj
def query_cmd(
    settings: Settings,
    name: str | None,
    params: tuple[str, ...],
    at: Snapshot | None,
    fmt: str,
) -> None:
    """Run a named trend query (no name: list them with descriptions).

    \b
    Example:  claimwatch query returnees_by_origin --param since=2024-01-01 --csv
    """
    if name is None:
        rows = [
            (q.name, q.description, ", ".join(f"{p.name}={p.default}" for p in q.params))
            for q in list_queries()
        ]
        write_rows(["query", "description", "params (defaults)"], rows, fmt, max_cell=None)
        return
    given = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--param")
        given[key.strip()] = value
    with reading(settings, at) as con:
        try:
            result = interruptible(con, lambda: run_query(con, name, given))
        except QueryError as err:
            raise click.UsageError(str(err)) from None
    write_rows(result.columns, result.rows, fmt)


@cli.command("sql")
@click.argument("statement")
@click.option("--at", metavar="SNAPSHOT_OR_TIME", callback=_snapshot, help=AT_HELP)
@output_options
@click.pass_obj
def sql_cmd(settings: Settings, statement: str, at: Snapshot | None, fmt: str) -> None:
    """Run ad-hoc SQL, read-only, on the warehouse's read copy (a lake: its snapshot).

    \b
    Example:  claimwatch sql "SELECT fate, count(*) FROM claims_current GROUP BY ALL"
              claimwatch sql --at 2026-12-01T00:00 "SELECT count(*) FROM claims_current"
    """
    with reading(settings, at) as con:
        try:
            result = interruptible(con, lambda: run_sql(con, statement))
        except QueryError as err:
            raise click.ClickException(str(err)) from None
    write_rows(result.columns, result.rows, fmt)


@cli.command("export")
@click.option(
    "--parquet",
    "folder",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write <table or view>.parquet files into.",
)
@click.pass_obj
def export_cmd(settings: Settings, folder: Path) -> None:
    """Write every table and view as Parquet files for other tools.

    \b
    Example:  claimwatch export --parquet exports/
    """
    with reading(settings) as con:
        files = interruptible(con, lambda: export_parquet(con, folder))
    for path in files:
        click.echo(str(path))

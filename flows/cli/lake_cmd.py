"""`claimwatch lake maintain` and `lake snapshots`: looking after a DuckLake warehouse."""

from __future__ import annotations

from datetime import timedelta

import click

from flows.cli import cli
from flows.cli.output import output_options, write_rows
from flows.settings import Settings
from warehouse.db import DatabaseError, connect
from warehouse.maintain import maintain, snapshots
from warehouse.target import LakeError


@cli.group("lake")
def lake() -> None:
    """Look after a DuckLake warehouse (CLAIMWATCH_DB=ducklake:...).

    \b
    Example:  claimwatch lake snapshots
              claimwatch lake maintain --keep-days 30
    """


@lake.command("maintain")
@click.option(
    "--keep-days",
    type=click.FloatRange(min=0),
    default=7.0,
    show_default=True,
    help="Keep snapshots this recent (time travel with --at reaches back this far).",
)
@click.pass_obj
def maintain_cmd(settings: Settings, keep_days: float) -> None:
    """Merge small files and expire old snapshots, with DuckLake's own functions.

    Safe while runs write: each step is its own transaction and retries on conflict.
    Schedule it daily (cron, or a Prefect deployment of `claimwatch lake maintain`).
    """
    try:
        with connect(settings.db) as con:
            done = maintain(con, timedelta(days=keep_days))
    except (LakeError, DatabaseError) as err:
        raise click.ClickException(str(err)) from None
    click.echo(
        f"{settings.db}: inlined rows of {done.tables_flushed} tables written to Parquet; "
        f"data files "
        f"{done.files_before} -> {done.files_after}; snapshots {done.snapshots_before} -> "
        f"{done.snapshots_after} ({done.snapshots_expired} expired, older than "
        f"{keep_days:g} days); {done.files_deleted} unused files deleted.",
        err=True,
    )


@lake.command("snapshots")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@output_options
@click.pass_obj
def snapshots_cmd(settings: Settings, limit: int, fmt: str) -> None:
    """List the newest snapshots (ids and UTC times for `claimwatch sql --at`)."""
    try:
        with connect(settings.db, read_only=True) as con:
            found = snapshots(con, limit)
    except (LakeError, DatabaseError) as err:
        raise click.ClickException(str(err)) from None
    rows = [(s.snapshot_id, s.taken_at, s.changes) for s in found]
    write_rows(["snapshot", "taken_at (UTC)", "changes"], rows, fmt)

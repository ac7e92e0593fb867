"""The read copy: a consistent snapshot of the warehouse that analysts read.

DuckDB allows one writing process per file, and a reader holding the file would make a
scheduled run wait. So the writer publishes a snapshot beside the warehouse
(`claimwatch.duckdb` -> `claimwatch.read.duckdb`): it copies the database inside one
DuckDB transaction (ATTACH + COPY FROM DATABASE, so the snapshot holds whole articles
only) into a temporary file, checkpoints it, then `os.replace`s it over the read copy.
Readers that opened the old copy keep reading it; new readers get the new one.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from warehouse.db import Connection, Target, address, connect
from warehouse.sql import load_sql, with_path_literal

log = logging.getLogger(__name__)


def read_copy_path(db_path: Path | str) -> Path:
    """Where the read copy of `db_path` lives: `<stem>.read<suffix>` beside it."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}.read{path.suffix or '.duckdb'}")


def reader_path(db_path: Target | str) -> Target:
    """What readers open: the read copy when it exists, else the warehouse itself (a
    lake: itself, its snapshots)."""
    place = address(db_path)
    if not isinstance(place, Path):
        return place
    copy = read_copy_path(place)
    return copy if copy.exists() else place


def publish_read_copy(db_path: Target | str, con: Connection | None = None) -> Path | None:
    """Snapshot the warehouse at `db_path` into its read copy atomically; return its path.

    Call it after `migrate` and after each batch of writes (e.g. per feed and at the
    end of a run). Pass the writer's open connection as `con`, or let it open one (in
    the same process that shares the open database; otherwise it waits for the lock).
    A lake needs no read copy (readers attach its snapshots): None, nothing done.
    """
    place = address(db_path)
    if not isinstance(place, Path):
        return None
    target = read_copy_path(place)
    # unique per process and thread; ends in .duckdb so .gitignore's *.duckdb covers it
    temp = target.with_name(f".{target.stem}.{os.getpid()}-{threading.get_ident()}.tmp.duckdb")
    for stale in (temp, temp.with_name(temp.name + ".wal")):
        stale.unlink(missing_ok=True)
    if con is None:
        with connect(db_path) as own:
            _copy_into(own, temp)
    else:
        _copy_into(con, temp)
    os.replace(temp, target)
    log.info("published read copy %s", target)
    return target


def _copy_into(con: Connection, temp: Path) -> None:
    row = con.execute(load_sql("statements", "current_database")).fetchone()
    if row is None:
        raise RuntimeError("DuckDB returned no current database")
    con.execute(with_path_literal(load_sql("statements", "publish_attach"), str(temp)))
    try:
        # COPY FROM DATABASE takes catalog names, which DuckDB cannot bind. The source's
        # name comes from the catalog (current_database()), never from input.
        source = str(row[0]).replace('"', '""')
        con.execute(f'COPY FROM DATABASE "{source}" TO claimwatch_snapshot')
        con.execute(load_sql("statements", "publish_checkpoint"))
    finally:
        con.execute(load_sql("statements", "publish_detach"))

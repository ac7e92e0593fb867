"""Connections to the warehouse: a DuckDB file, or a DuckLake (`warehouse.lake`).

With `warehouse.lake`, the only module that imports duckdb. `connect` takes either
address (see `address`); everything above it works on both. DuckDB lets one process
write a file at a time: `connect` waits (with backoff) while another process holds the
file's lock, then raises `WarehouseBusy`; analysts read the published read copy
(`warehouse.publish`) so they never hold the warehouse's lock. A lake has no such lock.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.lake import open_lake
from warehouse.lake import retry_conflicts as retry_conflicts
from warehouse.sql import load_sql
from warehouse.target import Lake, LakeError, Snapshot
from warehouse.target import Target as Target
from warehouse.target import address as address
from warehouse.target import exists as exists
from warehouse.target import local_folder as local_folder

log = logging.getLogger(__name__)

Connection = duckdb.DuckDBPyConnection
Relation = duckdb.DuckDBPyRelation
DatabaseError = duckdb.Error
"""Any error DuckDB raises (SQL syntax, binder, constraint, I/O); its message is DuckDB's."""
DatabaseIOError = duckdb.IOException
"""DuckDB could not open or read a file."""
Interrupted = duckdb.InterruptException
"""A query stopped by `Connection.interrupt()` (Ctrl-C in the CLI)."""
READ_STATEMENTS = frozenset({"SELECT", "EXPLAIN"})

_LOCK_MARKER = "Could not set lock"
_LAKE_CONNECTIONS: set[int] = set()
"""ids of the open connections that are lakes (DuckDB's connection takes no attributes)."""


def utcnow() -> datetime:
    """Now as naive UTC: the convention of every TIMESTAMP column in the warehouse."""
    return datetime.now(UTC).replace(tzinfo=None)


class WarehouseBusy(RuntimeError):
    """Another process held the warehouse file's lock for longer than we were told to wait."""


class WarehouseMissing(FileNotFoundError):
    """A read-only connection was asked for a warehouse file that does not exist."""


def is_lake(con: Connection) -> bool:
    """Whether `con` was opened by `connect` on a lake."""
    return id(con) in _LAKE_CONNECTIONS


def statement(con: Connection, name: str) -> str:
    """`statements/<name>.sql`, or its DuckLake variant on a lake connection."""
    return load_sql("statements", name, "ducklake" if is_lake(con) else None)


@contextmanager
def connect(
    path: Target | str,
    read_only: bool = False,
    wait_seconds: float = 30.0,
    at: Snapshot | None = None,
) -> Iterator[Connection]:
    """Open the warehouse at `path` (a DuckDB file or a lake) and close it afterwards.

    A DuckDB file: its parent folder is created; while another process holds the file's
    lock, retry with backoff for up to `wait_seconds`, then raise `WarehouseBusy`.
    `read_only=True` on a missing file raises `WarehouseMissing`. In one process,
    connections to the same file share one database (DuckDB's instance cache), so a flow
    may hold a connection while `publish_read_copy` opens another; they must use the
    same `read_only` value. A lake: `read_only` attaches its latest committed snapshot,
    or the one `at` names (LakeError for a DuckDB file).
    """
    target = address(path)
    if isinstance(target, Lake):
        con = open_lake(target, read_only=read_only, at=at)
        _LAKE_CONNECTIONS.add(id(con))
        try:
            yield con
        finally:
            _LAKE_CONNECTIONS.discard(id(con))
            con.close()
        return
    if at is not None:
        raise LakeError(
            f"--at reads a past snapshot of a DuckLake warehouse; {target} is a DuckDB file"
        )
    path = target
    if read_only and not path.exists():
        raise WarehouseMissing(f"no warehouse at {path}: run `claimwatch run` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = _open_waiting(path, read_only, wait_seconds)
    try:
        yield con
    finally:
        con.close()


def _open_waiting(path: Path, read_only: bool, wait_seconds: float) -> Connection:
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as err:
            if _LOCK_MARKER not in str(err):
                raise
            left = deadline - time.monotonic()
            if left <= 0:
                raise WarehouseBusy(
                    f"warehouse {path} is locked by {lock_holder(str(err))} (waited "
                    f"{wait_seconds:g}s). Wait for it to finish or stop it, then retry "
                    "(analysts: `claimwatch query`/`claimwatch sql` read the published "
                    "read copy and never lock the warehouse)."
                ) from None
            log.info("warehouse %s is locked by another process; retrying", path)
            time.sleep(min(delay, left))
            delay = min(delay * 2, 1.0)


def in_memory(config: dict[str, str]) -> Connection:
    """A new in-memory database (readers attach the read copy's files to one)."""
    settings: dict[str, str | bool | int | float | list[str]] = dict(config)
    return duckdb.connect(":memory:", config=settings)


def macro_statements(sql: str) -> list[str]:
    """The CREATE MACRO statements of a script (e.g. a migration), as written."""
    found = []
    for statement in duckdb.extract_statements(sql):
        body = "\n".join(
            line for line in statement.query.splitlines() if not line.lstrip().startswith("--")
        ).strip()
        if re.match(r"CREATE\s+(OR\s+REPLACE\s+)?MACRO\b", body, re.IGNORECASE):
            found.append(body)
    return found


def statement_kinds(sql: str) -> list[str]:
    """The kind of each statement in `sql` (SELECT, INSERT, ...); DuckDB's parser errors
    pass through."""
    return [statement.type.name for statement in duckdb.extract_statements(sql)]


def lock_holder(message: str) -> str:
    """The process named by DuckDB's lock error, with its command line when readable."""
    found = re.search(r"held in (.+?) \(PID (\d+)\)", message)
    if not found:
        return "another process"
    program, pid = found.group(1), found.group(2)
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        command = " ".join(part.decode("utf-8", "replace") for part in raw.split(b"\0") if part)
    except OSError:
        command = program
    return f"process {pid} ({' '.join(command.split())[:200]})"


@contextmanager
def transaction(con: Connection) -> Iterator[Connection]:
    """BEGIN; COMMIT when the block ends, ROLLBACK (and re-raise) when it raises.

    On a lake, the transaction first takes its turn in `lake_writes` (see
    `warehouse.lake`): overlapping writers conflict, and `retry_conflicts` repeats them.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        if is_lake(con):
            con.execute(statement(con, "lake_write_turn"))
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")

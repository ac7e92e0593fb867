"""Readers' connections: the read copy (base + parts) as one read-only database.

`open_reader(db)` attaches the base and parts the manifest names (warehouse.publish), read
only, to an in-memory DuckDB and defines, as temporary views, each table (the union of
its rows in the parts for append-only and `agg_*` tables; the newest part's copy for the
others) and then the analysts' views (views/*.sql). Without a read copy it opens the
warehouse itself read-only (waiting while a writer holds it) and computes the `agg_*`
views from the claims.

Every reading connection gets a memory limit and a temporary directory of its own
(`<stem>.read.parts/tmp-<pid>/`), removed when it closes; folders left by a killed
reader are removed by the next one.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from warehouse.db import Connection, DatabaseIOError, connect, in_memory, macro_statements
from warehouse.publish import (
    APPEND_ONLY,
    INFO_TABLE,
    load_manifest,
    parts_dir,
    read_copy_path,
)
from warehouse.sql import list_sql, load_sql, with_path_literal
from warehouse.target import Lake, LakeError, Snapshot, Target, address

log = logging.getLogger(__name__)

MEMORY_LIMIT = "2GB"
"""Per reading command: enough for every named query at 1M claims, far below the machine."""
ATTEMPTS = 3
"""Tries to open a consistent base + parts while the writer replaces them."""


class ReadCopyChanged(RuntimeError):
    """The base or a part changed between reading the manifest and attaching it."""


@contextmanager
def open_reader(
    db: Target | str,
    memory_limit: str = MEMORY_LIMIT,
    wait_seconds: float = 30.0,
    at: Snapshot | None = None,
) -> Iterator[Connection]:
    """A read-only connection to the read copy of `db` (else to `db` itself); on a lake,
    to its latest committed snapshot, or the one `at` names (no read copy there)."""
    place = address(db)
    if isinstance(place, Lake):
        with connect(place, read_only=True, at=at) as con:
            con.execute(load_sql("statements", "reader_set_memory_limit"), {"value": memory_limit})
            _computed_aggregates(con)
            yield con
        return
    if at is not None:
        raise LakeError(
            f"--at reads a past snapshot of a DuckLake warehouse; {db} is a DuckDB file"
        )
    db = place
    with _temp_dir(db) as temp:
        settings = {"memory_limit": memory_limit, "temp_directory": str(temp)}
        if not read_copy_path(db).exists():
            with connect(db, read_only=True, wait_seconds=wait_seconds) as con:
                for key, value in settings.items():
                    con.execute(load_sql("statements", f"reader_set_{key}"), {"value": value})
                _computed_aggregates(con)
                yield con
            return
        con = _attach_copy(db, settings)
        try:
            yield con
        finally:
            con.close()


def _attach_copy(db: Path, settings: dict[str, str]) -> Connection:
    last: Exception | None = None
    for _ in range(ATTEMPTS):
        con = in_memory(settings)
        try:
            _define(con, db, load_manifest(db))
            return con
        except (ReadCopyChanged, DatabaseIOError) as err:  # replaced meanwhile: again
            con.close()
            last = err
    raise ReadCopyChanged(f"the read copy of {db} kept changing while opening it: {last}")


def _define(con: Connection, db: Path, manifest: dict[str, Any] | None) -> None:
    attach = load_sql("statements", "reader_attach")
    files = [read_copy_path(db)]
    if manifest is not None:
        files += [parts_dir(db) / name for name in manifest["parts"]]
    names = [f"claimwatch_p{i}" for i in range(len(files))]
    for name, path in zip(names, files, strict=True):
        if not path.exists():
            raise ReadCopyChanged(f"{path} is gone")
        con.execute(with_path_literal(attach.replace("{name}", name), str(path)))
    if manifest is not None:
        found = con.execute(f"SELECT generation FROM claimwatch_p0.{INFO_TABLE}").fetchone()
        if found is None or found[0] != manifest["generation"]:
            raise ReadCopyChanged("the base is not the one the manifest names")
    tables: dict[str, list[str]] = {}
    for database, table in con.execute(load_sql("statements", "reader_tables")).fetchall():
        tables.setdefault(str(table), []).append(str(database))
    for table, where in tables.items():
        if table == INFO_TABLE:
            continue
        # names come from the attached files' catalogs, quoted
        quoted = '"' + table.replace('"', '""') + '"'
        if table in APPEND_ONLY or table.startswith("agg_"):
            source = " UNION ALL BY NAME ".join(f"SELECT * FROM {d}.{quoted}" for d in where)
        else:
            source = f"SELECT * FROM {where[-1]}.{quoted}"
        con.execute(f"CREATE TEMP VIEW {quoted} AS {source}")
    _views(con)


def _views(con: Connection) -> None:
    """The migrations' macros (they live in the attached base, out of the views' reach)
    and the analysts' views, as temporary objects of this connection."""
    for name in list_sql("migrations"):
        for macro in macro_statements(load_sql("migrations", name)):
            con.execute(
                re.sub(
                    r"^\s*CREATE\s+(OR\s+REPLACE\s+)?MACRO",
                    "CREATE OR REPLACE TEMP MACRO",
                    macro,
                    count=1,
                    flags=re.IGNORECASE,
                )
            )
    for name in list_sql("views"):
        sql = load_sql("views", name)
        con.execute(sql.replace("CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMP VIEW", 1))


def _computed_aggregates(con: Connection) -> None:
    """On the warehouse itself (no read copy yet): `agg_*` as views over every claim."""
    facts = load_sql("statements", "claim_facts")
    for name in list_sql("aggregates"):
        con.execute(
            f'CREATE OR REPLACE TEMP VIEW "{name}" AS WITH claim_facts AS ({facts}) '
            f"SELECT * FROM ({load_sql('aggregates', name)})"
        )


@contextmanager
def _temp_dir(db: Path) -> Iterator[Path]:
    """`<stem>.read.parts/tmp-<pid>`, removed afterwards; stale ones of dead readers too."""
    folder = parts_dir(db)
    for stale in folder.glob("tmp-*") if folder.is_dir() else ():
        pid = stale.name.removeprefix("tmp-")
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    temp = folder / f"tmp-{os.getpid()}"
    temp.mkdir(parents=True, exist_ok=True)
    try:
        yield temp
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

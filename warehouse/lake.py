"""DuckLake: the warehouse as a lake that several writers and readers share.

`CLAIMWATCH_DB=ducklake:postgres:dbname=claims host=...` (several machines) or
`ducklake:sqlite:PATH` (several processes on one machine) keeps the catalog in that
database and the rows as Parquet files under the data path (`CLAIMWATCH_LAKE_DATA`: a
folder, or object storage). DuckLake stores the data path in the catalog when the lake is
created, so later connections need not repeat it. Readers attach a committed snapshot
read-only and never block writers; `at` attaches an older snapshot.

DuckLake has no PRIMARY KEY or UNIQUE constraint, so idempotency under concurrency comes
from its conflict detection: every write transaction (`warehouse.db.transaction`) first
updates the one row of `lake_writes`. Of two overlapping transactions that both did,
DuckLake refuses the second commit as a conflict, and `retry_conflicts` runs that write
again from the start, on the new snapshot, where its anti-joins see what the first one
stored. Writers are so serialised by DuckLake itself, on PostgreSQL and SQLite alike.

The extensions come from the pinned registry packages duckdb-extension-ducklake,
-postgres and -sqlite: DuckDB loads them from an extension directory of links to the
installed files and never downloads one.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

import duckdb

from warehouse.target import CATALOG_KINDS, PREFIX, Lake, LakeError, Snapshot

log = logging.getLogger(__name__)

ALIAS = "lake"
"""The catalog name a lake is attached as (and made the default with USE)."""

_PACKAGES = {  # DuckDB's name for the extension: (registry package's module, its file)
    "ducklake": ("duckdb_extension_ducklake", "ducklake"),
    "postgres_scanner": ("duckdb_extension_postgres", "postgres"),
    "sqlite_scanner": ("duckdb_extension_sqlite", "sqlite"),
}
_OPTIONAL_PACKAGES = {  # linked when installed: a data path on object storage needs it
    "httpfs": ("duckdb_extension_httpfs", "httpfs"),
}
_REMOTE_SCHEMES = ("s3://", "gs://", "gcs://", "r2://", "https://", "http://")
_CATALOG_EXTENSIONS = {"postgres": "postgres_scanner", "sqlite": "sqlite_scanner"}
assert set(_CATALOG_EXTENSIONS) == set(CATALOG_KINDS)
_CONFLICT_MARKERS = (
    "Transaction conflict",
    "Failed to commit",  # DuckLake's commit lost to another writer's (then rolled back)
    "database is locked",  # SQLite catalog busy with another process's commit
    "could not serialize access",
)
_CREATING_MARKERS = ("Failed to initialize DuckLake", "already exists", "duplicate key")
"""Two processes attaching a new lake at once: one creates the catalog, the other retries."""
RETRY_ATTEMPTS = 40
"""Attempts of one write on conflicts (jittered back-off from 20 ms, capped at 1 s)."""

P = ParamSpec("P")
T = TypeVar("T")


@functools.cache
def _link_folder() -> Path:
    """`v<DuckDB version>/<platform>`: where DuckDB looks inside an extension directory."""
    with duckdb.connect() as con:
        row = con.execute("SELECT platform FROM pragma_platform()").fetchone()
    return Path("v" + duckdb.__version__) / (str(row[0]) if row else "linux_amd64")


@functools.cache
def extension_directory() -> Path:
    """A DuckDB extension directory linking to the installed extension packages' files."""
    version = "v" + duckdb.__version__
    root = Path(tempfile.gettempdir()) / f"claimwatch-duckdb-extensions-{os.getuid()}"
    folder = root / _link_folder()
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {**_PACKAGES, **_OPTIONAL_PACKAGES}
    for name, (module, file) in wanted.items():
        source = _installed(module, version, file)
        if source is None and name in _OPTIONAL_PACKAGES:
            continue
        if source is None:
            raise LakeError(_missing(name, module))
        link = folder / f"{name}.duckdb_extension"
        if link.is_symlink() and link.resolve() == source.resolve():
            continue
        temp = folder / f".{name}.{os.getpid()}.link"
        temp.unlink(missing_ok=True)
        temp.symlink_to(source)
        os.replace(temp, link)  # atomic: a concurrent process sees the old link or this one
    return root


def _installed(module: str, version: str, file: str) -> Path | None:
    """The extension file the registry package `module` installed, if it is installed."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    source = Path(next(iter(spec.submodule_search_locations)))
    source = source / "extensions" / version / f"{file}.duckdb_extension"
    return source if source.is_file() else None


def _missing(name: str, module: str) -> str:
    package = module.replace("_", "-")
    return (
        f"the DuckDB extension {name} for DuckDB {duckdb.__version__} is not installed: "
        f"pip install {package}=={duckdb.__version__}"
    )


def open_lake(
    lake: Lake, read_only: bool = False, at: Snapshot | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached as `lake` and in use."""
    if at is not None and not read_only:
        raise LakeError("a past snapshot can only be read: open it read-only")
    remote = (lake.data_path or "").startswith(_REMOTE_SCHEMES)
    if remote and not (extension_directory() / _link_folder() / "httpfs.duckdb_extension").exists():
        raise LakeError(
            f"the data path {lake.data_path} is on object storage: "
            + _missing("httpfs", "duckdb_extension_httpfs")
            + " (the s3 extra of claimwatch)"
        )
    for tries in range(1, RETRY_ATTEMPTS + 1):
        try:
            return _open(lake, read_only, at)
        except duckdb.Error as err:
            if tries == RETRY_ATTEMPTS or not any(m in str(err) for m in _CREATING_MARKERS):
                raise _open_error(lake, err) from None
            log.debug("lake %s is being created by another process; retrying", lake)
            time.sleep(random.uniform(0.05, 0.3))
    raise AssertionError("unreachable")


def _open_error(lake: Lake, err: duckdb.Error) -> LakeError:
    if "data_path is not set" in str(err):
        return LakeError(
            f"the lake {lake} does not exist yet: set CLAIMWATCH_LAKE_DATA to the folder "
            "(or s3://... path) for its data files, then retry"
        )
    return LakeError(f"cannot open the lake {lake}: {err}")


def _open(lake: Lake, read_only: bool, at: Snapshot | None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(
        config={
            "extension_directory": str(extension_directory()),
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": True,
        }
    )
    try:
        con.execute("LOAD ducklake")
        if lake.kind in _CATALOG_EXTENSIONS:
            con.execute(f"LOAD {_CATALOG_EXTENSIONS[lake.kind]}")
        con.execute(f"SET ducklake_max_retry_count = {RETRY_ATTEMPTS}")
        con.execute("SET TimeZone = 'UTC'")  # naive timestamps in and out mean UTC
        con.execute(_attach_statement(lake, read_only, at))
        con.execute(f"USE {ALIAS}")
    except duckdb.Error:
        con.close()
        raise
    return con


def _data_path(lake: Lake) -> str | None:
    """The lake's data path; for a new file catalog without one, `<catalog file>.files/`."""
    if lake.data_path or lake.kind == "postgres":
        return lake.data_path
    file = Path(lake.catalog.removeprefix(lake.kind + ":"))
    return None if file.exists() else f"{file}.files/"


def _attach_statement(lake: Lake, read_only: bool, at: Snapshot | None) -> str:
    # ATTACH takes no bound parameters in DuckDB 1.5, so its strings are written in as
    # quoted literals, quotes doubled (like sql.with_path_literal); the rest are constants.
    options = []
    data_path = None if read_only else _data_path(lake)
    if data_path:
        options.append(f"DATA_PATH {_literal(data_path)}")
    if read_only:
        options.append("READ_ONLY")
    if isinstance(at, datetime):
        options.append(f"SNAPSHOT_TIME {_literal(at.isoformat(sep=' '))}")
    elif isinstance(at, int):
        options.append(f"SNAPSHOT_VERSION {int(at)}")
    suffix = f" ({', '.join(options)})" if options else ""
    return f"ATTACH {_literal(PREFIX + lake.catalog)} AS {ALIAS}{suffix}"


def _literal(text: str) -> str:
    if "\x00" in text:
        raise LakeError(f"a lake address cannot contain a NUL byte: {text!r}")
    return "'" + text.replace("'", "''") + "'"


def is_conflict(err: BaseException) -> bool:
    """A write refused because another writer committed first (or held the catalog)."""
    return isinstance(err, duckdb.Error) and any(m in str(err) for m in _CONFLICT_MARKERS)


def retry_conflicts(function: Callable[P, T]) -> Callable[P, T]:
    """Run `function` again, from the start, when its transaction lost a conflict.

    Only for writes that are whole transactions (or single statements): a refused commit
    has left nothing behind, and the next attempt reads the snapshot that won.
    """

    @functools.wraps(function)
    def attempt(*args: P.args, **kwargs: P.kwargs) -> T:
        delay = 0.02
        for tries in range(1, RETRY_ATTEMPTS + 1):
            try:
                return function(*args, **kwargs)
            except duckdb.Error as err:
                if not is_conflict(err) or tries == RETRY_ATTEMPTS:
                    raise
                log.debug("%s lost a write conflict (try %d); retrying", function.__name__, tries)
            time.sleep(delay * random.uniform(0.5, 1.5))
            delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")

    return attempt

"""Warehouse addresses: a DuckDB file's path, or a DuckLake (`ducklake:...`).

Parsing only, without DuckDB, so settings and `--help` load nothing heavy.
`warehouse.db.connect` opens either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

PREFIX = "ducklake:"
CATALOG_KINDS = ("postgres", "sqlite")
"""Catalog databases named after `ducklake:`; anything else is a DuckDB file as catalog."""


class LakeError(RuntimeError):
    """A lake address, snapshot or extension that cannot be used; the message says why."""


@dataclass(frozen=True)
class Lake:
    """A DuckLake warehouse: DuckDB's ATTACH string after `ducklake:`, and the data path."""

    catalog: str
    data_path: str | None = None

    def __str__(self) -> str:
        """The address as given (flows pass it on as text): keep passwords out of it and
        in PGPASSWORD or ~/.pgpass, which PostgreSQL's client library reads."""
        return PREFIX + self.catalog

    @property
    def kind(self) -> str:
        """`postgres`, `sqlite`, or `duckdb` (a DuckDB file as catalog)."""
        head, sep, _ = self.catalog.partition(":")
        return head if sep and head in CATALOG_KINDS else "duckdb"


Snapshot = int | datetime
"""A lake snapshot: its id, or a moment (the snapshot current then)."""


def is_lake_address(value: object) -> bool:
    return isinstance(value, Lake) or (isinstance(value, str) and value.startswith(PREFIX))


def parse_lake(text: str, data_path: str | None = None) -> Lake:
    """`ducklake:postgres:...` / `ducklake:sqlite:PATH` as a Lake; LakeError when empty."""
    catalog = text.removeprefix(PREFIX).strip()
    if not catalog:
        raise LakeError(
            f"{text!r} names no catalog: use ducklake:postgres:dbname=NAME host=HOST or "
            "ducklake:sqlite:PATH"
        )
    return Lake(catalog, data_path or None)


def parse_snapshot(text: str) -> Snapshot:
    """A snapshot id (`42`) or an ISO time (`2026-12-01T10:00`, naive = UTC)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise LakeError(
            f"--at {text!r} is neither a snapshot id (see `claimwatch lake snapshots`) "
            "nor a time like 2026-12-01T10:00"
        ) from None


Target = Path | Lake
"""A warehouse address: a DuckDB file's path, or a lake."""


def address(value: Path | str | Lake, lake_data: str | None = None) -> Target:
    """The warehouse `value` names: a lake for `ducklake:...`, else a DuckDB file path.

    `lake_data` (CLAIMWATCH_LAKE_DATA) is the lake's data path, unless it names one.
    """
    if isinstance(value, Lake):
        return value if value.data_path or not lake_data else Lake(value.catalog, lake_data)
    if is_lake_address(value):
        return parse_lake(str(value), lake_data)
    return Path(value)


def exists(target: Target) -> bool:
    """Whether the warehouse is there: a DuckDB file that exists, or any lake (a lake
    that cannot be opened says why when it is)."""
    return not isinstance(target, Path) or target.exists()


def run_lock_file(target: Target, flow: str) -> Path | None:
    """The file whose OS lock a run of `flow` holds (`.<name>.<flow>.lock` beside a DuckDB
    file). None for a lake: its runs may be on other machines, so no local lock can tell
    that none is alive (and writers there need none: see `warehouse.lake`)."""
    if not isinstance(target, Path):
        return None
    return target.parent / f".{target.name}.{flow}.lock"


def local_folder(target: Target) -> Path:
    """Where local files beside the warehouse go (logs): the file's folder, else data/."""
    return target.parent if isinstance(target, Path) else Path("data")

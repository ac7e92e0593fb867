"""Keeping a lake small and quick: DuckLake's own maintenance, and its snapshot list.

Every committed write is a snapshot, and small commits keep their rows in the catalog
("inlined") or in small files. `maintain` writes inlined rows out to Parquet, merges
adjacent small files, rewrites files that updates left full of deleted rows, expires
snapshots older than the retention, and deletes the files only those used. A lake is
maintained with DuckLake's functions only; a DuckDB file needs none of this.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from warehouse.db import Connection, is_lake, retry_conflicts, statement, utcnow
from warehouse.target import LakeError


@dataclass(frozen=True)
class Maintenance:
    """What `maintain` did: counts before and after."""

    snapshots_before: int
    snapshots_after: int
    files_before: int
    files_after: int
    tables_flushed: int
    """Tables whose inlined rows were written out to Parquet."""
    snapshots_expired: int
    files_deleted: int


@dataclass(frozen=True)
class SnapshotInfo:
    snapshot_id: int
    taken_at: datetime
    """UTC, naive like every timestamp in the warehouse."""
    changes: str


def _require_lake(con: Connection) -> None:
    if not is_lake(con):
        raise LakeError(
            "lake maintenance and snapshots need a DuckLake warehouse "
            "(CLAIMWATCH_DB=ducklake:...); a DuckDB file needs none"
        )


def _rows(con: Connection, name: str, params: dict[str, object] | None = None) -> int:
    """Run a maintenance CALL; the number of rows it reported (tables, snapshots, files)."""
    return len(con.execute(statement(con, name), params).fetchall())


def maintain(con: Connection, keep: timedelta = timedelta(days=7)) -> Maintenance:
    """Compact the lake and expire snapshots older than `keep` (time travel ends there)."""
    _require_lake(con)
    snapshots_before, files_before = _counts(con)
    cutoff = utcnow() - keep
    tables_flushed = retry_conflicts(_rows)(con, "lake_flush_inlined")
    retry_conflicts(_rows)(con, "lake_merge_files")
    retry_conflicts(_rows)(con, "lake_rewrite_deletes")
    expired = retry_conflicts(_rows)(con, "lake_expire_snapshots", {"older_than": cutoff})
    deleted = retry_conflicts(_rows)(con, "lake_cleanup_files", {"older_than": cutoff})
    snapshots_after, files_after = _counts(con)
    return Maintenance(
        snapshots_before,
        snapshots_after,
        files_before,
        files_after,
        tables_flushed,
        expired,
        deleted,
    )


def _counts(con: Connection) -> tuple[int, int]:
    row = con.execute(statement(con, "lake_counts")).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def snapshots(con: Connection, limit: int = 20) -> list[SnapshotInfo]:
    """The newest `limit` snapshots, newest first."""
    _require_lake(con)
    rows = con.execute(statement(con, "lake_snapshots"), {"limit": limit}).fetchall()
    return [SnapshotInfo(int(r[0]), r[1], str(r[2])) for r in rows]

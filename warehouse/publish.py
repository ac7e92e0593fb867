"""The read copy analysts read: a base snapshot plus small parts, each made in one step.

DuckDB lets one process write a file, and a reader holding the warehouse would make a
scheduled run wait; so readers never open the warehouse. The writer publishes beside it:

- the **base**, `claimwatch.read.duckdb`: a whole copy (ATTACH + COPY FROM DATABASE into
  a temporary file, then `os.replace`), plus the pre-aggregated `agg_*` tables the named
  queries read (aggregates/*.sql over every claim);
- **parts**, `claimwatch.read.parts/part-*.duckdb`: what changed since the base: rows
  appended to the append-only tables (by rowid), the small mutable tables (runs, feeds,
  digests...) whole, and the `agg_*` rows of the new claims only;
- `claimwatch.read.parts/manifest.json`: which base and parts make the current copy.

A publish writes one part, so its cost follows what was added, not the warehouse's size.
It writes a new base instead (a whole copy, like every publish did before) when there is
none, when rows already published changed (a reprocess, a deleted row: checked by count
and key hash), when the schema or the aggregates' SQL changed, or when the parts hold
more than a quarter of the base's claims; parts are merged into one after MAX_PARTS.
Files are never changed once written: readers (warehouse.reader) attach the base and
parts named by the manifest they read, and a reader that opened older files keeps
reading them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warehouse.db import Connection, Target, address, connect, utcnow
from warehouse.sql import list_sql, load_sql, with_path_literal

log = logging.getLogger(__name__)

APPEND_ONLY = {
    "articles": "article_id",
    "claims": "claim_id",
    "fetch_failures": "run_id, url, stage",
    "digest_claims": "claim_id, digest_id",
    "figures": "figure_id",
    "figure_claims": "claim_id, figure_id",
}
"""Tables whose published rows never change, and the columns that identify a row. Every
other table is small and mutable, and goes whole into each part."""
BASE_ONLY = frozenset({"entry_aliases"})
"""The pipeline's own state, mutable and as large as the articles: readers get it with
each base only (no view reads it), so parts stay small."""
MAX_PARTS = 8
"""More parts than this are merged into one (all rows since the base)."""
MIN_BASE_CLAIMS = 20_000
"""Parts may hold max(this, a quarter of the base's claims) before a new base is made."""
INFO_TABLE = "read_copy_info"


@dataclass(frozen=True)
class Published:
    """What a publish wrote: `base` or `part`, the file, and the rows it carried."""

    kind: str
    path: Path
    claims: int


def read_copy_path(db_path: Path | str) -> Path:
    """Where the read copy's base lives: `<stem>.read<suffix>` beside the warehouse."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}.read{path.suffix or '.duckdb'}")


def parts_dir(db_path: Path | str) -> Path:
    """The folder of the read copy's parts and manifest."""
    path = Path(db_path)
    return path.with_name(f"{path.stem}.read.parts")


def load_manifest(db_path: Path | str) -> dict[str, Any] | None:
    """The current manifest, or None when there is none (or it cannot be read)."""
    try:
        data: dict[str, Any] = json.loads(
            (parts_dir(db_path) / "manifest.json").read_text(encoding="utf-8")
        )
    except (OSError, ValueError):
        return None
    return data


def publish_read_copy(db_path: Target | str, con: Connection | None = None) -> Path | None:
    """Publish what changed since the last publish (a part, or a new base); return the
    base's path. Pass the writer's open connection as `con`, or let it open one. A lake
    needs no read copy (readers attach its snapshots): None, nothing done."""
    place = address(db_path)
    if not isinstance(place, Path):
        return None
    db_path = place
    if con is None:
        with connect(db_path) as own:
            publish(own, Path(db_path))
    else:
        publish(con, Path(db_path))
    return read_copy_path(db_path)


def publish(con: Connection, db_path: Path, full: bool = False) -> Published:
    """Write a part (or, when needed or `full`, a new base) and switch the manifest to it."""
    manifest = load_manifest(db_path)
    base = read_copy_path(db_path)
    marks = _marks(con)
    reason = "asked" if full else _base_needed(con, manifest, base, marks)
    if reason:
        done = _write_base(con, db_path, marks)
        log.info("published a new read copy base (%s): %s", reason, done.path)
        return done
    assert manifest is not None
    merge = len(manifest["parts"]) >= MAX_PARTS
    since = manifest["base_marks"] if merge else manifest["marks"]
    part = parts_dir(db_path) / f"part-{uuid.uuid4().hex[:12]}.duckdb"
    claims = _write_part(con, part, since)
    kept = [] if merge else list(manifest["parts"])
    _write_manifest(
        db_path,
        {**manifest, "marks": marks, "parts": [*kept, part.name], "published_at": _now()},
    )
    log.info("published a read copy part: %s (%d new claims)", part, claims)
    return Published("part", part, claims)


def aggregates_version() -> str:
    """A hash of the aggregates' SQL: a base made by other definitions is replaced."""
    text = load_sql("statements", "claim_facts") + "".join(
        load_sql("aggregates", name) for name in list_sql("aggregates")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _now() -> str:
    return utcnow().isoformat()


def _quoted(name: str) -> str:
    """An identifier from this module's own table lists, quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def _tables(con: Connection) -> list[str]:
    rows = con.execute(load_sql("statements", "publish_tables")).fetchall()
    return [str(r[0]) for r in rows]


def _marks(con: Connection) -> dict[str, list[int]]:
    """Per append-only table: [highest rowid, rows, sum of the key's hashes]."""
    marks = {}
    for table, key in APPEND_ONLY.items():
        # identifiers from APPEND_ONLY, not input
        row = con.execute(
            f"SELECT coalesce(max(rowid), -1), count(*), coalesce(sum(hash({key})), 0) "
            f"FROM {_quoted(table)}"
        ).fetchone()
        assert row is not None
        marks[table] = [int(row[0]), int(row[1]), int(row[2])]
    marks["schema"] = [len(con.execute(load_sql("statements", "migrations_applied")).fetchall())]
    return marks


def _unchanged(con: Connection, marks: dict[str, list[int]]) -> bool:
    """Whether the rows up to `marks` are still exactly the rows published then."""
    for table, key in APPEND_ONLY.items():
        last, count, hashed = marks[table]
        row = con.execute(
            f"SELECT count(*), coalesce(sum(hash({key})), 0) FROM {_quoted(table)} "
            "WHERE rowid <= $last",
            {"last": last},
        ).fetchone()
        if row is None or (int(row[0]), int(row[1])) != (count, hashed):
            return False
    return True


def _base_needed(
    con: Connection, manifest: dict[str, Any] | None, base: Path, marks: dict[str, list[int]]
) -> str:
    """Why a new base must be written ('' when a part will do)."""
    if manifest is None or not base.exists():
        return "no read copy yet"
    if manifest.get("marks", {}).get("schema") != marks["schema"]:
        return "schema changed"
    if manifest.get("aggregates") != aggregates_version():
        return "aggregate definitions changed"
    if not _unchanged(con, manifest["marks"]):
        return "published rows changed"
    since_base = marks["claims"][1] - manifest["base_marks"]["claims"][1]
    if since_base > max(MIN_BASE_CLAIMS, manifest["base_marks"]["claims"][1] // 4):
        return f"{since_base} claims since the base"
    return ""


def _write_base(con: Connection, db_path: Path, marks: dict[str, list[int]]) -> Published:
    base = read_copy_path(db_path)
    folder = parts_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    temp = base.with_name(f".{base.stem}.{os.getpid()}-{threading.get_ident()}.tmp.duckdb")
    for stale in (temp, temp.with_name(temp.name + ".wal")):
        stale.unlink(missing_ok=True)
    generation = uuid.uuid4().hex
    row = con.execute(load_sql("statements", "current_database")).fetchone()
    if row is None:
        raise RuntimeError("DuckDB returned no current database")
    con.execute(with_path_literal(load_sql("statements", "publish_attach"), str(temp)))
    try:
        # COPY FROM DATABASE takes catalog names, which DuckDB cannot bind. The source's
        # name comes from the catalog (current_database()), never from input.
        source = str(row[0]).replace('"', '""')
        con.execute(f'COPY FROM DATABASE "{source}" TO claimwatch_snapshot')
        _write_aggregates(con, "claimwatch_snapshot", -1)
        con.execute(
            load_sql("statements", "publish_info"),
            {"generation": generation, "published_at": utcnow()},
        )
        con.execute(load_sql("statements", "publish_checkpoint"))
    finally:
        con.execute(load_sql("statements", "publish_detach"))
    os.replace(temp, base)
    _write_manifest(
        db_path,
        {
            "generation": generation,
            "aggregates": aggregates_version(),
            "base_marks": marks,
            "marks": marks,
            "parts": [],
            "published_at": _now(),
        },
    )
    return Published("base", base, marks["claims"][1])


def _write_part(con: Connection, part: Path, since: dict[str, list[int]]) -> int:
    """Write the rows appended after `since`, the mutable tables and the new claims'
    aggregates into the new file `part`; return how many claims it carries."""
    part.parent.mkdir(parents=True, exist_ok=True)
    con.execute(with_path_literal(load_sql("statements", "part_attach"), str(part)))
    try:
        con.execute("BEGIN TRANSACTION")
        for table in _tables(con):
            name = _quoted(table)  # from the catalog, not input
            if table in BASE_ONLY:
                continue
            if table in APPEND_ONLY:
                con.execute(
                    f"CREATE TABLE claimwatch_part.{name} AS "
                    f"SELECT * FROM {name} WHERE rowid > $last",
                    {"last": since[table][0]},
                )
            else:
                con.execute(f"CREATE TABLE claimwatch_part.{name} AS SELECT * FROM {name}")
        _write_aggregates(con, "claimwatch_part", since["claims"][0])
        con.execute("COMMIT")
        found = con.execute("SELECT count(*) FROM claimwatch_part.claims").fetchone()
        con.execute(load_sql("statements", "part_checkpoint"))
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute(load_sql("statements", "part_detach"))
    return int(found[0]) if found else 0


def _write_aggregates(con: Connection, target: str, after_row: int) -> None:
    """`<target>.agg_*` from the claims with rowid > `after_row` (every claim: -1),
    sorted by their first two columns (grain and period) so that a date filter skips
    most row groups. The claims' facts are gathered once, in a scratch table."""
    # target is one of this module's two attach names; agg names are shipped file names
    con.execute(
        f"CREATE TABLE {target}.claim_facts AS SELECT * FROM "
        f"({load_sql('statements', 'claim_facts')}) WHERE claim_row > $after",
        {"after": after_row},
    )
    for name in list_sql("aggregates"):
        con.execute(
            f"CREATE TABLE {target}.{_quoted(name)} AS "
            f"WITH claim_facts AS (SELECT * FROM {target}.claim_facts) "
            f"SELECT * FROM ({load_sql('aggregates', name)}) ORDER BY 1, 2"
        )
    con.execute(f"DROP TABLE {target}.claim_facts")


def _write_manifest(db_path: Path, manifest: dict[str, Any]) -> None:
    """Replace the manifest atomically, then remove part files it no longer names."""
    folder = parts_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".manifest.{os.getpid()}-{threading.get_ident()}.json"
    temp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    os.replace(temp, folder / "manifest.json")
    keep = set(manifest["parts"])
    for old in folder.glob("part-*.duckdb"):
        if old.name not in keep:
            # a reader that attached it keeps its open file; one about to attach retries
            old.unlink(missing_ok=True)

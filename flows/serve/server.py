"""A local Prefect API server for `claimwatch serve`.

Prefect's ephemeral mode runs no scheduler, so serving needs a real API server. Unless
one is already healthy on the port, `prefect_server` starts `prefect server start` on
127.0.0.1, waits until it is healthy, and stops it (the whole process group) on exit.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from flows.settings import PREFECT_QUIET_ENV

log = logging.getLogger(__name__)

SERVER_START_SECONDS = 90.0


class ServerError(RuntimeError):
    """The local Prefect server could not be started."""


@contextmanager
def prefect_server(port: int, log_file: Path) -> Iterator[str]:
    """A `prefect server start` on 127.0.0.1:`port` for the block; yields its API URL."""
    url = f"http://127.0.0.1:{port}/api"
    if _healthy(url):
        log.info("using the Prefect server already running at %s", url)
        yield url
        return
    prefect = shutil.which("prefect", path=str(Path(sys.executable).parent)) or "prefect"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **PREFECT_QUIET_ENV}
    env.pop("PREFECT_API_URL", None)
    with log_file.open("ab") as out:
        server = subprocess.Popen(
            [prefect, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    try:
        _wait_healthy(url, server, log_file)
        log.info("Prefect server started at %s (UI at %s, log %s)", url, url[:-4], log_file)
        yield url
    finally:
        stop_process(server)
        log.info("Prefect server stopped")


def stop_process(process: subprocess.Popen[bytes], grace: float = 15.0) -> None:
    """SIGTERM the process group, then SIGKILL it after `grace` seconds."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass  # it exited between poll() and killpg()


def _healthy(url: str) -> bool:
    try:
        return httpx.get(url + "/health", timeout=1.0, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def _wait_healthy(url: str, server: subprocess.Popen[bytes], log_file: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerError(
                f"`prefect server start` exited with status {server.returncode}; see {log_file}"
            )
        if _healthy(url):
            return
        time.sleep(0.5)
    stop_process(server)
    raise ServerError(f"Prefect server not healthy after {SERVER_START_SECONDS:g}s; see {log_file}")

"""`temporary_prefect_server()`: Prefect's ephemeral API server, started by us so that it
dies with us.

Prefect starts its own temporary server (a `uvicorn` child) when PREFECT_API_URL is
unset, but a killed run leaves that child running and listening for good, and a slow
start surfaces as a 40-line traceback. This starts the same server (same command, same
settings), asks the kernel to SIGTERM it when this process dies (PR_SET_PDEATHSIG, so
even SIGKILL or the OOM killer leaves no orphan), waits for it with our own deadline,
and raises `ServerError` (one line) when it does not answer in time.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from flows.serve.server import ServerError, stop_process
from flows.settings import PREFECT_QUIET_ENV

_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True)
"""Loaded here, not in the child: between fork and exec the child only calls prctl."""


def _die_with_parent() -> None:  # runs in the child between fork and exec
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() == 1:  # the parent died before prctl: do not outlive it
        os._exit(1)


@contextmanager
def temporary_prefect_server(timeout: float, log_file: Path) -> Iterator[str]:
    """Run Prefect's API server on a free loopback port for the block; yields its API URL.
    Raises ServerError when it does not answer within `timeout` seconds."""
    import prefect

    port = _free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        **PREFECT_QUIET_ENV,
        "PREFECT_UI_ENABLED": "0",
        "PREFECT__SERVER_EPHEMERAL": "1",
        "PREFECT__SERVER_FINAL": "1",
    }
    env.pop("PREFECT_API_URL", None)
    command = [
        sys.executable, "-m", "uvicorn", "--app-dir", str(Path(prefect.__file__).parent.parent),
        "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1",
        "--port", str(port), "--log-level", "error", "--lifespan", "on",
    ]  # fmt: skip
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as out:
        server = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            preexec_fn=_die_with_parent,
            start_new_session=True,
        )
    try:
        _wait(url, server, timeout, log_file)
        yield url
    finally:
        stop_process(server, grace=10.0)


@contextmanager
def prefect_api(timeout: float, log_file: Path) -> Iterator[None]:
    """The Prefect API a CLI command's flow runs report to: PREFECT_API_URL when set, else
    a temporary server of our own for the block (never an orphan; ServerError in time)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if PREFECT_API_URL.value():
        yield
        return
    with (
        temporary_prefect_server(timeout, log_file) as api_url,
        temporary_settings(updates={PREFECT_API_URL: api_url}),
    ):
        try:
            yield
        finally:
            _send_pending_logs()


def _send_pending_logs() -> None:
    """Send the run's last log lines while the temporary server still listens (else
    Prefect's log worker tries after it stopped and prints "Error logging to API")."""
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=5)


def _wait(url: str, server: subprocess.Popen[bytes], timeout: float, log_file: Path) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(trust_env=False, timeout=2.0) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise ServerError(
                    f"Prefect's temporary server exited with status {server.returncode} "
                    f"before answering; see {log_file}"
                )
            try:
                if client.get(url + "/health").status_code == 200:
                    return
            except httpx.HTTPError:
                pass  # not listening yet
            time.sleep(0.2)
    stop_process(server, grace=5.0)
    raise ServerError(
        f"Prefect's temporary server did not answer within {timeout:g} s (a busy machine?): "
        f"raise CLAIMWATCH_PREFECT_START_TIMEOUT, or start one with `prefect server start` "
        f"and set PREFECT_API_URL; log: {log_file}"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])

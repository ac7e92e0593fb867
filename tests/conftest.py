"""Shared fixtures: real parts on loopback only.

- `prefect_server`: Prefect's test harness (a real temporary API server), once per session.
- `site`: a real ThreadingHTTPServer on 127.0.0.1 (port 0) serving whatever a test adds.
- `smtp_sink`: a real aiosmtpd SMTP server on 127.0.0.1 collecting received messages.
- `db_path`: a DuckDB file path in the test's tmp dir.
- `seeds_dir`, `gold_path`, `scorer_path`: ../shared, read at test time, never copied;
  skipped with a message when ../shared is missing, a failure when env CI is set.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flows.settings import quiet_prefect

quiet_prefect()

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A real Prefect API server for flow runs; PREFECT_HOME isolated in a tmp dir."""
    home = tmp_path_factory.mktemp("prefect_home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ["PREFECT_RESULTS_LOCAL_STORAGE_PATH"] = str(home / "storage")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


def shared_file(relative: str, what: str) -> Path:
    """`../shared/<relative>`; when it is missing the test is skipped, saying what is
    missing, except under CI (env CI set), where a missing gate input is a failure."""
    path = SHARED / relative
    if path.exists():
        return path
    message = (
        f"{path} is missing ({what}): this test reads it from ../shared beside the "
        "repository, as CI has it"
    )
    if os.environ.get("CI"):
        pytest.fail(message + "; CI is set, so a missing gate input fails the run")
    pytest.skip(message)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return shared_file("", "the corpora of the claim-quality gates")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return shared_file("seeds", "the seed articles of the claim-quality gate")


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return shared_file("gold/seeds.jsonl", "the seeds' gold claims")


@pytest.fixture(scope="session")
def scorer_path() -> Path:
    return shared_file("tools/score_claims.py", "the claim scorer")


# --- a real HTTP server on loopback ------------------------------------------------------


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class LoopbackSite:
    """Routes served by a ThreadingHTTPServer on 127.0.0.1; records every request.

    A route with an ETag or Last-Modified header answers 304 to a matching
    conditional GET, the way a real server does.
    """

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str, **kwargs: object) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **kwargs)  # type: ignore[arg-type]
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.requests.append((self.path, dict(self.headers.items())))
                route = site.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay:
                    threading.Event().wait(route.delay)
                etag = route.headers.get("ETag")
                modified = route.headers.get("Last-Modified")
                if (etag and self.headers.get("If-None-Match") == etag) or (
                    modified and self.headers.get("If-Modified-Since") == modified
                ):
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                if "Location" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                # The client may stop reading early (byte cap): expected.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)

        return Handler


@pytest.fixture
def site() -> Iterator[LoopbackSite]:
    server = LoopbackSite()
    yield server
    server.close()


# --- a real SMTP server on loopback ------------------------------------------------------


class SmtpSink:
    """An aiosmtpd server on 127.0.0.1 that keeps what it receives.

    `refuse_next` makes the next N transactions fail with 451 (a temporary refusal).
    """

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse_next = 0
        sink = self

        class Handler:
            async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
                if sink.refuse_next > 0:
                    sink.refuse_next -= 1
                    return "451 4.3.0 try again later"
                sink.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))  # type: ignore[attr-defined]
                sink.messages.append(message_from_bytes(envelope.content))  # type: ignore[attr-defined]
                return "250 OK"

        self.port = _free_port()
        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def close(self) -> None:
        self._controller.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    yield sink
    sink.close()


# --- warehouse: migrated empty and sample databases (read copies published) --------------


@pytest.fixture
def empty_db(db_path: Path) -> Path:
    """A migrated warehouse with no rows, its read copy published."""
    from warehouse.db import connect
    from warehouse.migrate import migrate
    from warehouse.publish import publish_read_copy

    with connect(db_path) as con:
        migrate(con)
        publish_read_copy(db_path, con)
    return db_path


@pytest.fixture
def sample_db(db_path: Path) -> Path:
    """A warehouse holding tests/warehouse_samples.py's articles, its read copy published."""
    from warehouse_samples import save_samples

    save_samples(db_path)
    return db_path

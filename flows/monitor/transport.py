"""The connections behind `fetch`: pinned to checked addresses, under one wall-clock deadline.

`PinnedBackend` is httpcore's network backend for one request: it connects only to the
address `policy.check` approved for a host and port (`pin`), and refuses any other
connection. `Deadline` bounds the whole request (connect, TLS, headers, body): every
socket operation's timeout is clipped to the time left, and when the time is up a
watchdog shuts the sockets down, so a server trickling header bytes cannot hold a run.

`NETWORK` holds the hooks tests use to play DNS and to watch every connection attempt:
`resolve` (host, port -> addresses), `observers` (called with the address and port
before each connect; one may raise OSError to refuse it) and `tls` (a context that
trusts a test certificate).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpcore

from flows.monitor.policy import Resolver, Target, system_resolve

ConnectObserver = Callable[[str, int], None]


@dataclass
class NetworkHooks:
    resolve: Resolver = system_resolve
    observers: list[ConnectObserver] = field(default_factory=list)
    tls: ssl.SSLContext | None = None
    """The TLS context to verify servers with; None: the system's CAs via certifi."""


NETWORK = NetworkHooks()


@contextmanager
def watching_connections(resolve: Resolver | None = None) -> Iterator[list[tuple[str, int]]]:
    """Record every (address, port) the fetch layer connects to; optionally fake DNS."""
    seen: list[tuple[str, int]] = []
    saved = NETWORK.resolve

    def observe(address: str, port: int) -> None:
        seen.append((address, port))

    NETWORK.observers.append(observe)
    if resolve is not None:
        NETWORK.resolve = resolve
    try:
        yield seen
    finally:
        NETWORK.observers.remove(observe)
        NETWORK.resolve = saved


class Deadline:
    """A wall-clock budget for one request; `expired` once the watchdog fired."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return self.ends - time.monotonic()

    def clip(self, timeout: float | None) -> float:
        """`timeout` cut to the time left; raises ReadTimeout when none is."""
        left = self.left()
        if left <= 0 or self.expired:
            self.expired = True
            raise httpcore.ReadTimeout(f"no complete answer within {self.seconds:g}s")
        return left if timeout is None else min(timeout, left)

    def watch(self, stream: httpcore.NetworkStream) -> None:
        sock = stream.get_extra_info("socket")
        if not isinstance(sock, socket.socket) or isinstance(sock, ssl.SSLSocket):
            return  # a TLS socket wraps the TCP socket watched at connect time
        with self._lock:
            self._sockets.append(sock.dup())  # shutting down a dup stops the connection
            if self.expired:
                self._shutdown()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shutdown()

    def _shutdown(self) -> None:
        for sock in self._sockets:
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


class PinnedBackend(httpcore.NetworkBackend):
    """Connects only to the addresses pinned for (host, port), within the deadline."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.pins: dict[tuple[str, int], str] = {}
        self._inner = httpcore.SyncBackend()

    def pin(self, target: Target) -> None:
        self.pins[(target.host, target.port)] = target.address

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        address = self.pins.get((host.lower(), port))
        if address is None:
            raise httpcore.ConnectError(f"{host}:{port} was not checked by the request policy")
        try:
            for observe in list(NETWORK.observers):
                observe(address, port)
        except OSError as err:
            raise httpcore.ConnectError(str(err)) from None
        stream = self._inner.connect_tcp(
            address, port, self.deadline.clip(timeout), local_address, socket_options
        )
        self.deadline.watch(stream)
        return _DeadlineStream(stream, self.deadline)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, deadline: Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._deadline.clip(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._deadline.clip(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        # The TLS socket shares the TCP socket watched at connect time: the watchdog's
        # shutdown reaches a slow handshake too.
        stream = self._inner.start_tls(ssl_context, server_hostname, self._deadline.clip(timeout))
        return _DeadlineStream(stream, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

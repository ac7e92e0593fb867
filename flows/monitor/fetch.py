"""HTTP GET with the limits a monitor needs: `fetch(url, limits) -> Fetched | FetchFailure`.

Every hop (the URL and each redirect) goes through the one request policy
(`flows.monitor.policy`): http(s) only, open ports only, no loopback/private/link-local/
metadata address unless the hop is trusted by configuration, and the connection pinned
to the address that was checked (`flows.monitor.transport`). Further limits:

- redirects followed by hand, at most `max_redirects`;
- one wall-clock deadline for the whole request: connecting, headers and body;
- the body decoded by us, layer by layer, with the decoded size capped at every
  content-coding layer and at most `max_encodings` layers (`flows.monitor.decoding`);
- conditional GET (ETag / Last-Modified): an unchanged resource costs one 304;
- a per-host delay between requests;
- failures are values with a `reason` from REASONS and a `transient` flag, never exceptions.
"""

from __future__ import annotations

import logging
import socket
import ssl
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal, get_args
from urllib.parse import urljoin, urlsplit

import certifi
import httpcore
import httpx

from flows.monitor import content, policy
from flows.monitor.decoding import decoded
from flows.monitor.policy import is_guarded_address
from flows.monitor.refused import Refused
from flows.monitor.transport import NETWORK, Deadline, PinnedBackend
from flows.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["FetchFailure", "Fetched", "Limits", "fetch", "is_guarded_address", "netloc"]

Reason = Literal[
    "timeout",
    "too_large",
    "not_html",
    "binary",
    "bad_encoding",
    "private_address",
    "bad_port",
    "bad_scheme",
    "too_many_redirects",
    "http_4xx",
    "http_5xx",
    "connection",
    "feed_malformed",
    "empty",
    "crashed",
    "text_cut",
    "repeated_text",
    "claims_cut",
]
REASONS: tuple[str, ...] = get_args(Reason)
TRANSIENT_STATUS = frozenset({408, 425, 429})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
Expect = Literal["html", "feed"]


@dataclass(frozen=True)
class Limits:
    """What one request may cost."""

    timeout: float = 20.0
    """Seconds for connecting and for each read."""
    deadline: float = 60.0
    """Seconds for the whole request: connect, headers, body, every redirect hop."""
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    max_encodings: int = 2
    per_host_delay: float = 1.0
    user_agent: str = "claimwatch"

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            timeout=settings.fetch_timeout,
            deadline=settings.fetch_deadline,
            max_bytes=settings.max_bytes,
            max_redirects=settings.max_redirects,
            per_host_delay=settings.per_host_delay,
            user_agent=settings.user_agent,
        )


@dataclass(frozen=True)
class Fetched:
    """A successful response (or a 304: `not_modified`, empty body)."""

    url: str
    """The final URL after redirects."""
    body: bytes
    status: int = 200
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class FetchFailure:
    """Why a URL could not be used; `transient` failures are worth retrying later."""

    url: str
    reason: Reason
    detail: str = ""
    transient: bool = False
    status: int | None = None


class HostPacer:
    """Spaces requests to one host by at least `delay` seconds, across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str, delay: float) -> None:
        if delay <= 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + delay
        if slot > now:
            time.sleep(slot - now)


PACER = HostPacer()
_TLS: list[ssl.SSLContext] = []
_TLS_LOCK = threading.Lock()


def _tls_context() -> ssl.SSLContext:
    """One verifying TLS context for every request (building one costs ~14 ms)."""
    if NETWORK.tls is not None:
        return NETWORK.tls
    with _TLS_LOCK:
        if not _TLS:
            _TLS.append(ssl.create_default_context(cafile=certifi.where()))
        return _TLS[0]


def fetch(
    url: str,
    limits: Limits,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    trusted_hosts: Collection[str] = (),
    expect: Expect = "html",
) -> Fetched | FetchFailure:
    """GET `url` within `limits`; `expect="html"` checks for a decodable HTML page.

    `trusted_hosts` (``host:port`` or a bare host) may be loopback or private: the
    origins the operator configured. Trust holds only while every hop stays on them.
    """
    headers = {"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current, trusted = url, trusted_hosts
    deadline: Deadline | None = None
    try:
        for _hop in range(limits.max_redirects + 1):
            target = policy.check(current, trusted, NETWORK.resolve)
            trusted = trusted if target.trusted else ()  # a redirect never regains trust
            PACER.wait(target.origin, limits.per_host_delay)
            deadline = deadline or Deadline(limits.deadline)
            result = _get_once(target, headers, limits, deadline, expect)
            if isinstance(result, Fetched):
                return result
            current = urljoin(current, result)
            headers.pop("If-None-Match", None)
            headers.pop("If-Modified-Since", None)
    except Refused as refused:
        reason = refused.reason if refused.reason in REASONS else "connection"
        status = refused.status if isinstance(refused, _HttpError) else None
        return FetchFailure(current, reason, refused.detail, refused.transient, status)  # type: ignore[arg-type]
    except Exception as err:  # a bug below us: still a value, never an exception
        log.exception("fetching %s crashed", current)
        return FetchFailure(current, "crashed", f"{type(err).__name__}: {err}"[:500])
    finally:
        if deadline is not None:
            deadline.close()
    return FetchFailure(url, "too_many_redirects", f"more than {limits.max_redirects} hops")


def _get_once(
    target: policy.Target,
    headers: dict[str, str],
    limits: Limits,
    deadline: Deadline,
    expect: Expect,
) -> Fetched | str:
    """One request on a connection pinned to the checked address; a str is a Location."""
    backend = PinnedBackend(deadline)
    backend.pin(target)
    url = str(target.url)
    request_url = httpcore.URL(
        scheme=target.url.raw_scheme,
        host=target.url.raw_host,
        port=target.url.port,
        target=target.url.raw_path,
    )
    timeouts = {key: limits.timeout for key in ("connect", "read", "write", "pool")}
    try:
        with (
            httpcore.ConnectionPool(
                ssl_context=_tls_context(), network_backend=backend, retries=0
            ) as pool,
            pool.stream(
                "GET", request_url, headers=list(headers.items()), extensions={"timeout": timeouts}
            ) as response,
        ):
            return _read(url, response, limits, deadline, expect)
    except httpcore.TimeoutException:
        detail = (
            f"no complete answer within {limits.deadline:g}s"
            if deadline.expired or deadline.left() <= 0.1
            else f"nothing received for {limits.timeout:g}s"
        )
        raise Refused("timeout", detail, transient=True) from None
    except (OSError, httpcore.NetworkError, httpcore.ProtocolError, ssl.SSLError) as err:
        if deadline.expired:
            raise Refused(
                "timeout", f"no complete answer within {limits.deadline:g}s", transient=True
            ) from None
        raise Refused("connection", f"{type(err).__name__}: {err}", transient=True) from None
    except httpcore.UnsupportedProtocol as err:
        raise Refused("bad_scheme", str(err)) from None


def _read(
    url: str, response: httpcore.Response, limits: Limits, deadline: Deadline, expect: Expect
) -> Fetched | str:
    status = response.status
    headers = httpx.Headers(response.headers)
    if status in REDIRECT_STATUS:
        location = headers.get("Location")
        if not location:
            raise Refused("http_4xx", f"{status} without Location")
        return str(location)
    if status == 304:
        return Fetched(url, b"", 304, etag=headers.get("ETag"))
    if status >= 400:
        transient = status >= 500 or status in TRANSIENT_STATUS
        reason = "http_5xx" if status >= 500 else "http_4xx"
        raise _HttpError(reason, f"HTTP {status}", transient=transient, status=status)
    declared = headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise Refused("too_large", f"Content-Length {declared}")
    body = bytearray()
    pieces = decoded(
        response.iter_stream(),
        headers.get("Content-Encoding", ""),
        limits.max_bytes,
        limits.max_encodings,
    )
    for piece in pieces:
        body.extend(piece)
        if deadline.left() <= 0:
            raise Refused("timeout", "download too slow", transient=True)
    return _accept(url, status, headers, bytes(body), expect)


class _HttpError(Refused):
    def __init__(self, reason: str, detail: str, *, transient: bool, status: int) -> None:
        super().__init__(reason, detail, transient=transient)
        self.status = status


def _accept(url: str, status: int, headers: httpx.Headers, body: bytes, expect: Expect) -> Fetched:
    content_type = headers.get("Content-Type", "")
    mime = content_type.split(";", 1)[0].strip().lower()
    charset = content.header_charset(content_type)
    if not body.strip():
        raise Refused("empty", "empty body")
    if content.looks_binary(mime, body):
        raise Refused("binary", mime or "binary content")
    if expect == "html":
        if mime and mime not in content.HTML_TYPES:
            raise Refused("not_html", mime)
        problem = content.encoding_problem(body, charset or content.meta_charset(body))
        if problem:
            raise Refused("bad_encoding", problem)
    return Fetched(
        url=url,
        body=body,
        status=status,
        content_type=mime,
        charset=charset,
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
    )


def netloc(url: str) -> str:
    """``host:port`` of a URL, the key of per-host delays and trusted hosts."""
    return policy.origin(url)


def decode_html(fetched: Fetched) -> str:
    """The page body as text: declared charset, else UTF-8, else cp1252."""
    return content.decode_text(fetched.body, fetched.charset)


def any_reachable(urls: list[str], timeout: float = 3.0, hosts: int = 6) -> bool:
    """True when a TCP connection to the host of one of `urls` succeeds (a quick check)."""
    targets = []
    for url in urls:
        try:
            parts = urlsplit(url)
            target = (parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
        except ValueError:
            continue
        if target[0] and target not in targets:
            targets.append(target)
    found = threading.Event()

    def probe(target: tuple[str, int]) -> None:
        try:
            with socket.create_connection(target, timeout=timeout):
                found.set()
        except OSError:
            pass  # unreachable: that is what we are asking

    threads = [threading.Thread(target=probe, args=(t,), daemon=True) for t in targets[:hosts]]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout + 0.5
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
        if found.is_set():
            return True
    return found.is_set()

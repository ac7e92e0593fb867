"""HTTP GET with the limits a monitor needs: `fetch(url, limits) -> Fetched | FetchFailure`.

- only http and https; redirects followed by hand (at most `max_redirects`), and every
  hop's host resolved and refused when it is loopback, private, link-local, reserved or
  a cloud metadata address, unless the caller trusts it (operator-configured feeds);
- conditional GET (ETag / Last-Modified): an unchanged resource costs one 304;
- a connect/read timeout plus an overall deadline, and a byte cap while streaming;
- a per-host delay between requests;
- failures are values with a `reason` from REASONS and a `transient` flag, never exceptions.
"""

from __future__ import annotations

import codecs
import ipaddress
import logging
import re
import socket
import ssl
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin, urlsplit

import certifi
import httpx

from flows.settings import Settings

log = logging.getLogger(__name__)

Reason = Literal[
    "timeout",
    "too_large",
    "not_html",
    "binary",
    "bad_encoding",
    "private_address",
    "bad_scheme",
    "too_many_redirects",
    "http_4xx",
    "http_5xx",
    "connection",
    "feed_malformed",
    "empty",
]
TRANSIENT_STATUS = frozenset({408, 425, 429})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
METADATA_HOSTS = frozenset({"169.254.169.254", "fd00:ec2::254", "100.100.100.200"})
BINARY_TYPES = ("image/", "audio/", "video/", "font/", "application/octet-stream")
BINARY_SUBTYPES = ("pdf", "zip", "gzip", "x-tar", "msword", "vnd.", "x-7z", "wasm")
HTML_TYPES = ("text/html", "application/xhtml+xml")
Expect = Literal["html", "feed"]


@dataclass(frozen=True)
class Limits:
    """What one request may cost."""

    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    per_host_delay: float = 1.0
    user_agent: str = "claimwatch"

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            timeout=settings.fetch_timeout,
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
    allow_private: bool = False,
    trusted_hosts: Collection[str] = (),
    expect: Expect = "html",
) -> Fetched | FetchFailure:
    """GET `url` within `limits`; `expect="html"` checks for a decodable HTML page.

    `allow_private` lets every hop reach private addresses (feeds the operator chose);
    `trusted_hosts` (``host:port``) lets only those hosts do so, e.g. the host of an
    operator-configured feed whose article links point back at it.
    """
    headers = {"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + max(limits.timeout, 0.001) * 3
    current = url
    with httpx.Client(
        timeout=limits.timeout, follow_redirects=False, trust_env=False, verify=_tls_context()
    ) as client:
        for _hop in range(limits.max_redirects + 1):
            refused = check_url(current, allow_private=allow_private, trusted_hosts=trusted_hosts)
            if refused is not None:
                return refused
            PACER.wait(netloc(current), limits.per_host_delay)
            result = _get_once(client, current, headers, limits, deadline, expect)
            if isinstance(result, str):
                current = urljoin(current, result)
                headers.pop("If-None-Match", None)
                headers.pop("If-Modified-Since", None)
                continue
            return result
    return FetchFailure(url, "too_many_redirects", f"more than {limits.max_redirects} hops")


def check_url(
    url: str, *, allow_private: bool = False, trusted_hosts: Collection[str] = ()
) -> FetchFailure | None:
    """A failure if `url` has a scheme other than http(s) or resolves to a guarded address."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except ValueError as err:
        return FetchFailure(url, "bad_scheme", f"malformed URL: {err}")
    if parts.scheme not in ("http", "https"):
        return FetchFailure(url, "bad_scheme", f"scheme {parts.scheme or '(none)'!r} refused")
    if not host:
        return FetchFailure(url, "bad_scheme", "no host")
    try:
        infos = socket.getaddrinfo(host, parts.port or 80, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as err:
        # Not transient: a name that does not resolve now will not in a few seconds.
        return FetchFailure(url, "connection", f"cannot resolve {host}: {err}")
    if allow_private or netloc(url) in trusted_hosts:
        return None
    for info in infos:
        address = str(info[4][0])
        if is_guarded_address(address):
            return FetchFailure(url, "private_address", f"{host} resolves to {address}")
    return None


def is_guarded_address(address: str) -> bool:
    """True for loopback, private, link-local, reserved, multicast and metadata addresses."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        address in METADATA_HOSTS
        or ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


def _get_once(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    limits: Limits,
    deadline: float,
    expect: Expect,
) -> Fetched | FetchFailure | str:
    """One request; a str is the Location of a redirect to follow."""
    try:
        with client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in REDIRECT_STATUS:
                location = response.headers.get("Location")
                if not location:
                    return FetchFailure(
                        url, "http_4xx", f"{status} without Location", status=status
                    )
                return str(location)
            if status == 304:
                return Fetched(url, b"", 304, etag=response.headers.get("ETag"))
            if status >= 400:
                return _http_failure(url, status)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                return FetchFailure(url, "too_large", f"Content-Length {declared}")
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limits.max_bytes:
                    return FetchFailure(url, "too_large", f"over {limits.max_bytes} bytes")
                if time.monotonic() > deadline:
                    return FetchFailure(url, "timeout", "download too slow", transient=True)
            return _accept(url, response, bytes(body), expect)
    except httpx.TimeoutException as err:
        return FetchFailure(url, "timeout", type(err).__name__, transient=True)
    except (httpx.TransportError, httpx.StreamError) as err:
        return FetchFailure(url, "connection", f"{type(err).__name__}: {err}", transient=True)
    except httpx.InvalidURL as err:
        return FetchFailure(url, "bad_scheme", str(err))


def _http_failure(url: str, status: int) -> FetchFailure:
    if status >= 500:
        return FetchFailure(url, "http_5xx", f"HTTP {status}", transient=True, status=status)
    transient = status in TRANSIENT_STATUS
    return FetchFailure(url, "http_4xx", f"HTTP {status}", transient=transient, status=status)


def _accept(
    url: str, response: httpx.Response, body: bytes, expect: Expect
) -> Fetched | FetchFailure:
    content_type = response.headers.get("Content-Type", "")
    mime = content_type.split(";", 1)[0].strip().lower()
    charset = _charset(content_type)
    if not body.strip():
        return FetchFailure(url, "empty", "empty body")
    if _looks_binary(mime, body):
        return FetchFailure(url, "binary", mime or "binary content")
    if expect == "html":
        if mime and mime not in HTML_TYPES:
            return FetchFailure(url, "not_html", mime)
        problem = _encoding_problem(body, charset or _meta_charset(body))
        if problem:
            return FetchFailure(url, "bad_encoding", problem)
    return Fetched(
        url=str(response.url),
        body=body,
        status=response.status_code,
        content_type=mime,
        charset=charset,
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
    )


def _looks_binary(mime: str, body: bytes) -> bool:
    if mime.startswith(BINARY_TYPES):
        return True
    if mime.startswith("application/") and any(s in mime for s in BINARY_SUBTYPES):
        return True
    head = body[:2048]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False  # a byte-order mark: text
    return b"\x00" in head


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def _meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:4096])
    return found.group(1).decode("ascii", "replace") if found else None


def _charset(content_type: str) -> str | None:
    found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return found.group(1) if found else None


def _encoding_problem(body: bytes, charset: str | None) -> str | None:
    """Why the body cannot be read in its declared charset (undeclared: UTF-8 or cp1252)."""
    if charset is None:
        return None
    try:
        codecs.lookup(charset)
    except LookupError:
        return f"unknown charset {charset!r}"
    text = body.decode(charset, errors="replace")
    bad = text.count("\ufffd")
    if bad > max(3, len(text) // 200):
        return f"{bad} bytes invalid as {charset}"
    return None


def netloc(url: str) -> str:
    """``host:port`` of a URL, the key of per-host delays and trusted hosts."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return url
    return f"{host}:{port}"


def decode_html(fetched: Fetched) -> str:
    """The page body as text: declared charset, else UTF-8, else cp1252."""
    name = fetched.charset or _meta_charset(fetched.body)
    if name:
        try:
            return fetched.body.decode(name, errors="replace")
        except LookupError:
            pass  # checked in _accept; a meta charset may still be unknown
    try:
        return fetched.body.decode("utf-8")
    except UnicodeDecodeError:
        return fetched.body.decode("cp1252", errors="replace")


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

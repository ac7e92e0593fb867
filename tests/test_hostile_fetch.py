"""Security: the fetch layer against a hostile server on loopback (hostile-study.md).

Every test watches each connect() the fetch layer makes (its own transport hook) and
asserts it went to an allowed address only; the canary port must see no request.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_server import (
    Canary,
    HostileServer,
    TlsServer,
    localhost_certificate,
    redirect,
    response,
    stacked_gzip_bomb,
    trickle,
    triple_gzip,
)

from flows.monitor.feeds import Feed
from flows.monitor.fetch import Fetched, FetchFailure, Limits, fetch
from flows.monitor.policy import system_resolve
from flows.monitor.tasks import trusted_origins
from flows.monitor.transport import watching_connections
from flows.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
LIMITS = Limits(timeout=2.0, deadline=3.0, max_bytes=5_000_000, per_host_delay=0.0)
PAGE = b"<html><body><article><p>Officials said 40 fighters fled.</p></article></body></html>"
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
PUBLIC = "93.184.216.34"
"""A public address the tests' resolver hands out; the observer refuses to connect to it."""


@pytest.fixture(scope="module")
def hostile() -> Iterator[HostileServer]:
    server = HostileServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    server = Canary()
    yield server
    server.close()


@pytest.fixture
def connects(hostile: HostileServer, canary: Canary) -> Iterator[list[tuple[str, int]]]:
    """Every (address, port) fetch connects to; afterwards: only the hostile server's port,
    and the canary saw nothing."""
    canary.requests.clear()

    def resolve(host: str, port: int) -> list[str]:
        return [PUBLIC] if host.endswith(".test") else system_resolve(host, port)

    with watching_connections(resolve) as seen:
        from flows.monitor.transport import NETWORK

        def no_internet(address: str, port: int) -> None:
            if address == PUBLIC:
                raise ConnectionRefusedError(f"test: no connection to {address} allowed")

        NETWORK.observers.append(no_internet)
        try:
            yield seen
        finally:
            NETWORK.observers.remove(no_internet)
    assert canary.requests == [], "the canary must never be reached"
    allowed = {("127.0.0.1", hostile.port), (PUBLIC, 80)}
    assert set(seen) <= allowed, f"connections outside the allowed addresses: {seen}"


def _trusted(url: str) -> set[str]:
    return trusted_origins(Feed("hostile", url), Settings())


def _fail(result: Fetched | FetchFailure) -> FetchFailure:
    assert isinstance(result, FetchFailure), result
    return result


def test_feed_redirect_to_metadata_is_not_followed(hostile, connects) -> None:
    url = hostile.add("/feed-to-metadata", redirect("http://169.254.169.254/latest/meta-data/"))
    failure = _fail(fetch(url, LIMITS, trusted_hosts=_trusted(url), expect="feed"))
    assert (failure.reason, failure.transient) == ("private_address", False)
    assert connects == [("127.0.0.1", hostile.port)]


def test_feed_redirect_to_another_loopback_port_is_not_followed(hostile, canary, connects) -> None:
    url = hostile.add("/feed-to-canary", redirect(canary.url("/feed.xml")))
    failure = _fail(fetch(url, LIMITS, trusted_hosts=_trusted(url), expect="feed"))
    assert failure.reason == "private_address"


def test_trust_is_lost_on_leaving_the_configured_origin(hostile, connects) -> None:
    """Feed -> public host -> back to the feed's own loopback origin: refused."""
    home = hostile.url("/feed.xml")
    hostile.add("/feed.xml", response(FEED, "application/rss+xml"))
    url = hostile.add("/bounce", redirect("http://bounce.test/x"))
    failure = _fail(fetch(url, LIMITS, trusted_hosts=_trusted(home)))
    # the public hop is connected to (our observer refuses it), never the way back
    assert failure.reason == "connection"
    assert connects == [("127.0.0.1", hostile.port), (PUBLIC, 80)]


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{canary}/internal-admin",
        "http://localhost:{canary}/",
        "http://0.0.0.0:{canary}/",
        "http://[::ffff:169.254.169.254]/",
        "http://2852039166/",
        "http://10.0.0.1/",
    ],
)
def test_article_redirects_to_guarded_addresses(hostile, canary, connects, target: str) -> None:
    url = hostile.add("/go", redirect(target.format(canary=canary.port)))
    failure = _fail(fetch(url, LIMITS, trusted_hosts=_trusted(url)))
    assert failure.reason == "private_address"


def test_untrusted_port_refused_before_connecting(connects) -> None:
    failure = _fail(fetch("http://intranet.test:22/", LIMITS))
    assert failure.reason == "bad_port"
    assert connects == []


def test_dns_rebinding_connects_only_to_the_checked_address(connects) -> None:
    """The name answers public to the check and loopback to any later lookup: the
    connection goes to the checked (public) address, and the name is resolved once."""
    from flows.monitor.transport import NETWORK

    lookups: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        lookups.append(host)
        return [PUBLIC] if len(lookups) == 1 else ["127.0.0.1"]

    NETWORK.resolve = rebinding  # restored by the `connects` fixture
    failure = _fail(fetch("http://rebind.test/", LIMITS))
    assert failure.reason == "connection"  # the test's observer refused the public address
    assert connects == [(PUBLIC, 80)]
    assert lookups == ["rebind.test"]


def test_stacked_gzip_bomb_stays_under_400_mb(hostile, connects) -> None:
    """1,827 bytes -> 1 GiB through `gzip, gzip`: refused while decoding, memory flat."""
    url = hostile.add("/bomb", stacked_gzip_bomb())
    # VmHWM is this process's own peak: ru_maxrss would include the parent's size, which
    # Linux carries over the exec of a vfork()ed child.
    probe = (
        "import json, re, sys\n"
        "from flows.monitor.fetch import Limits, fetch\n"
        "got = fetch(sys.argv[1], Limits(per_host_delay=0), trusted_hosts={'127.0.0.1'})\n"
        "status = open('/proc/self/status').read()\n"
        "rss = int(re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1)) // 1024\n"
        "print(json.dumps({'reason': getattr(got, 'reason', None), 'rss_mb': rss}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, url], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["reason"] == "too_large"
    assert result["rss_mb"] < 400, result  # before: 2,233 MB (hostile-study.md)


def test_too_many_content_codings_refused(hostile, connects) -> None:
    url = hostile.add("/three", triple_gzip())
    failure = _fail(fetch(url, LIMITS, trusted_hosts=_trusted(url)))
    assert failure.reason == "bad_encoding"
    assert "stacked" in failure.detail


def test_unadvertised_coding_refused(hostile, connects) -> None:
    url = hostile.add("/br", response(b"\x1b\x00\x00", Content_Encoding="br"))
    assert _fail(fetch(url, LIMITS, trusted_hosts=_trusted(url))).reason == "bad_encoding"


def test_slow_headers_end_at_the_deadline(hostile, connects) -> None:
    """One header byte every 0.2 s would take ~60 s; the whole request gets 1.5 s."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Slow: " + b"a" * 250 + b"\r\n"
    url = hostile.add("/slow-headers", trickle(head, 0.2))
    started = time.monotonic()
    limits = Limits(timeout=1.0, deadline=1.5, per_host_delay=0)
    failure = _fail(fetch(url, limits, trusted_hosts=_trusted(url)))
    assert (failure.reason, failure.transient) == ("timeout", True)
    assert time.monotonic() - started < 3.0


def test_slow_body_ends_at_the_deadline(hostile, connects) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 300\r\n\r\n"
    slow = trickle(b"<p>" + b"y" * 297, 0.2)

    def write(out) -> None:
        out.write(head)
        slow(out)

    url = hostile.add("/slow-body", write)
    started = time.monotonic()
    failure = _fail(
        fetch(url, Limits(timeout=1.0, deadline=1.5, per_host_delay=0), trusted_hosts=_trusted(url))
    )
    assert failure.reason == "timeout"
    assert time.monotonic() - started < 3.0


def test_redirect_loop_stops(hostile, connects) -> None:
    hostile.add("/loop-a", redirect("/loop-b"))
    url = hostile.add("/loop-b", redirect("/loop-a"))
    failure = _fail(fetch(url, LIMITS, trusted_hosts=_trusted(url)))
    assert failure.reason == "too_many_redirects"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "ftp://x.test/"])
def test_other_schemes_refused_without_connecting(connects, url: str) -> None:
    assert _fail(fetch(url, LIMITS)).reason == "bad_scheme"
    assert connects == []


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return localhost_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def trusting(certificate: tuple[Path, Path]) -> Iterator[None]:
    """The fetch layer trusts the test certificate (and no other)."""
    import ssl

    from flows.monitor.transport import NETWORK

    NETWORK.tls = ssl.create_default_context(cafile=str(certificate[0]))
    try:
        yield
    finally:
        NETWORK.tls = None


def test_https_is_pinned_and_verified_for_the_host_name(certificate, trusting) -> None:
    server = TlsServer(*certificate)
    port = server.port
    try:
        with watching_connections() as seen:
            got = fetch(f"https://localhost:{server.port}/a", LIMITS, trusted_hosts={"localhost"})
            by_ip = fetch(f"https://127.0.0.1:{server.port}/a", LIMITS, trusted_hosts={"127.0.0.1"})
    finally:
        server.close()
    assert isinstance(got, Fetched), got
    assert b"40 fighters" in got.body
    assert _fail(by_ip).reason == "connection"  # the certificate names localhost only
    assert "certificate" in by_ip.detail
    assert set(seen) == {("127.0.0.1", port)}


def test_a_handshake_that_never_ends_stops_at_the_deadline(certificate, trusting) -> None:
    server = TlsServer(*certificate, silent=True)
    started = time.monotonic()
    try:
        limits = Limits(timeout=1.0, deadline=1.5, per_host_delay=0)
        failure = _fail(
            fetch(f"https://localhost:{server.port}/", limits, trusted_hosts={"localhost"})
        )
    finally:
        server.close()
    assert failure.reason == "timeout"
    assert time.monotonic() - started < 3.0

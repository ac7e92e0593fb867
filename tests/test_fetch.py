"""fetch() against a real HTTP server on 127.0.0.1: every failure is a reason, never a raise."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import LoopbackSite

from flows.monitor.fetch import (
    Fetched,
    FetchFailure,
    HostPacer,
    Limits,
    any_reachable,
    decode_html,
    fetch,
    is_guarded_address,
)
from flows.monitor.policy import check
from flows.monitor.refused import Refused

PAGE = "<html><body><article><p>Officials said 40 fighters fled.</p></article></body></html>"
LOOPBACK = {"127.0.0.1"}
"""Trusted like an operator-configured feed on loopback (any port)."""
LIMITS = Limits(timeout=2.0, max_bytes=20_000, max_redirects=3, per_host_delay=0.0)


@pytest.fixture(scope="module")
def shared_site() -> Iterator[LoopbackSite]:
    server = LoopbackSite()
    yield server
    server.close()


@pytest.fixture
def site(shared_site: LoopbackSite) -> LoopbackSite:
    """One server for the module (closing one takes 0.5 s), emptied for each test."""
    shared_site.routes.clear()
    shared_site.requests.clear()
    return shared_site


def _fail(result: Fetched | FetchFailure) -> FetchFailure:
    assert isinstance(result, FetchFailure), result
    return result


def test_ok_page(site) -> None:
    url = site.add("/a.html", PAGE)
    got = fetch(url, LIMITS, trusted_hosts=LOOPBACK)
    assert isinstance(got, Fetched)
    assert got.status == 200
    assert got.content_type == "text/html"
    assert got.charset == "utf-8"
    assert "40 fighters" in decode_html(got)
    assert site.requests[0][1]["User-Agent"] == LIMITS.user_agent


def test_timeout_is_transient(site) -> None:
    url = site.add("/slow.html", PAGE, delay=1.5)
    started = time.monotonic()
    failure = _fail(fetch(url, Limits(timeout=0.3, per_host_delay=0), trusted_hosts=LOOPBACK))
    assert (failure.reason, failure.transient) == ("timeout", True)
    assert time.monotonic() - started < 1.4


def test_oversize_by_content_length(site) -> None:
    url = site.add("/big.html", "<p>" + "x" * 50_000 + "</p>")
    failure = _fail(fetch(url, LIMITS, trusted_hosts=LOOPBACK))
    assert (failure.reason, failure.transient) == ("too_large", False)


@pytest.fixture
def undeclared_length_server() -> Iterator[str]:
    """HTTP/1.0 without Content-Length: the byte cap must trip while streaming."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.recv(4096)
                try:
                    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n")
                    for _ in range(200):
                        conn.sendall(b"<p>" + b"y" * 1000 + b"</p>")
                except OSError:
                    pass  # the client hung up once it had enough: expected

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/stream"
    stop.set()
    server.close()


def test_oversize_while_streaming(undeclared_length_server: str) -> None:
    failure = _fail(fetch(undeclared_length_server, LIMITS, trusted_hosts=LOOPBACK))
    assert failure.reason == "too_large"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"%PDF-1.7\n%\xe2\xe3", "application/pdf"),
        (b"\x00\x01\x02\x03binary blob", "application/octet-stream"),
        (b"<html>\x00\x00\x00\x00 not really html</html>", "text/html"),
    ],
)
def test_binary(site, body: bytes, content_type: str) -> None:
    url = site.add("/file", body, content_type=content_type)
    assert _fail(fetch(url, LIMITS, trusted_hosts=LOOPBACK)).reason == "binary"


def test_not_html(site) -> None:
    url = site.add("/data.json", '{"fighters": 40}', content_type="application/json")
    assert _fail(fetch(url, LIMITS, trusted_hosts=LOOPBACK)).reason == "not_html"


def test_feed_expectation_accepts_xml(site) -> None:
    url = site.add("/feed.xml", "<rss></rss>", content_type="application/rss+xml")
    assert isinstance(fetch(url, LIMITS, trusted_hosts=LOOPBACK, expect="feed"), Fetched)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (PAGE.encode(), "text/html; charset=x-no-such-charset"),
        (("<p>" + "é" * 400 + "</p>").encode("latin-1"), "text/html; charset=utf-8"),
    ],
    ids=["unknown charset", "latin-1 bytes declared utf-8"],
)
def test_bad_encoding(site, body: bytes, content_type: str) -> None:
    url = site.add("/enc.html", body, content_type=content_type)
    assert _fail(fetch(url, LIMITS, trusted_hosts=LOOPBACK)).reason == "bad_encoding"


def test_undeclared_latin1_decodes(site) -> None:
    url = site.add(
        "/l1.html", "<p>Réfugiés à Tunis</p>".encode("latin-1"), content_type="text/html"
    )
    got = fetch(url, LIMITS, trusted_hosts=LOOPBACK)
    assert isinstance(got, Fetched)
    assert "Réfugiés" in decode_html(got)


def test_empty(site) -> None:
    url = site.add("/empty.html", b"  \n")
    assert _fail(fetch(url, LIMITS, trusted_hosts=LOOPBACK)).reason == "empty"


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/admin",
        "http://192.168.0.1/",
        "http://[::1]:8080/",
        "http://localhost:9/",
    ],
)
def test_redirect_to_private_address_refused(site, target: str) -> None:
    url = site.add("/go", b"", status=302, headers={"Location": target})
    failure = _fail(fetch(url, LIMITS, trusted_hosts=LOOPBACK))
    assert (failure.reason, failure.transient) == ("private_address", False)
    assert failure.url == target
    assert site.hits("/go") == 1  # refused before any connection to the target


def test_untrusted_loopback_link_refused(site) -> None:
    url = site.add("/a.html", PAGE)
    assert _fail(fetch(url, LIMITS)).reason == "private_address"
    assert site.requests == []


def test_redirect_followed_and_rechecked(site) -> None:
    site.add("/final.html", PAGE)
    url = site.add("/old", b"", status=301, headers={"Location": "/final.html"})
    got = fetch(url, LIMITS, trusted_hosts=LOOPBACK)
    assert isinstance(got, Fetched)
    assert got.url.endswith("/final.html")


def test_too_many_redirects(site) -> None:
    site.add("/loop-a", b"", status=302, headers={"Location": "/loop-b"})
    url = site.add("/loop-b", b"", status=302, headers={"Location": "/loop-a"})
    assert _fail(fetch(url, LIMITS, trusted_hosts=LOOPBACK)).reason == "too_many_redirects"
    assert len(site.requests) == LIMITS.max_redirects + 1


def test_conditional_get_304(site) -> None:
    headers = {"ETag": '"v1"', "Last-Modified": "Mon, 05 Oct 2026 08:30:00 GMT"}
    url = site.add("/feed.xml", "<rss/>", content_type="application/rss+xml", headers=headers)
    first = fetch(url, LIMITS, trusted_hosts=LOOPBACK, expect="feed")
    assert isinstance(first, Fetched)
    assert (first.etag, first.last_modified) == ('"v1"', headers["Last-Modified"])
    again = fetch(url, LIMITS, trusted_hosts=LOOPBACK, expect="feed", etag=first.etag)
    assert isinstance(again, Fetched)
    assert again.not_modified
    assert again.body == b""
    by_date = fetch(url, LIMITS, trusted_hosts=LOOPBACK, last_modified=first.last_modified)
    assert isinstance(by_date, Fetched)
    assert by_date.not_modified
    assert site.requests[1][1]["If-None-Match"] == '"v1"'


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/feed", "javascript:alert(1)", "gopher://x/", "//x"],
)
def test_bad_scheme(url: str) -> None:
    failure = _fail(fetch(url, LIMITS))
    assert (failure.reason, failure.transient) == ("bad_scheme", False)


@pytest.mark.parametrize(
    ("status", "reason", "transient"),
    [
        (404, "http_4xx", False),
        (410, "http_4xx", False),
        (429, "http_4xx", True),
        (500, "http_5xx", True),
        (503, "http_5xx", True),
    ],
)
def test_http_errors(site, status: int, reason: str, transient: bool) -> None:
    url = site.add("/err", b"error page", status=status)
    failure = _fail(fetch(url, LIMITS, trusted_hosts=LOOPBACK))
    assert (failure.reason, failure.transient, failure.status) == (reason, transient, status)


def test_connection_refused_is_transient() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    failure = _fail(fetch(f"http://127.0.0.1:{port}/", LIMITS, trusted_hosts=LOOPBACK))
    assert (failure.reason, failure.transient) == ("connection", True)


@pytest.mark.parametrize(
    ("address", "guarded"),
    [
        ("127.0.0.1", True),
        ("10.0.0.8", True),
        ("172.16.5.4", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),
        ("0.0.0.0", True),
        ("::1", True),
        ("fe80::1%eth0", True),
        ("fc00::1", True),
        ("::ffff:127.0.0.1", True),
        ("224.0.0.1", True),
        ("8.8.8.8", False),
        ("1.1.1.1", False),
        ("2606:4700:4700::1111", False),
    ],
)
def test_guarded_addresses(address: str, guarded: bool) -> None:
    assert is_guarded_address(address) is guarded


def test_policy_trusts_only_named_hosts() -> None:
    assert check("http://127.0.0.1:8000/x", {"127.0.0.1:8000"}).address == "127.0.0.1"
    with pytest.raises(Refused) as refused:
        check("http://127.0.0.1:8001/x", {"127.0.0.1:8000"})
    assert refused.value.reason == "private_address"


def test_host_pacer_spaces_requests() -> None:
    pacer = HostPacer()
    started = time.monotonic()
    for _ in range(3):
        pacer.wait("a:80", 0.1)
    pacer.wait("b:80", 0.1)  # another host does not wait
    assert 0.18 < time.monotonic() - started < 0.5


def test_per_host_delay_applies(site) -> None:
    url = site.add("/a.html", PAGE)
    limits = Limits(timeout=2, per_host_delay=0.15)
    started = time.monotonic()
    for _ in range(3):
        assert isinstance(fetch(url, limits, trusted_hosts=LOOPBACK), Fetched)
    assert time.monotonic() - started >= 0.29


def test_any_reachable(site) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    assert any_reachable([closed, site.url("/feed")], timeout=1)
    assert not any_reachable([closed], timeout=1)

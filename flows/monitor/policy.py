"""The one policy every request hop obeys: feeds, their redirects, pages, theirs.

`check(url, trusted)` parses the URL once (the parse the connection uses), refuses any
scheme but http(s), refuses ports other than `OPEN_PORTS` and guarded addresses
(loopback, private, link-local, reserved, metadata) unless the hop is trusted, and
returns a `Target` naming the ONE address that was checked: the transport connects to
that address and to no other, so a DNS answer that changes between the check and the
connection (rebinding) changes nothing.

Trust comes from configuration only: the origins (``host:port``, or a bare host for
any port) of the feeds the operator listed and of CLAIMWATCH_TRUSTED_HOSTS. A redirect
can lose trust, never gain it: once a hop leaves the trusted origins, every later hop
of that request is checked as untrusted, even one that comes back.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Collection
from dataclasses import dataclass

import httpx

from flows.monitor.refused import Refused

OPEN_PORTS = frozenset({80, 443, 8080, 8443})
"""Ports an untrusted hop may use (a trusted origin names its own)."""
METADATA_HOSTS = frozenset({"169.254.169.254", "fd00:ec2::254", "100.100.100.200"})
DEFAULT_PORTS = {"http": 80, "https": 443}

Resolver = Callable[[str, int], list[str]]


def system_resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (raises OSError/UnicodeError when it does not)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True)
class Target:
    """A checked hop: where to connect (`address`) and what to ask for."""

    url: httpx.URL
    host: str
    """The host as sent (IDNA-encoded ASCII, IPv6 without brackets)."""
    port: int
    address: str
    """The resolved address that passed the check: the only one connected to."""
    trusted: bool

    @property
    def origin(self) -> str:
        return f"{self.host}:{self.port}"


def origin(url: str) -> str:
    """``host:port`` of a URL as the policy sees it (the key of trust and per-host delays)."""
    try:
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii").lower()
        port = parsed.port or DEFAULT_PORTS.get(parsed.scheme, 80)
    except (httpx.InvalidURL, UnicodeError, TypeError):
        return url
    return f"{host}:{port}"


def is_trusted(host: str, port: int, trusted: Collection[str]) -> bool:
    return f"{host}:{port}" in trusted or host in trusted


def check(url: str, trusted: Collection[str], resolve: Resolver = system_resolve) -> Target:
    """The hop's `Target`, or raises `Refused` (bad_scheme, bad_port, private_address,
    connection when the name does not resolve)."""
    try:
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii").lower()
    except (httpx.InvalidURL, UnicodeError, TypeError) as err:
        raise Refused("bad_scheme", f"malformed URL: {err}") from None
    if parsed.scheme not in DEFAULT_PORTS:
        raise Refused("bad_scheme", f"scheme {parsed.scheme or '(none)'!r} refused")
    if not host:
        raise Refused("bad_scheme", "no host")
    port = parsed.port or DEFAULT_PORTS[parsed.scheme]
    trust = is_trusted(host, port, trusted)
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as err:
        # Not transient: a name that does not resolve now will not in a few seconds.
        raise Refused("connection", f"cannot resolve {host}: {err}") from None
    if not addresses:
        raise Refused("connection", f"cannot resolve {host}: no address")
    if not trust:
        for address in addresses:
            if is_guarded_address(address):
                raise Refused(
                    "private_address",
                    f"{host}:{port} resolves to {address}, a private address; only configured "
                    "origins may (CLAIMWATCH_TRUSTED_HOSTS)",
                )
        if port not in OPEN_PORTS:
            raise Refused("bad_port", f"port {port} refused (open: 80, 443, 8080, 8443)")
    return Target(parsed, host, port, addresses[0], trust)


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
        or str(ip) in METADATA_HOSTS
        or ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )

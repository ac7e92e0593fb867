"""A hostile web server on 127.0.0.1 for the security tests, and a canary that must see nothing.

`HostileServer` answers each path with raw bytes written by a function, so a test can
trickle headers, stack content codings, redirect anywhere or hang. `Canary` is a second
loopback port that records every request it gets: no request of the pipeline may reach
it (it stands for the metadata service and internal hosts).
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

HOSTILE_DATA = Path(__file__).resolve().parent / "data" / "hostile"
Writer = Callable[[BinaryIO], None]


def response(
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    **headers: str,
) -> Writer:
    """A plain HTTP/1.1 response (with Content-Length unless `headers` set it to '')."""
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", "Connection: close"]
    if "Content_Length" not in headers:
        lines.append(f"Content-Length: {len(body)}")
    lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items() if v]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def write(out: BinaryIO) -> None:
        out.write(head + body)

    return write


def redirect(location: str) -> Writer:
    return response(b"", status="302 Found", Location=location)


def trickle(data: bytes, every: float) -> Writer:
    """Send `data` one byte every `every` seconds (slow headers or a slow body)."""

    def write(out: BinaryIO) -> None:
        for byte in data:
            out.write(bytes([byte]))
            out.flush()
            time.sleep(every)

    return write


def stacked_gzip_bomb() -> Writer:
    """1,827 bytes that inflate to 1 GiB through two gzip layers (`gzip, gzip`)."""
    body = (HOSTILE_DATA / "gzip-gzip-1gib.bin").read_bytes()
    return response(body, Content_Encoding="gzip, gzip")


def triple_gzip() -> Writer:
    body = gzip.compress(gzip.compress(gzip.compress(b"<p>three layers</p>")))
    return response(body, Content_Encoding="gzip, gzip, gzip")


class _Server:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(32)
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def port(self) -> int:
        return int(self._sock.getsockname()[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self._stop.set()
        self._sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            request = b""
            while b"\r\n\r\n" not in request and len(request) < 65536:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ", 2)[1].decode("latin-1") if b" " in request else ""
            self.requests.append(path)
            self.answer(path, conn.makefile("wb", buffering=0))

    def answer(self, path: str, out: BinaryIO) -> None:
        raise NotImplementedError


class HostileServer(_Server):
    """Routes of raw writers; unknown paths get a 404."""

    def __init__(self) -> None:
        self.routes: dict[str, Writer] = {}
        super().__init__()

    def add(self, path: str, writer: Writer) -> str:
        self.routes[path] = writer
        return self.url(path)

    def hits(self, path: str) -> int:
        return self.requests.count(path)

    def answer(self, path: str, out: BinaryIO) -> None:
        writer = self.routes.get(path) or response(b"not found", status="404 Not Found")
        writer(out)


class Canary(_Server):
    """Answers every request with a page holding a secret; must never be asked anything."""

    SECRET = (
        b"<html><body><article><p>INTERNAL-ADMIN-SECRET token=hunter2. "
        + (b"ISIS fighters were moved, officials said. " * 5)
        + b"</p></article></body></html>"
    )

    def answer(self, path: str, out: BinaryIO) -> None:
        response(self.SECRET)(out)


def localhost_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for `localhost` (cert, key), made with `cryptography`."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "localhost.pem", folder / "localhost.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class TlsServer(_Server):
    """HTTPS on 127.0.0.1 with a certificate for `localhost`; `silent` never handshakes."""

    def __init__(self, cert: Path, key: Path, silent: bool = False) -> None:
        import ssl

        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.silent = silent
        super().__init__()

    def _serve(self, conn: socket.socket) -> None:
        if self.silent:
            time.sleep(5)  # accept, then say nothing: a handshake that never ends
            conn.close()
            return
        with contextlib.suppress(OSError):
            super()._serve(self.context.wrap_socket(conn, server_side=True))

    def answer(self, path: str, out: BinaryIO) -> None:
        page = (
            b"<html><body><article><p>Officials said 40 fighters fled.</p></article></body></html>"
        )
        response(page)(out)

"""The offline sample: fictional articles written for claimwatch, served on loopback.

`site/` holds twelve stories about where ISIS members went (plus one off-topic article
the keyword filter drops, and a syndicated copy of a wire story on a second URL) and an
RSS feed. Three of them follow one figure over seven years (about 10,000 ISIS fighters
in SDF prisons): first given by the SDF in 2019, repeated with attribution in 2024 and
without in 2026, next to a competing figure. `serve_sample()` serves them on 127.0.0.1
(a free port) for `claimwatch run --offline`; pages declare stable canonical URLs, so a
second run recognises every article even when the port changes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from typing import Any

SITE = files("flows.sample") / "site"
FEED_PATH = "/feed.xml"
PREFERRED_PORT = 8731
"""Tried first, so the sample feed's URL (its key in the feeds table) stays the same."""
KEYWORDS = ("isis", "islamic state", "daesh", "jihadist", "jihadists", "foreign fighters")


@contextmanager
def serve_sample(port: int = PREFERRED_PORT) -> Iterator[str]:
    """Serve the sample site on 127.0.0.1 for the block; yields the feed's URL.

    Uses `port` when it is free, else any free port.
    """
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler())
    except OSError:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler())
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="claimwatch-sample", daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        yield f"http://127.0.0.1:{port}{FEED_PATH}"
    finally:
        server.shutdown()
        server.server_close()


def sample_feeds(feed_url: str) -> list[dict[str, Any]]:
    """The flow's `feeds` parameter for the sample."""
    return [{"name": "claimwatch offline sample", "url": feed_url, "keywords": KEYWORDS}]


def _handler() -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass  # the run's own summary says what was fetched

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            parts = [p for p in path.split("/") if p]
            if not parts or any(p in ("..", ".") or p.startswith(".") for p in parts):
                self.send_error(404)
                return
            resource = SITE.joinpath(*parts)
            if not resource.is_file():
                self.send_error(404)
                return
            body = resource.read_bytes()
            if path == FEED_PATH:
                address = self.server.server_address
                port = address[1] if isinstance(address, tuple) else 0
                base = f"http://127.0.0.1:{port}".encode()
                body = body.replace(b"{base}", base)
                content_type = "application/rss+xml; charset=utf-8"
            else:
                content_type = "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler

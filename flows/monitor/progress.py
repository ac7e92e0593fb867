"""A one-line progress display on a terminal; silent when stderr is not a TTY.

The CLI installs a `Progress` for the duration of a run (`showing_progress`); tasks
report through `report()`, which does nothing when none is installed (deployments).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Progress:
    """Counts feeds done and articles saved, redrawn in place on one line."""

    def __init__(self, stream: TextIO, total_feeds: int) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self.total = total_feeds
        self.feeds_done = 0
        self.articles = 0
        self.claims = 0
        self.current = ""

    def feed_started(self, name: str) -> None:
        with self._lock:
            self.current = name
            self._draw()

    def articles_saved(self, articles: int, claims: int) -> None:
        with self._lock:
            self.articles += articles
            self.claims += claims
            self._draw()

    def feed_done(self, name: str) -> None:
        with self._lock:
            self.feeds_done += 1
            self.current = name
            self._draw()

    def close(self) -> None:
        with self._lock:
            self._stream.write("\r\033[K")
            self._stream.flush()

    def _draw(self) -> None:
        line = (
            f"feeds {self.feeds_done}/{self.total} | articles {self.articles} new "
            f"| claims {self.claims} new | {self.current[:40]}"
        )
        self._stream.write("\r\033[K" + line)
        self._stream.flush()


_current: Progress | None = None


def report() -> Progress | None:
    """The installed display, or None (no terminal, or not run from the CLI)."""
    return _current


@contextmanager
def showing_progress(total_feeds: int, stream: TextIO | None = None) -> Iterator[None]:
    """Install a display for the block when `stream` (default stderr) is a terminal."""
    global _current
    out = stream or sys.stderr
    if not out.isatty():
        yield
        return
    _current = Progress(out, total_feeds)
    try:
        yield
    finally:
        _current.close()
        _current = None

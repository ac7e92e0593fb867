"""Content-Encoding undone incrementally, with the decoded size capped at every layer.

`decoded(raw_chunks, content_encoding, max_bytes, max_layers)` yields the body in
pieces of at most `PIECE` bytes. Each layer inflates with a bounded output size
(`zlib`'s `max_length`), so a bomb costs at most a few pieces of memory however it is
stacked (`gzip, gzip`): the moment a layer's output passes `max_bytes` the body is
refused. Only gzip and deflate are accepted (those are all we advertise); brotli,
zstd or any other coding, and more than `max_layers` layers, are refused.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from flows.monitor.refused import Refused

PIECE = 64 * 1024
"""Most bytes one inflate step may produce."""
SUPPORTED = frozenset({"gzip", "x-gzip", "deflate"})


def content_codings(header: str, max_layers: int) -> list[str]:
    """The codings of a Content-Encoding header in the order they were applied."""
    codings = [c.strip().lower() for c in header.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    unknown = [c for c in codings if c not in SUPPORTED]
    if unknown:
        raise Refused("bad_encoding", f"content coding {unknown[0]!r} not supported")
    if len(codings) > max_layers:
        raise Refused(
            "bad_encoding", f"{len(codings)} stacked content codings (at most {max_layers})"
        )
    return codings


def decoded(
    raw: Iterable[bytes], content_encoding: str, max_bytes: int, max_layers: int = 2
) -> Iterator[bytes]:
    """The decoded body, piece by piece; raises Refused past `max_bytes`."""
    stream: Iterable[bytes] = _counted(raw, max_bytes, "received")
    for coding in reversed(content_codings(content_encoding, max_layers)):
        stream = _counted(_Inflater(coding).run(stream), max_bytes, f"decoded ({coding})")
    return iter(stream)


def _counted(pieces: Iterable[bytes], max_bytes: int, what: str) -> Iterator[bytes]:
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > max_bytes:
            raise Refused("too_large", f"over {max_bytes} bytes {what}")
        if piece:
            yield piece


class _Inflater:
    """One gzip or deflate layer: bounded output per step, several gzip members allowed."""

    def __init__(self, coding: str) -> None:
        self.gzip = coding != "deflate"
        self.inflate = self._new(zlib.MAX_WBITS | 16 if self.gzip else zlib.MAX_WBITS)
        self.started = False

    @staticmethod
    def _new(wbits: int) -> zlib._Decompress:
        return zlib.decompressobj(wbits)

    def run(self, pieces: Iterable[bytes]) -> Iterator[bytes]:
        for data in pieces:
            yield from self._feed(data)
        yield from self._feed(b"")  # a truncated stream keeps what was decoded

    def _feed(self, data: bytes) -> Iterator[bytes]:
        while True:
            if self.inflate.eof:
                data = self.inflate.unused_data + data
                if not (self.gzip and data.startswith(b"\x1f\x8b")):
                    return  # trailing bytes after the stream: ignored
                self.inflate = self._new(zlib.MAX_WBITS | 16)
            try:
                out = self.inflate.decompress(data, PIECE)
            except zlib.error as err:
                if self.gzip or self.started:
                    raise Refused("bad_encoding", f"corrupt compressed body: {err}") from None
                self.inflate = self._new(-zlib.MAX_WBITS)  # raw deflate, as some servers send
                self.gzip = False
                self.started = True
                continue
            self.started = self.started or bool(out) or bool(data)
            data = self.inflate.unconsumed_tail
            if out:
                yield out
            if not data and len(out) < PIECE and not self.inflate.eof:
                return
            if not data and self.inflate.eof and not self.inflate.unused_data:
                return

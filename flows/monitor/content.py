"""What a fetched body is: binary or text, HTML or not, and in which charset."""

from __future__ import annotations

import codecs
import re

BINARY_TYPES = ("image/", "audio/", "video/", "font/", "application/octet-stream")
BINARY_SUBTYPES = ("pdf", "zip", "gzip", "x-tar", "msword", "vnd.", "x-7z", "wasm")
HTML_TYPES = ("text/html", "application/xhtml+xml")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def looks_binary(mime: str, body: bytes) -> bool:
    if mime.startswith(BINARY_TYPES):
        return True
    if mime.startswith("application/") and any(s in mime for s in BINARY_SUBTYPES):
        return True
    head = body[:2048]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False  # a byte-order mark: text
    return b"\x00" in head


def meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:4096])
    return found.group(1).decode("ascii", "replace") if found else None


def header_charset(content_type: str) -> str | None:
    found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return found.group(1) if found else None


def encoding_problem(body: bytes, charset: str | None) -> str | None:
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


def decode_text(body: bytes, charset: str | None) -> str:
    """The body as text: declared charset, else meta charset, else UTF-8, else cp1252."""
    name = charset or meta_charset(body)
    if name:
        try:
            return body.decode(name, errors="replace")
        except LookupError:
            pass  # checked when the page was accepted; a meta charset may still be unknown
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")

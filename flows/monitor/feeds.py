"""The feed list: a readable TOML file (`feeds.toml`), edited by `claimwatch feeds ...`.

Format (see docs/operations.md)::

    default_keywords = ["isis", "islamic state", "daesh"]

    [[feed]]
    name = "Long War Journal"
    url = "https://www.longwarjournal.org/feed"
    keywords = []            # optional; [] = every article; missing = default_keywords

Edits keep the file's comments: `add` appends a block, `remove` deletes one block.
Errors name the file and the line.
"""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

_HEADER = re.compile(r"^\s*\[\[\s*feed\s*\]\]\s*(#.*)?$")


class FeedsFileError(ValueError):
    """The feeds file (or an OPML file) cannot be used; the message names file and line."""


@dataclass(frozen=True)
class Feed:
    """One configured feed."""

    name: str
    url: str
    keywords: tuple[str, ...] = ()
    """An entry is kept when its title or summary mentions one of these; () keeps all."""
    enabled: bool = True


def load_feeds(path: Path) -> list[Feed]:
    """The enabled and disabled feeds of `path`, validated; raises FeedsFileError."""
    text = _read(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise FeedsFileError(f"{path}: not valid TOML: {err}") from None
    unknown = set(data) - {"default_keywords", "feed"}
    if unknown:
        raise FeedsFileError(
            f"{path}: unknown top-level key(s) {sorted(unknown)}; "
            "expected default_keywords and [[feed]] tables"
        )
    defaults = _keywords(data.get("default_keywords", []), path, 1)
    lines = feed_lines(text)
    raw_feeds = data.get("feed", [])
    if not isinstance(raw_feeds, list):
        raise FeedsFileError(f"{path}: 'feed' must be written as [[feed]] tables")
    feeds: list[Feed] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_feeds):
        line = lines[index][0] if index < len(lines) else 1
        feed = _feed(raw, defaults, path, line)
        if feed.url in seen:
            raise FeedsFileError(
                f"{path}, line {line}: {feed.url} is already listed at line {seen[feed.url]}"
            )
        seen[feed.url] = line
        feeds.append(feed)
    return feeds


def feed_lines(text: str) -> list[tuple[int, int]]:
    """(first, last) 1-based line numbers of each [[feed]] block, in file order."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if _HEADER.match(line)]
    blocks = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        blocks.append((start + 1, end))
    return blocks


def add_feed(path: Path, feed: Feed, *, all_entries: bool = False) -> None:
    """Append `feed` to the file (created when missing); raises when the URL is listed.

    A feed without keywords gets the file's default_keywords, or no filter at all
    (`keywords = []`) with `all_entries`.
    """
    if path.exists():
        if any(f.url == feed.url for f in load_feeds(path)):
            raise FeedsFileError(f"{path}: {feed.url} is already listed")
        text = _read(path)
    else:
        text = "# claimwatch feeds (see docs/operations.md)\n"
    block = format_feed(feed, all_entries=all_entries)
    separator = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    path.write_text(text + separator + block, encoding="utf-8")


def remove_feed(path: Path, name_or_url: str) -> Feed:
    """Delete the block of the feed with this URL or name; returns the removed feed."""
    feeds = load_feeds(path)
    matches = [i for i, f in enumerate(feeds) if name_or_url in (f.url, f.name)]
    if not matches:
        raise FeedsFileError(f"{path}: no feed named or at {name_or_url!r}")
    if len(matches) > 1:
        raise FeedsFileError(f"{path}: {name_or_url!r} names several feeds; give the URL")
    text = _read(path)
    first, last = feed_lines(text)[matches[0]]
    lines = text.splitlines(keepends=True)
    del lines[first - 1 : last]
    path.write_text("".join(lines), encoding="utf-8")
    return feeds[matches[0]]


def format_feed(feed: Feed, *, all_entries: bool = False) -> str:
    """A [[feed]] block in the file's format."""
    out = ["[[feed]]", f"name = {_quote(feed.name)}", f"url = {_quote(feed.url)}"]
    if feed.keywords or all_entries:
        out.append("keywords = [" + ", ".join(_quote(k) for k in feed.keywords) + "]")
    if not feed.enabled:
        out.append("enabled = false")
    return "\n".join(out) + "\n"


def parse_opml(path: Path) -> list[Feed]:
    """The feeds (outlines with an xmlUrl) of an OPML file; they get the default keywords."""
    try:
        root = ET.fromstring(path.read_bytes())
    except ET.ParseError as err:
        line = err.position[0] if err.position else "?"
        raise FeedsFileError(f"{path}, line {line}: not valid OPML/XML: {err}") from None
    except OSError as err:
        raise FeedsFileError(f"{path}: cannot read: {err.strerror}") from None
    feeds = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if not url:
            continue
        name = (
            outline.get("title") or outline.get("text") or urlsplit(url).hostname or url
        ).strip()
        feeds.append(Feed(name=name, url=url))
    if not feeds:
        raise FeedsFileError(f"{path}: no <outline xmlUrl=...> entries found")
    return feeds


def _feed(raw: object, defaults: tuple[str, ...], path: Path, line: int) -> Feed:
    where = f"{path}, line {line}"
    if not isinstance(raw, dict):
        raise FeedsFileError(f"{where}: a [[feed]] must be a table")
    unknown = set(raw) - {"name", "url", "keywords", "enabled"}
    if unknown:
        raise FeedsFileError(
            f"{where}: unknown key(s) {sorted(unknown)}; allowed: name, url, keywords, enabled"
        )
    url = raw.get("url")
    if not isinstance(url, str) or not url.strip():
        raise FeedsFileError(f'{where}: the feed needs url = "https://..."')
    url = url.strip()
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise FeedsFileError(f"{where}: {url!r} is not an http(s) URL")
    name = raw.get("name", urlsplit(url).hostname)
    if not isinstance(name, str):
        raise FeedsFileError(f"{where}: name must be a string")
    keywords = _keywords(raw["keywords"], path, line) if "keywords" in raw else defaults
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise FeedsFileError(f"{where}: enabled must be true or false")
    return Feed(name=name.strip(), url=url, keywords=keywords, enabled=enabled)


def _keywords(value: object, path: Path, line: int) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(k, str) and k.strip() for k in value):
        raise FeedsFileError(f"{path}, line {line}: keywords must be a list of non-empty strings")
    return tuple(k.strip() for k in value)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FeedsFileError(
            f"{path}: feeds file not found; set CLAIMWATCH_FEEDS_FILE or run `claimwatch feeds add`"
        ) from None
    except UnicodeDecodeError as err:
        raise FeedsFileError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except OSError as err:
        raise FeedsFileError(f"{path}: cannot read: {err.strerror}") from None


def _quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'

#!/usr/bin/env python3
"""Claims the engine makes on ordinary pages that are not about the group.

    .venv/bin/python scripts/bench_offtopic.py [DIR ...] [--limit 5000] [--show 20]

Reads every text-like file (.txt, .md, .rst, README, changelogs, gzipped ones too) under
the folders given, by default the machine's own documentation (/usr/share/doc) and the
virtual environment's packages: thousands of real pages about software, licences and
changes, none about the group. Prints pages read, pages the topic stage lets through,
claims made, and claims per 1,000 pages (the bar: at most 1), with each claim's file and
sentence; records offtopic_claims_per_1000_pages in data/bench.json.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = (Path("/usr/share/doc"), ROOT / ".venv" / "lib")
TEXT_SUFFIXES = {".txt", ".md", ".rst", ".text"}
TEXT_NAMES = ("readme", "changelog", "changes", "news", "history", "authors", "copyright")
MIN_CHARS, MAX_CHARS = 1_000, 200_000


def pages(folders: list[Path]) -> Iterator[tuple[Path, str]]:
    """(path, text) of each readable text page under `folders`, in a stable order."""
    for folder in folders:
        if not folder.is_dir():
            print(f"skipping {folder}: not a folder", file=sys.stderr)
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_symlink() or not path.is_file() or not _is_text_page(path):
                continue
            text = _read(path)
            if text is not None and MIN_CHARS <= len(text) <= MAX_CHARS:
                yield path, text


def _is_text_page(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return Path(name).suffix in TEXT_SUFFIXES or name.startswith(TEXT_NAMES)


def _read(path: Path) -> str | None:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        return raw.decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile):
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="folders of pages (default: docs)")
    parser.add_argument("--limit", type=int, default=5000, help="pages to read at most")
    parser.add_argument("--show", type=int, default=20, help="claims to print at most")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from extractors.claims import extract_claims
    from extractors.claims.people import is_on_topic

    read = on_topic = 0
    made: list[tuple[Path, str, str]] = []
    for path, text in pages(list(args.dirs) or list(DEFAULT_DIRS)):
        if read >= args.limit:
            break
        read += 1
        on_topic += is_on_topic(text)
        made.extend((path, c.fate, c.sentence) for c in extract_claims(path.name, text))
        if read % 500 == 0:
            print(f"  {read} pages, {len(made)} claims", file=sys.stderr)
    if not read:
        print("no pages found", file=sys.stderr)
        return 1
    per_1000 = 1000 * len(made) / read
    print(f"pages          {read}")
    print(f"on topic       {on_topic} (the group or its jihadists named)")
    print(f"claims         {len(made)}")
    print(f"per 1,000      {per_1000:.2f} claims (bar: at most 1)")
    for path, fate, sentence in made[: args.show]:
        print(f"  {fate:<12} {path}: {sentence[:120]}")
    from bench_record import record

    record({"offtopic_pages": read, "offtopic_claims_per_1000_pages": round(per_1000, 2)})
    return 0


if __name__ == "__main__":
    sys.exit(main())

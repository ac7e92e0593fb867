"""Splitting extracted article text into sentences, dropping page furniture.

Sentences are returned verbatim (whitespace at the ends trimmed), so they can serve as
the claim's evidence. Lines are joined when a hard wrap broke a sentence.
"""

from __future__ import annotations

import re

from extractors.claims.vocab import load_toml, require

_LEX = load_toml("sentences.toml")
ABBREVIATIONS: frozenset[str] = frozenset(a.lower() for a in _LEX["abbreviations"])
require("abbreviations", ABBREVIATIONS)
require("furniture", _LEX["furniture"])
FURNITURE_RE = re.compile("|".join(f"(?:{p})" for p in _LEX["furniture"]), re.IGNORECASE)

_BOUNDARY_RE = re.compile(r"(?:[.!?]+|…)[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])")
_TOKEN_BEFORE_RE = re.compile(r"([\w.]+)\.$")
_TERMINAL = (".", "!", "?", "…", '"', "”", "’", "'", ":", ")")
HEADING_WORDS = 15
_SPACES_RE = re.compile(r"[\u00a0\u2007\u202f\t]+")


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the period ending at `end` (exclusive) closes an abbreviation or an initial."""
    if text[end - 1] != ".":
        return False
    match = _TOKEN_BEFORE_RE.search(text[:end])
    if match is None:
        return False
    token = match.group(1).lower()
    if token in ABBREVIATIONS:
        return True
    # an initial ("J. Smith") or a dotted acronym ("U.S.")
    return bool(re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", token))


def _split_line(line: str) -> list[str]:
    out, start = [], 0
    for match in _BOUNDARY_RE.finditer(line):
        if _is_abbreviation(line, match.start() + len(match.group(0).rstrip("\"'”’)]"))):
            continue
        piece = line[start : match.end()].strip()
        if piece:
            out.append(piece)
        start = match.end()
    tail = line[start:].strip()
    if tail:
        out.append(tail)
    return out


def is_furniture(line: str) -> bool:
    """Whether a whole line is navigation, an ad slot, a credit or a byline."""
    return bool(FURNITURE_RE.fullmatch(" ".join(_SPACES_RE.sub(" ", line).split())))


def is_heading(sentence: str) -> bool:
    """A short line without final punctuation, such as a title or section heading (a
    long one is a sentence whose full stop the page lost)."""
    return not sentence.rstrip().endswith(_TERMINAL) and len(sentence.split()) <= HEADING_WORDS


def _lines(text: str) -> list[str]:
    """Non-empty, non-furniture lines, with hard-wrapped sentence pieces rejoined."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line or is_furniture(line):
            if line == "" and lines and lines[-1] != "":
                lines.append("")
            continue
        prev = lines[-1] if lines else ""
        if prev and not prev.endswith(_TERMINAL) and line[:1].islower():
            lines[-1] = prev + " " + line
        else:
            lines.append(line)
    return [line for line in lines if line]


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, in order, without page furniture lines."""
    return [sentence for paragraph in split_paragraphs(text) for sentence in paragraph]


def split_paragraphs(text: str) -> list[list[str]]:
    """The sentences of `text`, grouped by paragraph (line), without furniture lines."""
    return [_split_line(line) for line in _lines(text)]

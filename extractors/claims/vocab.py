"""Loading the packaged vocabularies in `lexicon/` (TOML and TSV), once, at import.

Every loader refuses an empty vocabulary: an empty alternation would match everything.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from importlib.resources import files
from typing import Any


class EmptyVocabulary(ValueError):
    """A lexicon file or table that should hold entries holds none."""


def load_toml(name: str) -> dict[str, Any]:
    """The parsed TOML file `lexicon/<name>`; raises if it holds nothing."""
    text = files("extractors.claims").joinpath("lexicon", name).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    if not data:
        raise EmptyVocabulary(f"lexicon/{name} is empty")
    return data


def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of `lexicon/<name>` (tab-separated, `#` comments); raises if it holds none."""
    text = files("extractors.claims").joinpath("lexicon", name).read_text(encoding="utf-8")
    rows = tuple(
        tuple(cell.strip() for cell in line.split("\t"))
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
    if not rows:
        raise EmptyVocabulary(f"lexicon/{name} has no rows")
    return rows


def require(name: str, values: Iterable[Any] | Mapping[str, Any]) -> None:
    """Raise EmptyVocabulary when `values` is empty."""
    if not list(values):
        raise EmptyVocabulary(f"vocabulary {name!r} is empty")


def compile_phrases(
    name: str, phrases: Iterable[str], flags: int = re.IGNORECASE, *, prefix: bool = False
) -> re.Pattern[str]:
    """One alternation of phrases or regex fragments, longest first, on word boundaries.

    With `prefix`, a phrase may also start a longer word ("research" in "researchers").
    """
    items = sorted({p for p in phrases if p}, key=len, reverse=True)
    require(name, items)
    end = "" if prefix else r"(?![\w-])"
    return re.compile(r"(?<![\w-])(?:" + "|".join(items) + ")" + end, flags)


def escape_all(phrases: Iterable[str]) -> list[str]:
    """Literal phrases as regex fragments, with any run of spaces matching any whitespace."""
    return [r"\s+".join(re.escape(w) for w in p.split()) for p in phrases]


_SPECIAL = set("\\()[]{}|?*+.^$")


def literal_anchor(fragment: str) -> str | None:
    """A lower-case literal every match of a regex fragment must contain, if one is easy
    to read off (letters outside groups, not made optional); None otherwise."""
    depth, runs, current, i = 0, [], "", 0
    while i < len(fragment):
        ch = fragment[i]
        if ch == "\\":
            runs.append(current)
            current, i = "", i + 2
            continue
        if ch == "(" or ch == "[":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
        if depth == 0 and ch not in _SPECIAL and (ch.isalpha() or ch in " '-"):
            current += ch
        else:
            if ch in "?*{" and current:
                current = current[:-1]
            runs.append(current)
            current = ""
        i += 1
    runs.append(current)
    best = max((r.strip().lower() for r in runs), key=len, default="")
    return best if len(best) >= 3 else None


class GuardedPattern:
    """A compiled alternation that is only run when one of its literal anchors occurs."""

    def __init__(self, pattern: re.Pattern[str], fragments: Iterable[str]) -> None:
        self.pattern = pattern
        anchors = [literal_anchor(f) for f in fragments]
        self.anchors: tuple[str, ...] | None = (
            None if any(a is None for a in anchors) else tuple(sorted({a for a in anchors if a}))
        )

    def finditer_present(self, text: str, present: frozenset[str]) -> Iterator[re.Match[str]]:
        """Matches in `text`, given which anchors occur in it (see `AnchorIndex`)."""
        if self.anchors is not None and present.isdisjoint(self.anchors):
            return iter(())
        return self.pattern.finditer(text)

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """Matches in `text` (`lowered` is text.lower(), computed once by the caller)."""
        if self.anchors is not None and not any(map(lowered.__contains__, self.anchors)):
            return iter(())
        return self.pattern.finditer(text)


class AnchorIndex:
    """Literal anchors indexed by their first three letters: which occur in a text is
    found by testing only those whose first letters occur in it."""

    def __init__(self, anchors: Iterable[str]) -> None:
        self._by_head: dict[str, list[str]] = {}
        for anchor in sorted(set(anchors)):
            self._by_head.setdefault(anchor[:3], []).append(anchor)

    def present(self, lowered: str) -> frozenset[str]:
        """The anchors that occur in `lowered`: one pass for many guarded patterns."""
        heads = self._by_head.keys() & {lowered[i : i + 3] for i in range(len(lowered) - 2)}
        return frozenset(a for head in heads for a in self._by_head[head] if a in lowered)

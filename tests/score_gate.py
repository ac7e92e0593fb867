"""Scoring the claim engine on a corpus from ../shared, for the quality gates.

A corpus is the seeds (five articles, no dates) or the development set (about forty real
excerpts from other outlets and years, each scored with its year's 1 July as its
published date, as `sources.tsv` gives it). Both are read at test time, never copied.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extractors.claims import extract_claims


@dataclass(frozen=True)
class Corpus:
    """Articles to score and the gold claims to score them against."""

    name: str
    docs: Path
    gold: Path
    sources: Path | None = None
    """A `doc, url, outlet, year` table; each article's year gives its published date."""

    def articles(self) -> Iterator[tuple[str, str, date | None]]:
        """(doc id, text, published date) of each article, in file order."""
        years = self._years()
        for path in sorted(self.docs.glob("*.txt")):
            year = years.get(path.stem)
            published = date(year, 7, 1) if year else None
            yield path.stem, path.read_text(encoding="utf-8"), published

    def _years(self) -> dict[str, int]:
        if self.sources is None:
            return {}
        with self.sources.open(encoding="utf-8", newline="") as table:
            return {row["doc"]: int(row["year"]) for row in csv.DictReader(table, delimiter="\t")}


def corpora(shared: Path) -> dict[str, Corpus]:
    """The two scored corpora in a ../shared folder."""
    return {
        "seeds": Corpus("seeds", shared / "seeds", shared / "gold" / "seeds.jsonl"),
        "dev": Corpus(
            "dev",
            shared / "dev" / "docs",
            shared / "dev" / "gold.jsonl",
            shared / "dev" / "sources.tsv",
        ),
    }


def score_corpus(corpus: Corpus, scorer: Path, workdir: Path) -> dict[str, object]:
    """The scorer's summary (F1, precision, recall, field accuracies) for the engine's
    claims on `corpus`."""
    pred = workdir / f"{corpus.name}.pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for doc, text, published in corpus.articles():
            for claim in extract_claims(doc, text, published):
                out.write(json.dumps(claim.to_json()) + "\n")
    result = workdir / f"{corpus.name}.summary.json"
    done = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(corpus.gold), "--pred", str(pred),
         "--json", str(result)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{scorer} failed on {corpus.name}: {done.stdout}{done.stderr}")
    summary: dict[str, object] = json.loads(result.read_text(encoding="utf-8"))
    return summary

"""Text from elsewhere stays elsewhere: no run of eight words from the seeds or the
development set appears in the project's code, lexicons, tests, scripts or docs.

The engine is judged on articles it has never seen; a sentence of the development set
copied into a rule, a docstring or a test case is a sign of fitting that sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = 8
SCANNED = (".py", ".toml", ".json", ".md", ".txt", ".sql", ".yaml")
SKIPPED_PARTS = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _project_files() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*")
        if path.is_file()
        and path.suffix in SCANNED
        and not SKIPPED_PARTS & set(path.relative_to(ROOT).parts)
        and path.relative_to(ROOT).parts[0] != "data"  # the warehouse and bench output
    ]


def test_no_sentence_of_the_scored_articles_is_copied(shared_dir: Path) -> None:
    articles = [*sorted((shared_dir / "seeds").glob("*.txt"))]
    articles += sorted((shared_dir / "dev" / "docs").glob("*.txt"))
    assert articles, f"no articles under {shared_dir}"
    theirs: dict[tuple[str, ...], str] = {}
    for article in articles:
        for run in _runs(_words(article.read_text(encoding="utf-8"))):
            theirs.setdefault(run, article.name)
    copied = [
        f"{path.relative_to(ROOT)}: '{' '.join(run)}' (from {theirs[run]})"
        for path in _project_files()
        for run in sorted(_runs(_words(path.read_text(encoding="utf-8", errors="replace"))))
        if run in theirs
    ]
    assert copied == [], "\n".join(copied)

"""Commands import only what they use, so analysts' commands start in a fraction of a second.

Guarded by the modules a command loads (not by timing): Prefect (~2 s to import) only for
run/serve/digest sends/reprocess, matplotlib only when a chart is drawn, trafilatura only
for HTML, the claim engine only for extract and runs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

RUN_AND_LIST = """
import sys
from flows.cli import cli
try:
    cli(sys.argv[2:])
except SystemExit:
    pass
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("\\n".join(sorted(sys.modules)))
"""

HEAVY = ("prefect", "matplotlib", "trafilatura", "httpx", "extractors.claims", "flows.digest.flow")


def modules_loaded(tmp_path: Path, *args: str) -> set[str]:
    listing = tmp_path / "modules.txt"
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, str(listing), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert listing.exists(), done.stderr[-2000:]
    return set(listing.read_text(encoding="utf-8").split())


def heavy(modules: set[str], allowed: tuple[str, ...] = ()) -> list[str]:
    return sorted(
        name
        for name in modules
        if any(name == h or name.startswith(h + ".") for h in HEAVY)
        and not any(name == a or name.startswith(a + ".") for a in allowed)
    )


@pytest.mark.parametrize(
    "args",
    [
        ["query"],
        ["query", "fates_over_time", "--csv"],
        ["sql", "SELECT count(*) FROM claims_current"],
        ["--help"],
        ["feeds", "list"],
        ["digest", "--help"],
        ["run", "--help"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_commands_load_no_pipeline(sample_db: Path, tmp_path: Path, args: list[str]) -> None:
    loaded = modules_loaded(tmp_path, "--db", str(sample_db), *args)
    assert "click" in loaded
    assert heavy(loaded) == []


def test_extract_of_text_loads_the_engine_only(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Officials said 40 fighters returned to Tunisia in 2019.", encoding="utf-8")
    loaded = modules_loaded(tmp_path, "extract", str(article))
    assert "extractors.claims" in loaded  # it did run the engine
    assert heavy(loaded, allowed=("extractors.claims",)) == []

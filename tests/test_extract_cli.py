"""`claimwatch extract`: .txt, .html, stdin, a missing file, and scorer-readable output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import cli

ARTICLE = (
    "The battle is over. Officials said about 400 Islamic State fighters fled to Turkey "
    "from Raqqa this week. Dozens of ISIS commanders were arrested in Mosul, police said."
)
PAGE = f"""<!doctype html><html><head><title>Where they went</title></head>
<body><nav>Home | World</nav><article><h1>Where they went</h1>
<p>{ARTICLE}</p><p>Residents said the streets were quiet again after the convoys left.</p>
</article><footer>Share this</footer></body></html>"""


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("CLAIMWATCH_DB", str(tmp_path / "w.duckdb"))
    return CliRunner()


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_txt_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "report_one.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--published", "2017-10-12"])
    assert result.exit_code == 0, result.output
    claims = _lines(result.stdout)
    assert {c["fate"] for c in claims} >= {"fled", "detained"}
    assert all(c["doc"] == "report_one" for c in claims)
    fled = next(c for c in claims if c["fate"] == "fled")
    assert (fled["count_low"], fled["year"], fled["location_country"]) == (400, 2017, ["TR"])
    assert "claims" in result.stderr


def test_html_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    claims = _lines(result.stdout)
    assert claims
    assert {c["doc"] for c in claims} == {"page"}


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "-"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert {c["doc"] for c in _lines(result.stdout)} == {"stdin"}


def test_missing_file_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(cli, ["extract", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.output
    assert "no such file" in result.output


def test_bad_date_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "-", "--published", "12/10/2017"], input="x")
    assert result.exit_code == 2


def test_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    assert "claimwatch extract" in result.output


def test_output_is_readable_by_the_scorer(
    runner: CliRunner, tmp_path: Path, scorer_path: Path
) -> None:
    path = tmp_path / "report_one.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path)])
    pred = tmp_path / "pred.jsonl"
    pred.write_text(result.stdout, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(result.stdout, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(scorer_path), "--gold", str(gold), "--pred", str(pred)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "F1 1.000" in done.stdout


def test_explain_shows_cues_claims_and_why_not(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "explained.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(cli, ["extract", "--explain", str(path), "--published", "2017-10-12"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "The battle is over." in out
    assert "no claim: no word says what happened to anyone" in out
    assert "fate    fled 'fled'" in out
    assert "group   fighters 'fighters'" in out
    assert "count   'about 400' = 400" in out
    assert "place   'Turkey' TR (place)" in out
    assert "=> fled: fighters 400 in TR 2017 — Officials (government)" in out
    assert "=> detained: leaders 24–99 in IQ" in out
    assert "source  police (government)" in out

"""`claimwatch figures`: the listing with sparklines, filters, and the --html page."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from figure_samples import ARTICLES, CENTRE
from test_figures import build

from flows.cli import cli
from flows.figures.text import sparkline
from warehouse.db import connect
from warehouse.publish import publish_read_copy


def claimwatch(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture
def lineage_db(db_path: Path) -> Path:
    build(db_path, ARTICLES)
    with connect(db_path) as con:
        publish_read_copy(db_path, con)
    return db_path


def test_figures_lists_first_source_repeats_sparkline_and_competitors(lineage_db: Path) -> None:
    result = claimwatch(lineage_db, "figures", "--fate", "travelled", "--country", "iq")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Articles per year, 2018–2023")
    assert lines[2:7] == [
        "41,490 foreign fighters travelled · Iraq and Syria",
        "  ██·█·█  4 appearances",
        f"  first given by {CENTRE} (ccs.example), 23 Jul 2018",
        "  3 repeats (1 named a source, 2 none) in 4 outlets; last 14 Sep 2023, 5.1 years after"
        " the first; 1 syndicated copy not counted",
        "  competing: 53,000 (Soufan Center, 2020); 41,490 denied (the ministry, 2022)",
    ]
    assert "Denied: 41,490 foreign fighters travelled · Iraq and Syria" in lines
    assert "  first made by the ministry (gov.example), 1 Jun 2022" in lines
    assert "Tunisia" not in result.stdout  # another fate and place


def test_figures_without_matches_says_so(lineage_db: Path) -> None:
    result = claimwatch(lineage_db, "figures", "--fate", "killed")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "no figures (fate killed)" in result.stderr


def test_figures_html_has_one_chart_per_figure(lineage_db: Path, tmp_path: Path) -> None:
    page = tmp_path / "figures.html"
    result = claimwatch(lineage_db, "figures", "--limit", "3", "--html", str(page))
    assert result.exit_code == 0, result.output
    assert f"wrote {page}: 3 figures" in result.stderr
    html = page.read_text("utf-8")
    charts = re.findall(r"src='data:image/png;base64,([^']+)'", html)
    assert len(charts) == 3
    assert all(base64.b64decode(c).startswith(b"\x89PNG\r\n\x1a\n") for c in charts)
    assert "<h2>41,490 foreign fighters travelled · Iraq and Syria</h2>" in html
    assert "<a href='https://ccs.example/ccs-report?utm_source=rss'>" in html


def test_sparkline_scales_to_the_busiest_year() -> None:
    assert sparkline({2018: 8, 2020: 1, 2021: 4}, range(2018, 2022)) == "█·▁▄"
    assert sparkline({}, range(2018, 2020)) == "··"

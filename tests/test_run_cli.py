"""`claimwatch run|serve|feeds|reprocess`: help, feed list editing, errors, offline runs."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import cli
from flows.monitor.feeds import load_feeds

COMMANDS = [
    ["run"],
    ["serve"],
    ["reprocess"],
    ["feeds"],
    ["feeds", "list"],
    ["feeds", "add"],
    ["feeds", "remove"],
    ["feeds", "import"],
]
OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>Reader export</title></head><body>
  <outline text="Security">
    <outline type="rss" text="Long War Journal" xmlUrl="https://www.longwarjournal.org/feed"/>
    <outline type="rss" title="Desk" text="desk" xmlUrl="https://desk.example.org/rss"/>
  </outline>
  <outline text="no feed here" htmlUrl="https://example.org/"/>
</body></opml>
"""


@pytest.fixture(autouse=True)
def tiny_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_PER_HOST_DELAY", "0")
    monkeypatch.setenv("CLAIMWATCH_TASK_RETRIES", "0")
    monkeypatch.setenv("CLAIMWATCH_FETCH_TIMEOUT", "2")


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_has_an_example(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_feeds_add_list_remove_import(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('# my feeds\ndefault_keywords = ["isis"]\n', encoding="utf-8")
    file = ("--feeds-file", str(path))
    assert invoke("feeds", "add", "https://a.example/rss", "--name", "A", *file).exit_code == 0
    result = invoke("feeds", "add", "https://b.example/rss", "--all-entries", *file)
    assert result.exit_code == 0
    result = invoke("feeds", "add", "https://c.example/rss", "--keyword", "daesh", *file)
    assert result.exit_code == 0
    feeds = load_feeds(path)
    assert [(f.name, f.keywords) for f in feeds] == [
        ("A", ("isis",)),
        ("b.example", ()),
        ("c.example", ("daesh",)),
    ]
    assert invoke("feeds", "add", "https://a.example/rss", *file).exit_code == 1  # listed
    assert invoke("feeds", "add", "ftp://x.example/rss", *file).exit_code == 2

    listed = invoke("feeds", "list", *file)
    assert "https://b.example/rss" in listed.output
    assert "(every entry)" in listed.output

    assert invoke("feeds", "remove", "A", *file).exit_code == 0
    assert [f.name for f in load_feeds(path)] == ["b.example", "c.example"]
    assert path.read_text(encoding="utf-8").startswith("# my feeds\n")  # comments kept
    assert invoke("feeds", "remove", "nope", *file).exit_code == 1

    opml = tmp_path / "export.opml"
    opml.write_text(OPML, encoding="utf-8")
    result = invoke("feeds", "import", str(opml), *file)
    assert result.exit_code == 0
    assert "Imported 2 feeds" in result.output
    assert invoke("feeds", "import", str(opml), *file).output.count("Imported 0 feeds") == 1
    assert [f.name for f in load_feeds(path)][-2:] == ["Long War Journal", "Desk"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[feed]]\nname = "x"\nurl = "https://x.example/rss"\nurl2 = 1\n', "line 1: unknown key"),
        ('default_keywords = []\n\n[[feed]]\nname = "no url"\n', "line 3: the feed needs url"),
        ('[[feed]]\nurl = "https://x.example"\n[[feed]]\nurl = "https://x.example"\n', "line 3"),
        ('[[feed]]\nurl = "ftp://x.example/rss"\n', "is not an http(s) URL"),
        ('[[feed]\nurl = "https://x.example"\n', "not valid TOML"),
        ('[[feed]]\nurl = "https://x.example"\nkeywords = "isis"\n', "keywords must be a list"),
    ],
)
def test_malformed_feeds_file_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    result = invoke("run", "--feeds-file", str(path))
    assert result.exit_code == 1
    assert str(path) in result.output
    assert message in result.output


def test_missing_feeds_file(tmp_path: Path) -> None:
    result = invoke("feeds", "list", "--feeds-file", str(tmp_path / "none.toml"))
    assert result.exit_code == 1
    assert "feeds file not found" in result.output


def test_default_feeds_file_is_valid() -> None:
    feeds = load_feeds(Path(__file__).resolve().parent.parent / "feeds.toml")
    assert 10 <= len(feeds) <= 20
    assert any("gdeltproject.org" in f.url for f in feeds)
    assert all(f.url.startswith("https://") for f in feeds)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rows(db: Path) -> tuple[int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()
        claims = con.execute("SELECT count(*) FROM claims").fetchone()
    assert articles
    assert claims
    return int(articles[0]), int(claims[0])


def _figures(db: Path) -> tuple[int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "SELECT (SELECT count(*) FROM figures_current), (SELECT count(*) FROM figure_claims)"
        ).fetchone()
    assert row
    return int(row[0]), int(row[1])


def test_unreachable_feeds_fall_back_to_the_sample(
    prefect_server, tmp_path: Path, db_path: Path
) -> None:
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feed]]\nurl = "http://127.0.0.1:{_closed_port()}/rss"\n', "utf-8")

    first = invoke("--db", str(db_path), "run", "--feeds-file", str(feeds))

    assert first.exit_code == 0, first.output
    assert "running the offline sample instead" in first.output
    assert "1 feeds: 1 ok, 0 failed" in first.output
    assert "1 syndicated" in first.output
    articles, claims = _rows(db_path)
    assert articles == 13  # twelve stories, one syndicated copy; the off-topic one dropped

    second = invoke("--db", str(db_path), "run", "--offline")

    assert second.exit_code == 0, second.output
    assert "Articles: 0 new" in second.output
    assert _rows(db_path) == (articles, claims)
    with duckdb.connect(str(db_path), read_only=True) as con:
        (raw,) = con.execute("SELECT summary FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    summary = json.loads(raw)
    # every stored entry was recognised from the feed alone: no page was fetched again
    assert (summary["entries_known"], summary["articles_known"]) == (articles, 0)
    assert summary["pages_failed"] == {}


def test_every_feed_failing_exits_1(prefect_server, site, tmp_path: Path, db_path: Path) -> None:
    site.add("/rss", b"down for maintenance", status=503)
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feed]]\nname = "down"\nurl = "{site.url("/rss")}"\n', "utf-8")
    result = invoke("--db", str(db_path), "run", "--feeds-file", str(feeds))
    assert result.exit_code == 1
    assert "1 failed (http_5xx: 1)" in result.output
    assert "Nothing was processed" in result.output


def test_reprocess_without_changes(prefect_server, db_path: Path) -> None:
    assert invoke("--db", str(db_path), "run", "--offline").exit_code == 0
    before = _rows(db_path), _figures(db_path)
    result = invoke("--db", str(db_path), "reprocess")
    assert result.exit_code == 0, result.output
    assert "Reprocessed 0 articles" in result.output
    figures, placed = before[1]
    assert f"{placed} claims with a figure, in {figures} figures" in result.output
    assert (_rows(db_path), _figures(db_path)) == before  # re-derived alike
    assert placed > figures > 0  # the sample repeats figures


def test_reprocess_replaces_claims_of_older_extractor(db_path: Path) -> None:
    from datetime import UTC, datetime

    from extractors.text import extract_page
    from flows.monitor.reprocess import reprocess_articles
    from flows.monitor.tasks import load_claim_engine
    from flows.sample.synthetic import article_html
    from warehouse import write
    from warehouse.db import connect
    from warehouse.migrate import migrate

    page = extract_page(article_html(7), "https://x.example/7")
    assert page is not None
    with connect(db_path) as con:
        migrate(con)
        run_id = write.start_run(con, "test", "old-engine")
        write.save_article(con, run_id, "old-engine", None, page, datetime.now(UTC), [])
    engine = load_claim_engine()
    summary = reprocess_articles(db_path, engine)
    assert summary["articles"] == 1
    expected = len(engine.extract("x", page.text, page.published))
    assert _rows(db_path) == (1, expected)
    assert reprocess_articles(db_path, engine)["articles"] == 0  # nothing left to do


def test_serve_reuses_a_running_prefect_server(site, tmp_path: Path) -> None:
    from flows.serve.server import prefect_server

    site.add("/api/health", b"true", content_type="application/json")
    port = int(site.base.rsplit(":", 1)[1])
    with prefect_server(port, tmp_path / "server.log") as url:
        assert url == f"http://127.0.0.1:{port}/api"
    assert not (tmp_path / "server.log").exists()  # nothing was started

"""`claimwatch digest`: dry run to a page, missing settings, empty period, a real send."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from digest_samples import build_warehouse

from flows.cli import cli
from warehouse.db import connect
from warehouse.digests import list_digests
from warehouse.migrate import migrate

SMTP_VARS = [
    "CLAIMWATCH_SMTP_HOST",
    "CLAIMWATCH_SMTP_PORT",
    "CLAIMWATCH_SMTP_USER",
    "CLAIMWATCH_SMTP_PASSWORD",
    "CLAIMWATCH_SMTP_STARTTLS",
    "CLAIMWATCH_DIGEST_FROM",
    "CLAIMWATCH_DIGEST_TO",
]


@pytest.fixture(autouse=True)
def no_smtp_env(monkeypatch):  # type: ignore[no-untyped-def]
    for name in SMTP_VARS:
        monkeypatch.delenv(name, raising=False)


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def smtp_env(port: int) -> dict[str, str]:
    return {
        "CLAIMWATCH_SMTP_HOST": "127.0.0.1",
        "CLAIMWATCH_SMTP_PORT": str(port),
        "CLAIMWATCH_DIGEST_FROM": "claimwatch@example.org",
        "CLAIMWATCH_DIGEST_TO": "analyst@example.org",
        "CLAIMWATCH_TASK_RETRIES": "1",
        "CLAIMWATCH_RETRY_DELAY": "0",
    }


def test_dry_run_writes_a_page_and_touches_no_ledger(db_path, tmp_path):  # type: ignore[no-untyped-def]
    build_warehouse(db_path)
    out = tmp_path / "digest.html"
    result = invoke("--db", str(db_path), "digest", "--dry-run", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "dry run: nothing sent" in result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<img class='chart' src='data:image/png;base64,iVBORw0KGgo" in page
    for figure in ("2,000", "1,500", "800", "200–999", "24–99"):
        assert figure in page
    assert "Syrian Democratic Forces (armed group)" in page
    with connect(db_path) as con:
        assert list_digests(con) == []


def test_dry_run_without_out_prints_the_text_part(db_path):  # type: ignore[no-untyped-def]
    build_warehouse(db_path)
    result = invoke("--db", str(db_path), "digest", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "HEADLINE FIGURES" in result.output
    assert "* 2,000 foreign fighters detained in Hasakah, held by SDF" in result.output


@pytest.mark.parametrize("missing", ["CLAIMWATCH_SMTP_HOST", "CLAIMWATCH_DIGEST_TO"])
def test_missing_setting_is_an_error_naming_the_variable(db_path, missing):  # type: ignore[no-untyped-def]
    build_warehouse(db_path)
    env = smtp_env(2525)
    del env[missing]
    result = invoke("--db", str(db_path), "digest", env=env)
    assert result.exit_code == 1
    assert f"Error: {missing} is not set" in result.output
    with connect(db_path) as con:
        assert list_digests(con) == []


def test_no_warehouse_is_a_clear_error(tmp_path):  # type: ignore[no-untyped-def]
    result = invoke("--db", str(tmp_path / "none.duckdb"), "digest", "--dry-run")
    assert result.exit_code == 1
    assert "no warehouse at" in result.output


def test_empty_period_sends_nothing_and_says_so(db_path, tmp_path):  # type: ignore[no-untyped-def]
    build_warehouse(db_path)
    out = tmp_path / "digest.html"
    result = invoke(
        "--db", str(db_path), "digest", "--dry-run", "--since", "2999-01-01", "--out", str(out)
    )
    assert result.exit_code == 0
    assert "nothing new since 2999-01-01, no digest sent" in result.output
    assert not out.exists()


@pytest.mark.usefixtures("prefect_server")
def test_send_then_nothing_new(db_path, smtp_sink):  # type: ignore[no-untyped-def]
    with connect(db_path) as con:
        migrate(con)
    env = smtp_env(smtp_sink.port)
    empty = invoke("--db", str(db_path), "digest", env=env)
    assert empty.exit_code == 0, empty.output
    assert "nothing new in the warehouse, no digest sent" in empty.output

    build_warehouse(db_path)
    sent = invoke("--db", str(db_path), "digest", env=env)
    assert sent.exit_code == 0, sent.output
    assert "sent digest dg-" in sent.output
    assert "5 claims" in sent.output
    assert len(smtp_sink.messages) == 1

    again = invoke("--db", str(db_path), "digest", env=env)
    assert again.exit_code == 0
    assert "nothing new since the last digest on" in again.output
    assert "no digest sent" in again.output
    assert len(smtp_sink.messages) == 1


@pytest.mark.usefixtures("prefect_server")
def test_refused_send_exits_1_and_keeps_the_digest_pending(db_path, smtp_sink):  # type: ignore[no-untyped-def]
    build_warehouse(db_path)
    smtp_sink.refuse_next = 99
    result = CliRunner().invoke(cli, ["--db", str(db_path), "digest"], env=smtp_env(smtp_sink.port))
    assert result.exit_code == 1
    assert "451" in result.output
    assert "the next `claimwatch digest` re-sends it" in result.output
    with connect(db_path) as con:
        [digest] = list_digests(con)
    assert digest.status == "pending"

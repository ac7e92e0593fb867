"""The digest flow end to end: a real Prefect API server and a real SMTP server on loopback."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from digest_samples import FIRST_BATCH, SECOND_BATCH, build_warehouse, parts, store

from flows.digest.flow import send_digest
from warehouse.db import connect
from warehouse.digests import list_digests, pending_claims, record_failure, start_digest

pytestmark = pytest.mark.usefixtures("prefect_server")

RECIPIENTS = ["analyst@example.org", "editor@example.org"]


@pytest.fixture
def smtp(smtp_sink, monkeypatch):  # type: ignore[no-untyped-def]
    """The sink, with the CLAIMWATCH_* SMTP settings pointing at it."""
    for key in ("SMTP_USER", "SMTP_PASSWORD", "SMTP_STARTTLS"):
        monkeypatch.delenv(f"CLAIMWATCH_{key}", raising=False)
    monkeypatch.setenv("CLAIMWATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CLAIMWATCH_SMTP_PORT", str(smtp_sink.port))
    monkeypatch.setenv("CLAIMWATCH_DIGEST_FROM", "claimwatch@example.org")
    monkeypatch.setenv("CLAIMWATCH_DIGEST_TO", ", ".join(RECIPIENTS))
    return smtp_sink


def run(db_path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    return send_digest(db=str(db_path), retries=0, retry_delay_seconds=0, **kwargs)


def claims_of(batch):  # type: ignore[no-untyped-def]
    return [claim for _, claims in batch for claim in claims]


def test_digest_is_delivered_once_with_figures_sources_and_chart(db_path, smtp):  # type: ignore[no-untyped-def]
    build_warehouse(db_path)
    started = time.perf_counter()
    outcome = run(db_path)
    elapsed = time.perf_counter() - started
    assert outcome.status == "sent"
    assert outcome.claims == 5
    assert len(smtp.messages) == 1
    message = smtp.messages[0]
    assert smtp.envelopes[0] == ("claimwatch@example.org", RECIPIENTS)
    assert message["Subject"].startswith("claimwatch digest ")
    assert "5 new claims, 2 contested" in message["Subject"]

    text, html, png, image = parts(message)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert f"cid:{image['Content-ID'].strip('<>')}" in html
    for claim in claims_of(FIRST_BATCH):
        figure = f"{claim.count_low:,}" if claim.count_low == claim.count_high else ""
        figure = figure or f"{claim.count_low:,}–{claim.count_high:,}"
        for body in (text, html):
            assert figure in body
            assert claim.source[0] in body
    for page, _ in FIRST_BATCH:
        assert page.url in text
        assert f"href='{page.url}'" in html
    # titles from articles arrive escaped in the HTML part
    assert "&lt;update&gt;" in html
    assert "<update>" not in html
    assert "Figures that disagree" in html
    assert "FIGURES THAT DISAGREE" in text

    [digest] = _ledger(db_path)
    assert (digest.status, digest.claim_count, digest.attempts) == ("sent", 5, 0)
    assert message["X-Claimwatch-Digest"] == digest.digest_id
    assert len(message.as_bytes()) < 200_000
    assert elapsed < 60

    again = run(db_path)
    assert again.status == "empty"
    assert len(smtp.messages) == 1  # nothing sent twice
    assert len(_ledger(db_path)) == 1


def test_refused_send_fails_the_run_and_the_next_run_delivers_the_same_claims(db_path, smtp):  # type: ignore[no-untyped-def]
    build_warehouse(db_path)
    smtp.refuse_next = 1
    state = run(db_path, return_state=True)
    assert state.is_failed()
    assert smtp.messages == []
    [pending] = _ledger(db_path)
    assert (pending.status, pending.attempts, pending.sent_at) == ("pending", 1, None)
    assert "451" in (pending.last_error or "")

    outcome = run(db_path)
    assert outcome.status == "sent"
    assert outcome.digest_id == pending.digest_id
    assert outcome.claims == 5
    [message] = smtp.messages
    assert message["X-Claimwatch-Digest"] == pending.digest_id
    text, _, _, _ = parts(message)
    for claim in claims_of(FIRST_BATCH):
        assert claim.sentence in text
    assert "[resent]" in text or "resent" in text
    [digest] = _ledger(db_path)
    assert digest.status == "sent"
    assert run(db_path).status == "empty"


def test_transient_refusal_is_retried_within_the_run(db_path, smtp):  # type: ignore[no-untyped-def]
    build_warehouse(db_path)
    smtp.refuse_next = 1
    outcome = send_digest(db=str(db_path), retries=1, retry_delay_seconds=0)
    assert outcome.status == "sent"
    assert len(smtp.messages) == 1
    assert [d.status for d in _ledger(db_path)] == ["sent"]


def test_claims_new_after_a_digest_go_in_the_next_one_only(db_path, smtp):  # type: ignore[no-untyped-def]
    build_warehouse(db_path)
    assert run(db_path).claims == 5
    assert store(db_path, SECOND_BATCH) == 1
    outcome = run(db_path)
    assert outcome.claims == 1
    assert len(smtp.messages) == 2
    text, html, _, _ = parts(smtp.messages[1])
    assert "950" in text
    assert "Tunisia revises returnee count to 950" in html
    assert "down from 1,500 (UN Monitoring Team" in text  # compared with the previous figure
    assert "since the last digest on" in text
    for claim in claims_of(FIRST_BATCH):
        assert claim.sentence not in text
    assert [d.claim_count for d in _ledger(db_path)] == [1, 5]


def test_missing_smtp_setting_names_the_variable(db_path, smtp, monkeypatch):  # type: ignore[no-untyped-def]
    build_warehouse(db_path)
    monkeypatch.delenv("CLAIMWATCH_DIGEST_TO")
    state = run(db_path, return_state=True)
    assert state.is_failed()
    with pytest.raises(Exception, match="CLAIMWATCH_DIGEST_TO"):
        state.result()
    assert _ledger(db_path) == []


def _ledger(db_path: Path):  # type: ignore[no-untyped-def]
    with connect(db_path) as con:
        return list_digests(con)


def test_pending_digest_is_topped_up_not_duplicated(db_path):  # type: ignore[no-untyped-def]
    """Ledger rules without SMTP: a failed digest keeps its claims and takes in new ones."""
    build_warehouse(db_path)
    with connect(db_path) as con:
        first = pending_claims(con)
        digest_id = start_digest(con, [r.claim_id for r in first], RECIPIENTS, "s1")
        record_failure(con, digest_id, "451 try again later")
    store(db_path, SECOND_BATCH)
    with connect(db_path) as con:
        tomorrow = date.today() + timedelta(days=1)
        # --since limits only claims not booked yet: the pending five stay in
        assert len(pending_claims(con, tomorrow)) == 5
        rows = pending_claims(con)
        assert [r.was_pending for r in rows].count(True) == 5
        assert len(rows) == 6
        assert start_digest(con, [r.claim_id for r in rows], RECIPIENTS, "s2") == digest_id
        [digest] = list_digests(con)
        assert (digest.claim_count, digest.attempts, digest.subject) == (6, 1, "s2")


def test_capped_digest_counts_books_and_points_to_the_rest(db_path, smtp, monkeypatch):  # type: ignore[no-untyped-def]
    """A digest lists only its newest claims (LISTED), books the others too and says how
    many it left out and which query lists them."""
    from warehouse import digests
    from warehouse.read import run_query
    from warehouse.reader import open_reader

    build_warehouse(db_path)
    monkeypatch.setattr(digests, "LISTED", 2)
    outcome = run(db_path)
    assert (outcome.status, outcome.claims) == ("sent", 5)
    text = parts(smtp.messages[0])[0]
    assert "This digest lists the 2 newest of 5 new claims; 3 older ones are not listed" in text
    assert "claimwatch query digest_unlisted" in text
    with connect(db_path) as con:
        assert digests.pending_count(con) == (0, None)  # the unlisted ones were booked too
        assert [d.claim_count for d in list_digests(con)] == [5]
    with open_reader(db_path) as con:
        unlisted = run_query(con, "digest_unlisted", {"listed": "2"})
    assert len(unlisted.rows) == 3
    assert run(db_path).status == "empty"

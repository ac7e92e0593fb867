"""Figures: claims that report the same quantity, kept current as claims arrive.

Two claims state the same figure when they share subject, fate, polarity and places and
their counts agree (the `same_figure` macro of migration 0005). A new claim joins the
stored figure it matches (the nearest count wins); a claim that matches none founds a
figure of its own, unless an earlier claim of the same batch (article date, then
arrival) founds one it matches. The claims being placed wait in a per-connection TEMP
table, `figure_batch`, so every statement works on a handful of rows plus the
`figures` table, never on every claim.

`save_figures` runs inside the caller's transaction (`save_article`, `replace_claims`),
so a claim and its figure are stored together or not at all. `rederive_figures`
forgets every figure and places every claim again, oldest first (`claimwatch
reprocess`). First appearances, repeats, age and competitors are derived by the views
`figures_current` and `figure_appearances`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from warehouse.db import Connection, is_lake, statement, transaction, utcnow

log = logging.getLogger(__name__)

REDERIVE_BATCH = 5000
"""Claims placed per batch by `rederive_figures`."""


@dataclass(frozen=True)
class FiguresSaved:
    """What a call placed: claims given a figure, of which `founded` started a new one."""

    claims: int
    founded: int

    @property
    def repeats(self) -> int:
        return self.claims - self.founded


def _sql(con: Connection, name: str) -> str:
    return statement(con, name)


def save_figures(
    con: Connection, run_id: str, claim_ids: Sequence[str], min_seq: int = 0
) -> FiguresSaved:
    """Place the stored claims `claim_ids` under figures; call it in the transaction that
    stored them. Claims without a count (unless denials) are skipped; claims that already
    have a figure keep it. `min_seq`: none of the claims has a lower seq (a writer that
    just appended them knows it), so only the newest claims are searched."""
    if not claim_ids:
        return FiguresSaved(0, 0)
    con.execute(_sql(con, "figure_batch_create"))
    queued = _count(
        con, "figure_batch_of_claims", {"claim_ids": list(claim_ids), "min_seq": min_seq}
    )
    if not queued:
        return FiguresSaved(0, 0)
    saved = _place_batch(con, run_id, 0, queued, utcnow())
    con.execute(_sql(con, "figure_batch_clear"))
    return saved


def forget_claims(con: Connection, claim_ids: Sequence[str]) -> None:
    """Drop the figure links of deleted claims (a figure left without claims shows nowhere)."""
    if claim_ids:
        con.execute(_sql(con, "figure_claims_forget"), {"claim_ids": list(claim_ids)})


def rederive_figures(
    con: Connection,
    run_id: str,
    on_batch: Callable[[int, int], None] | None = None,
    batch_size: int = REDERIVE_BATCH,
) -> FiguresSaved:
    """Forget every figure and place every claim again, oldest first, in one transaction.
    `on_batch(done, total)` is called after each batch of `batch_size` claims (progress)."""
    now = utcnow()
    claims = founded = 0
    with transaction(con):
        con.execute(_sql(con, "figure_claims_clear"))
        con.execute(_sql(con, "figures_clear"))
        con.execute(_sql(con, "figure_batch_create"))
        con.execute(_sql(con, "figure_batch_clear"))
        queued = _count(con, "figure_batch_of_everything", {"batch_size": batch_size})
        batches = -(-queued // batch_size)
        for batch in range(batches):
            size = min(batch_size, queued - batch * batch_size)
            saved = _place_batch(con, run_id, batch, size, now)
            claims += saved.claims
            founded += saved.founded
            if on_batch:
                on_batch(batch + 1, batches)
        con.execute(_sql(con, "figure_batch_clear"))
    log.info("re-derived figures: %d claims in %d figures", claims, founded)
    return FiguresSaved(claims, founded)


def _place_batch(
    con: Connection, run_id: str, batch: int, queued: int, now: datetime
) -> FiguresSaved:
    """Match the batch's `queued` claims with stored figures; found figures for the rest
    (each round founds at least the oldest waiting claim's), then record every claim's
    figure. Statements return the rows they changed, so nothing is counted twice."""
    params: dict[str, object] = {"batch": batch}
    waiting = queued - _count(con, "figure_batch_match", params)
    while waiting:
        con.execute(_sql(con, "figure_batch_mark_founders"), params)
        con.execute(_sql(con, "figure_found"), {**params, "run_id": run_id, "created_at": now})
        placed = _count(con, "figure_batch_founded", params)
        placed += _count(con, "figure_batch_match", params)
        if not placed:  # the oldest waiting claim always founds a figure
            raise RuntimeError(f"figure batch {batch}: {waiting} claims could not be placed")
        waiting -= placed
    saving = {**params, "run_id": run_id, "assigned_at": now}
    if is_lake(con):  # no RETURNING there: read what the insert will add, then add it
        rows = con.execute(_sql(con, "figure_batch_saving"), params).fetchall()
        con.execute(_sql(con, "figure_batch_save"), saving)
    else:
        rows = con.execute(_sql(con, "figure_batch_save"), saving).fetchall()
    return FiguresSaved(len(rows), sum(1 for (founded,) in rows if founded))


def _count(con: Connection, name: str, params: dict[str, object]) -> int:
    """Run an INSERT or UPDATE statement; the number of rows it changed."""
    row = con.execute(_sql(con, name), params).fetchone()
    return int(row[0]) if row else 0

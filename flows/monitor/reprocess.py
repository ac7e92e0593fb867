"""`claimwatch reprocess`: re-extract the claims of stored articles with the current engine.

Articles keep their stored text; only their claims change. Each article's claims are
replaced in one transaction (unchanged claims keep their rows), so an interrupted
reprocess leaves every article either old or new, and the next one finishes the rest.
Then every figure (claims reporting the same quantity) is re-derived from all claims,
oldest first, in one transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flows.monitor.runlock import run_lock
from flows.monitor.tasks import ClaimEngine, writing
from warehouse import write
from warehouse.figures import rederive_figures
from warehouse.migrate import migrate
from warehouse.publish import publish_read_copy

log = logging.getLogger(__name__)

FLOW_NAME = "reprocess"
BATCH = 50
"""Articles re-extracted per write connection (so other writers get the file between)."""


def reprocess_articles(
    db: Path, engine: ClaimEngine, on_article: Callable[[], None] | None = None
) -> dict[str, Any]:
    """Re-extract articles whose extractor_version differs from the engine's; a summary.

    Rows of reprocess runs left `running` by a killed one are closed as failed first
    (when no other reprocess runs: `run_lock`); one that raises closes its own as failed.
    """
    with run_lock(db, FLOW_NAME) as alone:
        with writing(db) as con:
            migrate(con)
            if alone:
                write.close_interrupted_runs(con, FLOW_NAME)
            run_id = write.start_run(con, FLOW_NAME, engine.version)
        summary: dict[str, Any] = {
            "run_id": run_id,
            "articles": 0,
            "claims_added": 0,
            "claims_removed": 0,
        }
        try:
            _reprocess_all(db, engine, run_id, summary, on_article)
        except BaseException as err:
            with writing(db) as con:
                write.finish_run(con, run_id, "failed", {**summary, "error": repr(err)})
            raise
        with writing(db) as con:
            figures = rederive_figures(con, run_id)
            summary["figures"] = figures.founded
            summary["figure_claims"] = figures.claims
            write.finish_run(con, run_id, "completed", summary)
            publish_read_copy(db, con)
    log.info("reprocessed %d articles with extractor %s", summary["articles"], engine.version)
    return summary


def _reprocess_all(
    db: Path,
    engine: ClaimEngine,
    run_id: str,
    summary: dict[str, Any],
    on_article: Callable[[], None] | None,
) -> None:
    while True:
        with writing(db) as con:
            done = 0
            for article in write.iter_articles(con, engine.version):
                claims = engine.extract(article.article_id, article.text, article.published)
                added, removed = write.replace_claims(
                    con, run_id, engine.version, article.article_id, claims
                )
                summary["articles"] += 1
                summary["claims_added"] += added
                summary["claims_removed"] += removed
                done += 1
                if on_article:
                    on_article()
                if done >= BATCH:
                    break
        if done < BATCH:
            break

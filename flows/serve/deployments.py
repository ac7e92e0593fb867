"""What `claimwatch serve` serves: `monitor_feeds` and `send_digest` on their crons.

The crons are the same as prefect.yaml's. `serve_schedules` serves both deployments
against a Prefect API server (see `server.py`) until SIGINT/SIGTERM.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MONITOR_CRON = "*/30 * * * *"
DIGEST_CRON = "0 7 * * *"


@dataclass(frozen=True)
class Schedule:
    monitor_cron: str = MONITOR_CRON
    digest_cron: str = DIGEST_CRON
    timezone: str = "UTC"


def serve_schedules(schedule: Schedule, db: Path, api_url: str) -> None:
    """Serve both deployments against `api_url` until SIGINT/SIGTERM."""
    from prefect import serve
    from prefect.schedules import Cron
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.digest.flow import send_digest
    from flows.monitor.flow import monitor_feeds

    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        monitor = monitor_feeds.to_deployment(
            name="monitor-feeds",
            schedules=[Cron(schedule.monitor_cron, timezone=schedule.timezone)],
            parameters={"db": str(db)},
        )
        digest = send_digest.to_deployment(
            name="send-digest",
            schedules=[Cron(schedule.digest_cron, timezone=schedule.timezone)],
            parameters={"db": str(db)},
        )
        # to_deployment is typed sync-or-async; called from sync code it is sync.
        serve(monitor, digest, limit=2, print_starting_message=False)  # type: ignore[arg-type]

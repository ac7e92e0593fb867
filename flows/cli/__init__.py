"""The `claimwatch` command: the only place that prints and maps errors to exit codes.

Each command lives in its own module beside this one and registers itself on `cli`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click

from flows.settings import Settings, SettingsError, quiet_prefect

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

quiet_prefect()
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "extractors,warehouse,flows")


@click.group(context_settings=CONTEXT_SETTINGS)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="DuckDB warehouse file  [env var: CLAIMWATCH_DB; default: data/claimwatch.duckdb]",
)
@click.option("-v", "--verbose", count=True, help="More log output (repeat for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Warnings and errors only.")
@click.version_option(package_name="claimwatch")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, verbose: int, quiet: bool) -> None:
    """Watch news feeds for claims about where ISIS members went, how many, and who says so.

    \b
    First time:   claimwatch run            (polls the feeds; offline sample if no network)
    Then:         claimwatch query          (lists the trend queries)
                  claimwatch query returnees_by_origin --table
    """
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    logging.basicConfig(level=level, format="%(levelname)-7s %(name)s: %(message)s")
    if verbose < 2:
        for noisy in ("httpx", "httpcore", "trafilatura", "htmldate", "courlan", "prefect"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        settings = Settings.from_env(db=db)
    except SettingsError as err:
        raise click.ClickException(f"{err}. Fix the environment variable and retry.") from None
    settings.log_once()
    ctx.obj = settings


def main() -> None:
    cli()


# Command modules register themselves on `cli` when imported.
from flows.cli import (  # noqa: E402, F401
    digest_cmd,
    extract_cmd,
    figures_cmd,
    query_cmd,
    run_cmd,
)

"""`claimwatch figures`: where the figures the press repeats come from."""

from __future__ import annotations

from pathlib import Path

import click

from flows.cli import cli
from flows.cli.query_cmd import reading
from flows.figures.text import render_figures_text, year_span
from flows.settings import Settings
from warehouse.db import utcnow
from warehouse.lineage import list_figures


@cli.command("figures")
@click.option("--fate", default=None, metavar="FATE", help="Only this fate (e.g. detained).")
@click.option(
    "--country",
    default=None,
    metavar="CC",
    help="Only figures about this place code (ISO alpha-2 or a region, e.g. SY, EUROPE).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="At most this many figures, most stated first.",
)
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Also write a page with one timeline chart per figure to FILE.",
)
@click.pass_obj
def figures(
    settings: Settings, fate: str | None, country: str | None, limit: int, html_file: Path | None
) -> None:
    """Show the figures the press repeats: who gave each first, when, how often it was
    repeated since (with and without a source), and which figures compete with it.

    A figure is the claims reporting the same quantity: same subject, fate and places,
    and counts that agree. The sparkline counts its appearances per year.

    \b
    Example:  claimwatch figures --fate travelled --html figures.html
    """
    with reading(settings) as con:
        found = list_figures(con, fate, country, limit)
    parts = [f"fate {fate}" if fate else "", f"place {country.upper()}" if country else ""]
    scope = ", ".join(p for p in parts if p) or "all fates and places"
    if not found:
        click.echo(f"no figures ({scope}); `claimwatch run` stores claims first", err=True)
        return
    click.echo(render_figures_text(found), nl=False)
    if html_file is not None:
        from flows.figures.chart import timeline_png  # matplotlib loads only for a page
        from flows.figures.page import render_figures_html

        years = year_span(found)
        charts = [timeline_png(fig, years) for fig in found]
        html_file.write_text(render_figures_html(found, charts, utcnow(), scope), "utf-8")
        click.echo(f"wrote {html_file}: {len(found)} figures", err=True)

"""`claimwatch digest`: mail the claims new since the last digest, or preview them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from flows.cli import cli
from flows.settings import Settings
from warehouse.target import Target, exists, local_folder

# Prefect (the send flow) and matplotlib (the chart) load only when a digest is made.


@cli.command("digest")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="DATE",
    help="Leave out claims stored before DATE (YYYY-MM-DD); a failed digest's claims stay in.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Render without sending and without touching the ledger (needs no SMTP settings).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Also write the digest as an HTML page (chart embedded) to FILE.",
)
@click.pass_obj
def digest(settings: Settings, since: datetime | None, dry_run: bool, out: Path | None) -> None:
    """Email the claims new since the last digest (--dry-run shows it without sending).

    Claims go out once: a digest that fails to send is sent again by the next run.
    SMTP comes from CLAIMWATCH_SMTP_HOST, _PORT, _USER, _PASSWORD, _STARTTLS,
    CLAIMWATCH_DIGEST_FROM and CLAIMWATCH_DIGEST_TO (comma-separated).

    \b
    claimwatch digest --dry-run --out digest.html
    """
    from flows.digest.mail import MissingSettingError, SmtpSettings
    from flows.serve.server import ServerError
    from warehouse.db import WarehouseBusy

    day = since.date() if since else None
    if not exists(settings.db):
        raise click.ClickException(f"no warehouse at {settings.db}: run `claimwatch run` first")
    if not dry_run:
        try:
            SmtpSettings.from_settings(settings)
        except MissingSettingError as err:
            raise click.ClickException(str(err)) from None
    try:
        if dry_run or out:
            preview(settings.db, day, out, dry_run)
        if not dry_run:
            from flows.serve.temporary import prefect_api

            log_file = local_folder(settings.db) / "prefect-temporary-server.log"
            with prefect_api(settings.prefect_start_timeout, log_file):
                send(settings.db, day)
    except (WarehouseBusy, ServerError) as err:
        raise click.ClickException(str(err)) from None


def preview(db: Target, since: date | None, out: Path | None, dry_run: bool) -> None:
    from flows.digest.flow import collect
    from flows.digest.render import data_uri, render_html, render_text

    prepared = collect(db, since, book=False)
    content = prepared.content
    if not content.rows:
        click.echo(f"nothing new {_period(content.since, since)}, no digest sent", err=True)
        return
    if out is not None:
        image = data_uri(prepared.chart_png) if prepared.chart_png else None
        out.write_text(render_html(content, image), encoding="utf-8")
        note = " (dry run: nothing sent)" if dry_run else ""
        click.echo(f"wrote {out}: {len(content.rows)} claims{note}", err=True)
    if dry_run and out is None:
        click.echo(render_text(content))


def send(db: Target, since: date | None) -> None:
    from flows.digest.flow import send_digest
    from flows.digest.mail import MailError

    try:
        outcome = send_digest(db=str(db), since=since)
    except MailError as err:
        raise click.ClickException(
            f"{err}. The digest stays pending: the next `claimwatch digest` re-sends it."
        ) from None
    if outcome.status == "empty":
        click.echo(f"nothing new {_period(outcome.since, since)}, no digest sent", err=True)
        return
    click.echo(
        f"sent digest {outcome.digest_id}: {outcome.claims} claims, "
        f"{outcome.message_bytes:,} bytes",
        err=True,
    )


def _period(last_sent: datetime | None, since: date | None) -> str:
    if since is not None:
        return f"since {since.isoformat()}"
    if last_sent is None:
        return "in the warehouse"
    return f"since the last digest on {last_sent:%Y-%m-%d %H:%M} UTC"

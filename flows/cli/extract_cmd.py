"""`claimwatch extract`: claims from text or HTML files (or stdin) as JSON Lines."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click

from flows.cli import cli

# The claim engine and trafilatura load inside the command, not for every `claimwatch`.

HTML_SUFFIXES = (".html", ".htm")


def read_document(path: str) -> tuple[str, str]:
    """(doc id, text) for a path or "-" (stdin); HTML goes through the text extractor."""
    if path == "-":
        return "stdin", sys.stdin.read()
    file = Path(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise click.ClickException(
            f"{path}: no such file. Check the path, or pass - to read text from stdin."
        ) from None
    except OSError as err:
        raise click.ClickException(
            f"{path}: cannot read it ({err.strerror}). Check its permissions and retry."
        ) from None
    if file.suffix.lower() in HTML_SUFFIXES:
        from extractors.text import extract_text

        return file.stem, extract_text(raw, file.resolve().as_uri()) or ""
    return file.stem, raw.decode("utf-8", errors="replace")


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="DATE",
    help="The articles' publication date (YYYY-MM-DD), to resolve 'this week', 'last year'.",
)
def extract(paths: tuple[str, ...], published: datetime | None) -> None:
    """Extract claims from text/HTML files or stdin as JSON Lines.

    Each .txt file is read as article text; .html/.htm files go through the page-text
    extractor first; - reads text from stdin. One JSON object per claim goes to stdout
    (the claim schema's fields, `doc` = the file name without its extension), exactly
    what score_claims.py --pred reads. Progress goes to stderr.

    \b
    claimwatch extract article.txt page.html --published 2017-10-12 > claims.jsonl
    cat article.txt | claimwatch extract -
    """
    from extractors.claims import EXTRACTOR_VERSION, extract_claims

    day: date | None = published.date() if published else None
    total = 0
    for path in paths:
        doc, text = read_document(path)
        if not text.strip():
            click.echo(f"{path}: no article text found, skipped", err=True)
            continue
        claims = extract_claims(doc, text, day)
        for claim in claims:
            click.echo(json.dumps(claim.to_json(), ensure_ascii=False))
        total += len(claims)
        click.echo(f"{path}: {len(claims)} claims", err=True)
    click.echo(f"{total} claims from {len(paths)} documents ({EXTRACTOR_VERSION})", err=True)

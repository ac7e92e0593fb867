"""`claimwatch extract`: claims from text or HTML files (or stdin) as JSON Lines."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from flows.cli import cli

# The claim engine and trafilatura load inside the command, not for every `claimwatch`.
if TYPE_CHECKING:
    from extractors.claims.explain import SentenceReport
    from extractors.types import Claim

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
@click.option(
    "--explain",
    is_flag=True,
    help="Instead of JSON, print each sentence with the cues that fired (fate, group, "
    "count, place, source) and the claims made, or why none was.",
)
def extract(paths: tuple[str, ...], published: datetime | None, explain: bool) -> None:
    """Extract claims from text/HTML files or stdin as JSON Lines.

    Each .txt file is read as article text; .html/.htm files go through the page-text
    extractor first; - reads text from stdin. One JSON object per claim goes to stdout
    (the claim schema's fields, `doc` = the file name without its extension), exactly
    what score_claims.py --pred reads. Progress goes to stderr. With --explain, stdout
    is a readable account of every sentence instead: what the engine saw and why it did
    or did not make a claim.

    \b
    claimwatch extract article.txt page.html --published 2017-10-12 > claims.jsonl
    cat article.txt | claimwatch extract -
    claimwatch extract --explain article.txt | less
    """
    from extractors.claims import EXTRACTOR_VERSION, extract_claims
    from extractors.claims.explain import explain_claims

    day: date | None = published.date() if published else None
    total = 0
    for path in paths:
        doc, text = read_document(path)
        if not text.strip():
            click.echo(f"{path}: no article text found, skipped", err=True)
            continue
        if explain:
            reports = explain_claims(doc, text, day)
            for report in reports:
                click.echo(render_report(report))
            total += sum(len(r.claims) for r in reports)
            continue
        claims = extract_claims(doc, text, day)
        for claim in claims:
            click.echo(json.dumps(claim.to_json(), ensure_ascii=False))
        total += len(claims)
        click.echo(f"{path}: {len(claims)} claims", err=True)
    click.echo(f"{total} claims from {len(paths)} documents ({EXTRACTOR_VERSION})", err=True)


def render_report(report: SentenceReport) -> str:
    """One sentence's account: the sentence, each kind of cue found, then the claims."""
    lines = [report.sentence]
    for label, items in (
        ("fate", report.fates),
        ("group", report.groups),
        ("count", report.counts),
        ("place", report.places),
        ("source", report.sources),
    ):
        if items:
            lines.append(f"    {label:<7} " + "; ".join(items))
    for claim in report.claims:
        lines.append("    => " + describe_claim(claim))
    if report.why_none:
        lines.append(f"    no claim: {report.why_none}")
    return "\n".join(lines) + "\n"


def describe_claim(claim: Claim) -> str:
    """A claim in one line: fate, who, how many, where, when, who says so."""
    if claim.count_low is None and claim.count_high is None:
        count = ""
    elif claim.count_low == claim.count_high:
        count = f" {claim.count_low}"
    else:
        count = f" {claim.count_low or '?'}–{claim.count_high or '?'}"
    share = f" ({claim.share:g}%)" if claim.share is not None else ""
    origin = f" from {','.join(claim.origin)}" if claim.origin else ""
    where = f" in {','.join(claim.location_country)}" if claim.location_country else ""
    year = f" {claim.year}" if claim.year else ""
    said = ", ".join(claim.source)
    flags = "".join(
        f" [{flag}]"
        for flag in (
            "hedged" if claim.certainty == "hedged" else "",
            "denies" if claim.polarity == "denies" else "",
        )
        if flag
    )
    return (
        f"{claim.fate}: {claim.subject}{count}{share}{origin}{where}{year}"
        f" — {said} ({claim.source_type}){flags}"
    )

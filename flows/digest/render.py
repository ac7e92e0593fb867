"""Pure rendering of a digest: rows in, text / HTML / `EmailMessage` out.

Everything that comes from an article (titles, quoted sentences, sources, places, URLs)
goes through `html.escape`; links are made only for http(s) URLs. The message is
multipart/alternative: text/plain, then multipart/related (text/html + the chart PNG,
referenced by Content-ID).
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import UTC
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime, make_msgid
from html import escape

from flows.digest.wording import (
    FATE_HEADINGS,
    DigestContent,
    change_text,
    claim_line,
    contested_groups,
    day,
    figure_text,
    groups,
    headlines,
    lineage_text,
    quoted,
    safe_url,
    source_text,
    subject_line,
    summary_text,
    tags,
)
from warehouse.digests import DigestRow, Figure

# --- plain text ---------------------------------------------------------------------


def render_text(content: DigestContent) -> str:
    lines = [subject_line(content), "", summary_text(content), ""]
    tops = headlines(content.rows)
    if tops:
        lines += ["HEADLINE FIGURES", ""]
        for row in tops:
            lines.append(f"* {claim_line(row)}")
            lines.append(f"  says {source_text(row.source, row.source_type)}")
            change = change_text(row)
            if change:
                lines.append(f"  {change}")
            lineage = lineage_text(row)
            if lineage:
                lines.append(f"  {lineage}")
        lines.append("")
    disputes = contested_groups(content.rows)
    if disputes:
        lines += ["FIGURES THAT DISAGREE", ""]
        for dispute in disputes:
            lines.append(f"* {dispute.title}")
            lines += [f"  {_figure_with_source(row)} (new)" for row in dispute.new]
            lines += [f"  {_rival_text(fig)}" for fig in dispute.earlier]
        lines.append("")
    lines += ["ALL NEW CLAIMS, BY FATE AND PLACE", ""]
    for fate, places in groups(content.rows):
        lines += [FATE_HEADINGS.get(fate, fate).upper(), ""]
        for place, rows in places:
            lines.append(f"  {place}")
            for row in rows:
                marks = f" [{', '.join(tags(row))}]" if tags(row) else ""
                lines.append(f"  - {claim_line(row)}{marks}")
                lines.append(f"    Source: {source_text(row.source, row.source_type)}")
                change = change_text(row)
                if change:
                    lines.append(f"    {change[0].upper()}{change[1:]}")
                lineage = lineage_text(row)
                if lineage:
                    lines.append(f"    {lineage[0].upper()}{lineage[1:]}")
                lines.append(f"    {quoted(row.sentence)}")
                lines.append(f"    {_article_text(row)}")
                lines.append(f"    {row.url}")
                lines.append("")
    lines.append(_footer_text(content))
    return "\n".join(lines) + "\n"


def _figure_with_source(row: DigestRow) -> str:
    figure = figure_text(row.count_low, row.count_high, row.share) if row.has_figure else ""
    claim = figure if row.polarity == "affirms" else f"denies ({figure})" if figure else "denies"
    return f"{claim}: {source_text(row.source, row.source_type)}"


def _rival_text(fig: Figure) -> str:
    figure = figure_text(fig.count_low, fig.count_high, fig.share)
    claim = figure if fig.polarity == "affirms" else "denies"
    return f"{claim}: {source_text(fig.source, fig.source_type)}" + (
        f", {day(fig.published)}" if fig.published else ""
    )


def _article_text(row: DigestRow) -> str:
    bits = [row.title or "(untitled)"]
    if row.site:
        bits.append(row.site)
    if row.published:
        bits.append(day(row.published))
    return " — ".join(bits)


def _footer_text(content: DigestContent) -> str:
    ident = f" Digest {content.digest_id}." if content.digest_id else ""
    return (
        f"-- \nclaimwatch, {day(content.now)} {content.now:%H:%M} UTC.{ident} Figures are as the "
        "sources state them, not verified."
    )


# --- HTML ---------------------------------------------------------------------------

CSS = """
body{margin:0;padding:0;background:#f4f4f2;font-family:Georgia,'Times New Roman',serif;color:#222}
.wrap{max-width:720px;margin:0 auto;background:#fff;padding:24px 28px}
h1{font-size:22px;margin:0 0 4px}
h2{font-family:Helvetica,Arial,sans-serif;font-size:15px;text-transform:uppercase;
 letter-spacing:.06em;color:#555;border-bottom:2px solid #222;padding-bottom:4px;margin:28px 0 10px}
h3{font-size:18px;margin:22px 0 4px}
h4{font-family:Helvetica,Arial,sans-serif;font-size:13px;color:#555;margin:14px 0 6px}
.lede{color:#444;margin:0 0 8px;font-size:15px}
.fig{font-family:Helvetica,Arial,sans-serif;font-weight:bold;font-size:18px;white-space:nowrap}
table.heads{border-collapse:collapse;width:100%;font-size:14px}
table.heads td{padding:6px 8px;border-bottom:1px solid #e5e5e5;vertical-align:top}
table.heads td.fig{text-align:right;width:1%}
.src{font-family:Helvetica,Arial,sans-serif;font-size:13px;color:#333}
.was{font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#666}
.up{color:#b2182b}.down{color:#2166ac}
.box{background:#fff4e5;border-left:4px solid #e08a00;padding:10px 14px;margin:6px 0 12px}
.box ul{margin:4px 0 0 18px;padding:0;font-size:14px}
.claim{border-left:3px solid #ddd;padding:2px 0 2px 12px;margin:10px 0 16px}
.claim blockquote{margin:6px 0;font-style:italic;color:#333;font-size:14px}
.art{font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#666}
.art a{color:#0b57a4}
.tag{font-family:Helvetica,Arial,sans-serif;font-size:11px;background:#eee;border-radius:3px;
 padding:1px 5px;margin-left:4px;color:#444}
.tag.contested{background:#ffe0b2;color:#8a4b00}
.tag.denial{background:#fde0dc;color:#9b1c1c}
.foot{font-family:Helvetica,Arial,sans-serif;font-size:11px;color:#888;margin-top:28px;
 border-top:1px solid #ddd;padding-top:8px}
img.chart{max-width:100%;height:auto;display:block;margin:4px 0}
"""


def render_html(content: DigestContent, image_src: str | None) -> str:
    """The digest as an HTML page; `image_src` is `cid:...` (email) or a data: URI (file)."""
    e = escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(subject_line(content))}</title>",
        f"<style>{CSS}</style></head><body><div class='wrap'>",
        f"<h1>claimwatch digest, {e(day(content.now))}</h1>",
        f"<p class='lede'>{e(summary_text(content))}</p>",
    ]
    tops = headlines(content.rows)
    if tops:
        parts.append("<h2>Headline figures</h2><table class='heads'>")
        for row in tops:
            parts.append(
                "<tr>"
                f"<td class='fig'>{e(figure_text(row.count_low, row.count_high, row.share))}</td>"
                f"<td>{e(_headline_rest(row))}{_tags_html(row)}"
                f"<br><span class='src'>{e(source_text(row.source, row.source_type))}</span>"
                f"{_change_html(row)}{_lineage_html(row)}</td></tr>"
            )
        parts.append("</table>")
    disputes = contested_groups(content.rows)
    if disputes:
        parts.append("<h2>Figures that disagree</h2>")
        for dispute in disputes:
            items = [f"<li><b>{e(_figure_with_source(r))}</b> (new)</li>" for r in dispute.new]
            items += [f"<li>{e(_rival_text(fig))}</li>" for fig in dispute.earlier]
            parts.append(
                f"<div class='box'><b>{e(dispute.title)}</b><ul>{''.join(items)}</ul></div>"
            )
    if image_src:
        parts.append("<h2>Trend</h2>")
        parts.append(
            f"<img class='chart' src='{e(image_src)}' width='640' "
            "alt='Stacked bar chart: claims per week by fate over the last 12 weeks'>"
        )
    parts.append("<h2>All new claims, by fate and place</h2>")
    for fate, places in groups(content.rows):
        count = sum(len(rows) for _, rows in places)
        parts.append(f"<h3>{e(FATE_HEADINGS.get(fate, fate))} <small>({count})</small></h3>")
        for place, rows in places:
            parts.append(f"<h4>{e(place)}</h4>")
            parts += [_claim_html(row) for row in rows]
    ident = f" Digest {e(content.digest_id)}." if content.digest_id else ""
    parts.append(
        f"<p class='foot'>claimwatch, {e(day(content.now))} {content.now:%H:%M} UTC.{ident} "
        "Figures are as the sources state them, not verified.</p>"
    )
    parts.append("</div></body></html>")
    return "\n".join(parts) + "\n"


def _headline_rest(row: DigestRow) -> str:
    """The claim line without its leading figure (shown in its own column)."""
    figure = figure_text(row.count_low, row.count_high, row.share)
    line = claim_line(row)
    return line[len(figure) + 1 :] if line.startswith(figure + " ") else line


def _tags_html(row: DigestRow) -> str:
    return "".join(f" <span class='tag {t}'>{escape(t)}</span>" for t in tags(row))


def _change_html(row: DigestRow) -> str:
    change = change_text(row)
    if not change:
        return ""
    css = (
        "up"
        if change.startswith(("up", "higher"))
        else "down"
        if change.startswith(("down", "lower"))
        else ""
    )
    arrow = "▲ " if css == "up" else "▼ " if css == "down" else ""
    return f"<br><span class='was {css}'>{arrow}{escape(change)}</span>"


def _lineage_html(row: DigestRow) -> str:
    lineage = lineage_text(row)
    return f"<br><span class='was'>{escape(lineage)}</span>" if lineage else ""


def _claim_html(row: DigestRow) -> str:
    e = escape
    figure = figure_text(row.count_low, row.count_high, row.share) if row.has_figure else None
    head = (
        f"<span class='fig'>{e(figure)}</span> {e(_headline_rest(row))}"
        if figure
        else f"<b>{e(claim_line(row))}</b>"
    )
    url = safe_url(row.url)
    title = e(row.title or "(untitled)")
    link = f"<a href='{e(url, quote=True)}'>{title}</a>" if url else f"{title} ({e(row.url)})"
    meta = " · ".join(e(x) for x in (row.site, day(row.published) if row.published else None) if x)
    return (
        "<div class='claim'>"
        f"{head}{_tags_html(row)}"
        f"<br><span class='src'>says {e(source_text(row.source, row.source_type))}</span>"
        f"{_change_html(row)}{_lineage_html(row)}"
        f"<blockquote>{e(quoted(row.sentence))}</blockquote>"
        f"<div class='art'>{link}{' · ' + meta if meta else ''}</div>"
        "</div>"
    )


# --- the message --------------------------------------------------------------------


def render_message(
    content: DigestContent,
    chart_png: bytes | None,
    sender: str,
    recipients: Sequence[str],
) -> EmailMessage:
    """multipart/alternative: text/plain, then multipart/related(text/html, image/png)."""
    message = EmailMessage()
    message["Subject"] = subject_line(content)
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(content.now.replace(tzinfo=UTC))
    message["Message-ID"] = make_msgid(domain="claimwatch.local")
    if content.digest_id:
        message["X-Claimwatch-Digest"] = content.digest_id
    message.set_content(render_text(content))
    cid = make_msgid(domain="claimwatch.local") if chart_png else None
    message.add_alternative(
        render_html(content, f"cid:{cid[1:-1]}" if cid else None), subtype="html"
    )
    if chart_png and cid:
        html_part = message.get_payload()[1]  # type: ignore[index]
        assert isinstance(html_part, MIMEPart)
        html_part.add_related(chart_png, "image", "png", cid=cid, filename="claims-by-week.png")
    return message


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

"""The `claimwatch figures --html` page: one section per figure with its first source,
repeats, competitors and a timeline chart. Everything from an article is escaped; links
are made only for http(s) URLs."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import datetime
from html import escape

from flows.digest.wording import day, quoted, safe_url
from flows.figures.text import competing_text, first_given, repeats_text, title
from warehouse.lineage import FigureSummary

CSS = """
body{margin:0;background:#f4f4f2;font-family:Georgia,'Times New Roman',serif;color:#222}
.wrap{max-width:760px;margin:0 auto;background:#fff;padding:24px 28px}
h1{font-size:22px;margin:0 0 4px}
.lede{color:#444;font-size:15px;margin:0 0 12px}
.fig{border-top:2px solid #222;padding:10px 0 4px;margin-top:18px}
h2{font-size:18px;margin:0 0 4px}
.meta{font-family:Helvetica,Arial,sans-serif;font-size:13px;color:#333;margin:2px 0}
.meta a{color:#0b57a4}
.rival{color:#8a4b00}
blockquote{margin:6px 0;font-style:italic;color:#444;font-size:14px}
img{max-width:100%;height:auto;display:block;margin:6px 0}
.foot{font-family:Helvetica,Arial,sans-serif;font-size:11px;color:#888;margin-top:24px;
 border-top:1px solid #ddd;padding-top:8px}
"""


def render_figures_html(
    figures: Sequence[FigureSummary], charts: Sequence[bytes], now: datetime, scope: str
) -> str:
    """The page; `charts[i]` is figure i's timeline PNG; `scope` says what was selected."""
    e = escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>claimwatch figures: {e(scope)}</title>",
        f"<style>{CSS}</style></head><body><div class='wrap'>",
        "<h1>Where the figures come from</h1>",
        f"<p class='lede'>{len(figures)} figure{'s' * (len(figures) != 1)} ({e(scope)}), "
        "most repeated first. Bars count the articles stating each figure per year; "
        "syndicated copies are not counted.</p>",
    ]
    for fig, png in zip(figures, charts, strict=True):
        parts.append(_section(fig, png))
    parts.append(
        f"<p class='foot'>claimwatch, {e(day(now))} {now:%H:%M} UTC. Figures are as the "
        "sources state them, not verified.</p></div></body></html>"
    )
    return "\n".join(parts) + "\n"


def _section(fig: FigureSummary, png: bytes) -> str:
    e = escape
    url = safe_url(fig.first_url)
    label = e(fig.first_title or fig.first_url)
    link = f"<a href='{e(url, quote=True)}'>{label}</a>" if url else label
    competing = competing_text(fig)
    rivals = f"<p class='meta rival'>{e(_capital(competing))}</p>" if competing else ""
    src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    alt = f"Articles per year stating {title(fig)}"
    return (
        "<div class='fig'>"
        f"<h2>{e(title(fig))}</h2>"
        f"<p class='meta'>{e(_capital(first_given(fig)))}: {link}</p>"
        f"<blockquote>{e(quoted(fig.first_sentence))}</blockquote>"
        f"<p class='meta'>{_appearances(fig.appearances)}: {e(repeats_text(fig))}</p>"
        f"{rivals}"
        f"<img src='{src}' width='640' alt='{e(alt, quote=True)}'>"
        "</div>"
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _appearances(n: int) -> str:
    return f"{n} appearance{'s' * (n != 1)}"

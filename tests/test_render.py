"""Pure rendering: escaping, figures, previous-figure comparison, contested callout, MIME."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from digest_samples import make_figure, make_row, parts

from flows.digest.chart import weekly_fates_png
from flows.digest.render import render_html, render_message, render_text
from flows.digest.wording import DigestContent, change_text, figure_text
from warehouse.digests import WeekCount

NOW = datetime(2026, 11, 24, 7, 0)


def content(*rows, since=None):  # type: ignore[no-untyped-def]
    return DigestContent(rows=tuple(rows), now=NOW, since=since, digest_id="dg-test")


@pytest.mark.parametrize(
    ("low", "high", "share", "expected"),
    [
        (800, 800, None, "800"),
        (1500, 1500, None, "1,500"),
        (200, 999, None, "200–999"),
        (5000, None, None, "at least 5,000"),
        (None, 60, None, "up to 60"),
        (0, 0, None, "none"),
        (None, None, 10.0, "10%"),
        (500, 500, 10.0, "500 (10%)"),
        (None, None, None, "no figure"),
    ],
)
def test_figures_read_as_a_person_says_them(low, high, share, expected):  # type: ignore[no-untyped-def]
    assert figure_text(low, high, share) == expected


def test_article_text_is_escaped_everywhere_in_html():
    row = make_row(
        title="<script>alert('title')</script> & more",
        sentence='He said "<script>alert(1)</script>" <img src=x onerror=alert(2)>.',
        source=("<b>Ministry</b>",),
        site="evil<site>.example",
        location=("<Raqqa>",),
        counterpart="<SDF>",
        url="https://news.example/a?x=1&y=\"'><script>",
        rivals=(make_figure(count_low=5000, count_high=5000, source=("<i>Monitor</i>",)),),
    )
    page = render_html(content(row), image_src=None)
    assert "<script>" not in page
    assert "<img src=x" not in page
    assert "<b>Ministry</b>" not in page
    assert "&lt;b&gt;Ministry&lt;/b&gt;" in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; more" in page
    assert "evil&lt;site&gt;.example" in page
    assert "&lt;i&gt;Monitor&lt;/i&gt;" in page
    assert "href='https://news.example/a?x=1&amp;y=&quot;&#x27;&gt;&lt;script&gt;'" in page


def test_non_http_links_are_not_made_clickable():
    page = render_html(content(make_row(url="javascript:alert(1)")), image_src=None)
    assert "href='javascript" not in page
    assert "javascript:alert(1)" in page  # shown as text, so a reader sees what it was


def test_new_figure_is_compared_with_the_previous_one():
    up = make_row(
        count_low=800, count_high=800, previous=make_figure(count_low=600, count_high=600)
    )
    down = make_row(count_low=500, count_high=500, previous=make_figure())
    same = make_row(count_low=600, count_high=600, previous=make_figure())
    assert change_text(up) == "up from 600 (Tunisian Interior Ministry, 1 Oct 2026)"
    assert change_text(down) is not None
    assert change_text(down).startswith("down from 600")
    assert change_text(same) is not None
    assert change_text(same).startswith("same as 600")
    assert change_text(make_row(previous=None)) is None
    open_ended = make_row(previous=make_figure(count_low=None, count_high=100))
    assert str(change_text(open_ended)).startswith("higher than the earlier up to 100")
    page = render_html(content(up), image_src=None)
    assert "▲ up from 600" in page
    assert "up from 600 (Tunisian Interior Ministry, 1 Oct 2026)" in render_text(content(up))


def test_contested_figures_are_called_out():
    rival = make_figure(
        count_low=1500, count_high=1500, source=("UN Monitoring Team",), source_type="monitor"
    )
    row = make_row(rivals=(rival,))
    page = render_html(content(row), image_src=None)
    text = render_text(content(row))
    assert "Figures that disagree" in page
    assert "FIGURES THAT DISAGREE" in text
    for part in (page, text):
        assert "800: Tunisian Interior Ministry (government)" in part
        assert "1,500: UN Monitoring Team (monitor), 1 Oct 2026" in part
    assert "contested" in page
    calm = make_row()
    assert "Figures that disagree" not in render_html(content(calm), image_src=None)
    assert "DISAGREE" not in render_text(content(calm))


def test_plain_text_part_is_readable():
    rows = [
        make_row(),
        make_row(
            claim_id="c2",
            seq=2,
            fate="detained",
            subject="families",
            origin=(),
            count_low=None,
            count_high=None,
            location=("al-Hol camp",),
            location_country=("SY",),
            counterpart="SDF",
            certainty="hedged",
            source=("author",),
            source_type="author",
            sentence="Families of fighters are believed to be held in al-Hol camp.",
        ),
    ]
    text = render_text(content(*rows, since=datetime(2026, 11, 23, 7, 0)))
    assert "<" not in text  # no markup in the text part
    assert "2 new claims from 1 article since the last digest on 23 Nov 2026" in text
    assert "HEADLINE FIGURES" in text
    assert "* 800 foreign fighters from Tunisia returned home" in text
    assert "says Tunisian Interior Ministry (government)" in text
    assert "“Officials said 800 fighters have returned to Tunisia.”" in text
    assert "https://maghreb-observer.example/news/1" in text
    assert "RETURNED HOME" in text
    assert "DETAINED" in text
    assert "Family members detained in al-Hol camp, held by SDF [hedged]" in text
    assert "the article itself (no source named)" in text


def test_message_is_alternative_with_related_png():
    png = weekly_fates_png([], date(2026, 11, 24))
    message = render_message(content(make_row()), png, "cw@example.org", ["a@example.org"])
    _plain, html, _png, image = parts(message)
    cid = image["Content-ID"].strip("<>")
    assert f"src='cid:{cid}'" in html
    assert image.get_content() == png
    assert message["X-Claimwatch-Digest"] == "dg-test"
    assert message["Subject"] == "claimwatch digest 24 Nov 2026: 1 new claim"


def test_chart_is_a_png_with_or_without_history():
    end = date(2026, 11, 24)
    weeks = [
        WeekCount(end - timedelta(days=end.weekday() + 7 * i), fate, n)
        for i, (fate, n) in enumerate([("returned", 3), ("detained", 5), ("killed", 2)])
    ]
    for history in (weeks, []):
        png = weekly_fates_png(history, end)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert 5_000 < len(png) < 200_000

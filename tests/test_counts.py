"""The schema's count table, one row per line, plus composed modifiers and shares."""

from __future__ import annotations

import pytest

from extractors.claims.counts import find_counts, parse_count, parse_number, parse_share

TABLE = [
    # a bare number
    ("550", (550, 550)),
    ("eleven", (11, 11)),
    ("fifty-six hundred", (5600, 5600)),
    ("12,400", (12400, 12400)),
    ("1.5 million", (1_500_000, 1_500_000)),
    ("two thousand five hundred", (2500, 2500)),
    # about, around, approximately, roughly, some, nearly, almost, close to, an estimated N
    ("about 300", (300, 300)),
    ("around 4,000", (4000, 4000)),
    ("approximately 70", (70, 70)),
    ("roughly 900", (900, 900)),
    ("some 1,200", (1200, 1200)),
    ("nearly 80", (80, 80)),
    ("almost 600", (600, 600)),
    ("close to 3,500", (3500, 3500)),
    ("an estimated 7,000", (7000, 7000)),
    # N to M, between N and M, N–M
    ("8,000 to 9,000", (8000, 9000)),
    ("between 40 and 60", (40, 60)),
    ("300–400", (300, 400)),
    ("300-400", (300, 400)),
    # more than, over, at least, N or more, N-plus, "N, maybe more"
    ("more than 250", (250, None)),
    ("over 700", (700, None)),
    ("at least 45", (45, None)),
    ("90 or more", (90, None)),
    ("2,000-plus", (2000, None)),
    ("400, maybe more", (400, None)),
    # fewer than, less than, up to, as many as, no more than, at most
    ("fewer than 30", (None, 30)),
    ("less than 1,000", (None, 1000)),
    ("up to 12,000", (None, 12000)),
    ("as many as 25,000", (None, 25000)),
    ("no more than 15", (None, 15)),
    ("at most 200", (None, 200)),
    # no, none, practically no
    ("no", (0, 0)),
    ("none", (0, 0)),
    ("practically no", (0, 0)),
    # vague quantities
    ("a handful", (2, 5)),
    ("a few", (2, 9)),
    ("several", (3, 9)),
    ("a dozen", (12, 12)),
    ("dozens", (24, 99)),
    ("tens", (20, 99)),
    ("a few dozen", (24, 60)),
    ("hundreds", (200, 999)),
    ("a few hundred", (200, 500)),
    ("several hundred", (300, 900)),
    ("thousands", (2000, 9999)),
    ("a few thousand", (2000, 5000)),
    ("several thousand", (3000, 9000)),
    ("tens of thousands", (20000, 99999)),
    ("many", (None, None)),
    ("most", (None, None)),
    ("some", (None, None)),
    ("a large number", (None, None)),
    ("a good number", (None, None)),
    ("a significant number", (None, None)),
    ("the majority", (None, None)),
    ("others", (None, None)),
    # modifiers compose
    ("no more than a few dozen", (None, 60)),
    ("hundreds, maybe more", (200, None)),
    ("more than a thousand", (1000, None)),
    ("at least several hundred", (300, None)),
    ("up to a few thousand", (None, 5000)),
    ("about a dozen", (12, 12)),
]


@pytest.mark.parametrize(("phrase", "interval"), TABLE)
def test_count_table(phrase: str, interval: tuple[int | None, int | None]) -> None:
    assert parse_count(phrase) == interval


@pytest.mark.parametrize(
    ("phrase", "share"),
    [
        ("10%", 10.0),
        ("12 percent", 12.0),
        ("7.5 per cent", 7.5),
        ("half", 50.0),
        ("a quarter", 25.0),
        ("a third", 33.0),
        ("two-thirds", 67.0),
    ],
)
def test_shares(phrase: str, share: float) -> None:
    assert parse_share(phrase) == share


@pytest.mark.parametrize("phrase", ["2016", "10%", "12 km", "the", "3 days", "$760"])
def test_not_counts(phrase: str) -> None:
    assert parse_count(phrase) is None


def test_numbers_in_words_and_digits() -> None:
    assert parse_number("forty-two") == 42
    assert parse_number("3,200") == 3200
    assert parse_number("2.4 million") == 2_400_000
    assert parse_number("banana") is None


def test_find_counts_skips_dates_and_years() -> None:
    text = "On 4 June 2015 about 300 militants left, and no one knows where 20 went."
    found = [(text[c.start : c.end], c.low, c.high) for c in find_counts(text)]
    assert found == [("about 300", 300, 300), ("20", 20, 20)]

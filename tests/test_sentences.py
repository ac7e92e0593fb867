"""Sentence splitting on real-looking extracted text."""

from __future__ import annotations

from extractors.claims.sentences import is_furniture, is_heading, split_sentences


def test_abbreviations_decimals_and_initials_do_not_split() -> None:
    text = "Dr. Ames met U.S. envoys on Monday. About 1.5 million people moved. J. Doe agreed."
    assert split_sentences(text) == [
        "Dr. Ames met U.S. envoys on Monday.",
        "About 1.5 million people moved.",
        "J. Doe agreed.",
    ]


def test_curly_quotes_and_ellipses() -> None:
    text = "“They left at night,” she said. The road was long… and dark. It ended... Then rain."
    assert split_sentences(text) == [
        "“They left at night,” she said.",
        "The road was long… and dark.",
        "It ended...",
        "Then rain.",
    ]


def test_non_breaking_spaces_kept_verbatim() -> None:
    text = "Some\u00a0200 men crossed. Others stayed."
    assert split_sentences(text) == ["Some\u00a0200 men crossed.", "Others stayed."]


def test_page_furniture_lines_are_dropped() -> None:
    text = "\n".join(
        [
            "Edit Content",
            "ADVERTISEMENT",
            "By Jane Roe",
            "Share this",
            "The convoy left the town before dawn.",
            "Follow Jane Roe on Twitter: @janeroe",
            "Photo credit: Someone / Agency",
            "Another sentence follows here.",
        ]
    )
    assert split_sentences(text) == [
        "The convoy left the town before dawn.",
        "Another sentence follows here.",
    ]


def test_hard_wrapped_lines_are_rejoined() -> None:
    text = "The fighters moved to the\nvalley last spring. Then they stopped."
    assert split_sentences(text) == [
        "The fighters moved to the valley last spring.",
        "Then they stopped.",
    ]


def test_furniture_and_headings() -> None:
    assert is_furniture("Share this article")
    assert not is_furniture("Share prices rose sharply in the morning session.")
    assert is_heading("Where did they go")
    assert not is_heading("They went east.")
